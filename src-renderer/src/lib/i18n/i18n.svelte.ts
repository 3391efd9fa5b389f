/**
 * UI language. Components never hard-code text: they call `i18n.t(key, vars)`. The active locale
 * follows the Settings choice, or navigator.language when that choice is 'system'. Reading `t` inside
 * a template subscribes to the locale, so switching re-renders every string.
 */
import type { LocaleSetting } from '$contract';
import {
  formatParts,
  template,
  translate,
  type Locale,
  type MessageKey,
  type MessagePart,
  type MessageVars,
} from '../../../../src-shared/i18n/translate';
import { noticeMessage, type Notice } from '../../../../src-shared/notice';

export { format, formatParts } from '../../../../src-shared/i18n/translate';
export type { Locale, MessageKey, MessagePart };

export function systemLocale(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Locale {
  for (const lang of languages) {
    const lower = lang.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

class I18n {
  #setting = $state<LocaleSetting>('system');
  #system = $state<Locale>(typeof navigator === 'undefined' ? 'zh-CN' : systemLocale());

  get setting(): LocaleSetting {
    return this.#setting;
  }

  get locale(): Locale {
    return this.#setting === 'system' ? this.#system : this.#setting;
  }

  set(setting: LocaleSetting): void {
    this.#setting = setting;
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
  }

  t = (key: MessageKey, vars?: MessageVars): string => translate(this.locale, key, vars);

  /** The message as parts, for text that sets some values apart (see `formatParts`). */
  parts = (key: MessageKey, vars?: MessageVars): MessagePart[] =>
    formatParts(template(this.locale, key, vars), vars);

  /** A desktop notice (data from the shell), worded in the active locale. */
  notice = (notice: Notice): string => {
    const { key, vars } = noticeMessage(notice);
    return this.t(key, vars);
  };

  reset(): void {
    this.#setting = 'system';
  }
}

export const i18n = new I18n();
export const t = i18n.t;
