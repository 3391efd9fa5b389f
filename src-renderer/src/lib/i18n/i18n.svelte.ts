/**
 * UI language. Components never hard-code text: they call `i18n.t(key, vars)`. The active locale
 * follows the Settings choice, or navigator.language when that choice is 'system'. Reading `t` inside
 * a template subscribes to the locale, so switching re-renders every string.
 */
import type { LocaleSetting } from '$contract';
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

/** A piece of a message: literal text, or the value of the placeholder `name`. */
export interface MessagePart {
  text: string;
  name?: string;
}

/** Splits a template at its placeholders, so a component can set values apart (e.g. paths as code). */
export function formatParts(template: string, vars?: Record<string, string | number>): MessagePart[] {
  const out: MessagePart[] = [];
  let at = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const name = m[1]!;
    if (!vars || !Object.hasOwn(vars, name)) continue;
    if (m.index > at) out.push({ text: template.slice(at, m.index) });
    out.push({ text: String(vars[name]), name });
    at = m.index + m[0].length;
  }
  if (at < template.length) out.push({ text: template.slice(at) });
  return out;
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

  t = (key: MessageKey, vars?: Record<string, string | number>): string =>
    format(this.#template(key, vars), vars);

  /** The message as parts, for text that sets some values apart (see `formatParts`). */
  parts = (key: MessageKey, vars?: Record<string, string | number>): MessagePart[] =>
    formatParts(this.#template(key, vars), vars);

  /** The message's template in the active locale; a plural message picks its form by `vars.n`. */
  #template(key: MessageKey, vars?: Record<string, string | number>): string {
    const message = tables[this.locale][key] ?? key;
    if (typeof message === 'string') return message;
    const n = typeof vars?.n === 'number' ? vars.n : Number.NaN;
    const category = new Intl.PluralRules(this.locale).select(n);
    return category === 'one' && message.one !== undefined ? message.one : message.other;
  }

  reset(): void {
    this.#setting = 'system';
  }
}

export const i18n = new I18n();
export const t = i18n.t;
