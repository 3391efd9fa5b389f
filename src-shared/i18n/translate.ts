/**
 * Wording a message from the one text table, for any side: the renderer's `i18n` wraps it with the
 * reactive locale, the main process words its menu, dialogs and notices with it. No Node, no DOM.
 */
import { en } from './en.js';
import { zhCN, type Message, type MessageKey } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export type { Message, MessageKey };
export type MessageVars = Record<string, string | number>;

export const tables: Record<Locale, Record<MessageKey, Message>> = { 'zh-CN': zhCN, en };

/** A piece of a message: literal text, or the value of the placeholder `name`. */
export interface MessagePart {
  text: string;
  name?: string;
}

/** Splits a template at its placeholders, so a caller can set values apart (e.g. paths as code). */
export function formatParts(template: string, vars?: MessageVars): MessagePart[] {
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

export function format(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** The message's template in `locale`; a plural message picks its form by `vars.n`. */
export function template(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const message = tables[locale][key] ?? key;
  if (typeof message === 'string') return message;
  const n = typeof vars?.n === 'number' ? vars.n : Number.NaN;
  const category = new Intl.PluralRules(locale).select(n);
  return category === 'one' && message.one !== undefined ? message.one : message.other;
}

/** The message `key` in `locale`, its placeholders filled from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  return format(template(locale, key, vars), vars);
}
