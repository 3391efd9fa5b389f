/**
 * Why the core rejected (or set apart) an imported file. The core writes its reasons in English with
 * a category prefix (src-main/archive/ingest: decode.ts, parse-page.ts, import-files.ts); the Sources
 * view shows the category in the UI language and keeps the rest, the detail, as the core wrote it.
 */
import type { MessageKey } from './i18n/i18n.svelte';

export type ReasonCategory =
  'empty' | 'binary' | 'unreadable' | 'format' | 'parse' | 'duplicate' | 'tooLarge';

/** Prefixes in the order they are tried; each keeps what follows it as the detail. */
const PREFIXES: [prefix: string, category: ReasonCategory][] = [
  ['empty file', 'empty'],
  ['binary:', 'binary'],
  ['unreadable:', 'unreadable'],
  ['not the page format:', 'format'],
  ['could not parse:', 'parse'],
  ['same content as ', 'duplicate'],
  ['over size limit:', 'tooLarge'],
  ['too large:', 'tooLarge'],
];

export interface ImportReason {
  /** Unknown when the reason has none of the known prefixes: then `detail` is the whole reason. */
  category?: ReasonCategory;
  detail: string;
}

export function parseImportReason(reason: string): ImportReason {
  for (const [prefix, category] of PREFIXES) {
    if (!reason.startsWith(prefix)) continue;
    // 'empty file (whitespace only)' keeps 'whitespace only'.
    const detail = reason
      .slice(prefix.length)
      .trim()
      .replace(/^\((.*)\)$/, '$1');
    return { category, detail };
  }
  return { detail: reason };
}

export const reasonKey = (category: ReasonCategory): MessageKey => `sources.reason.${category}`;
