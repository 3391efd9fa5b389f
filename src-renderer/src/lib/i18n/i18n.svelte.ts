/**
 * UI language. Components never hard-code text: they call `i18n.t(key, vars)`. The active locale
 * follows the Settings choice, or navigator.language when that choice is 'system'. Reading `t` inside
 * a template subscribes to the locale, so switching re-renders every string.
 */
import type { LocaleSetting } from '../../../../src-main/archive/library/library-types';
import { en } from './en';
import { zhCN, type Message, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const tables: Record<Locale, Record<MessageKey, Message>> = { 'zh-CN': zhCN, en };

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

export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
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

  t = (key: MessageKey, vars?: Record<string, string | number>): string => {
    const message = tables[this.locale][key] ?? key;
    if (typeof message === 'string') return format(message, vars);
    const n = typeof vars?.n === 'number' ? vars.n : Number.NaN;
    const category = new Intl.PluralRules(this.locale).select(n);
    return format(category === 'one' && message.one !== undefined ? message.one : message.other, vars);
  };

  reset(): void {
    this.#setting = 'system';
  }
}

export const i18n = new I18n();
export const t = i18n.t;
