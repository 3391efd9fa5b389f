/**
 * Import reasons as data. The decoder and the parser still say why a file fails in English with a
 * kind prefix (`binary: …`, `not the page format: …`, `too large: …`); this is the one place that
 * turns such a sentence into `{code, detail}` (the import step, and catalogs written before reasons
 * were data). The parser should return codes itself later; then this table goes.
 */
import type { ImportReason, ImportReasonCode, SourceRecord } from '../model.js';

/** Prefixes in the order they are tried; each keeps what follows it as the detail. */
const PREFIXES: [prefix: string, code: ImportReasonCode][] = [
  ['empty file', 'empty'],
  ['binary:', 'binary'],
  ['unreadable:', 'unreadable'],
  ['not the page format:', 'format'],
  ['not text', 'format'],
  ['could not parse:', 'parse'],
  ['same content as ', 'duplicate'],
  ['over size limit:', 'tooLarge'],
  ['too large:', 'tooLarge'],
  ['not an article:', 'notArticle'],
  ['truncated:', 'truncated'],
];

/** A reason sentence of the decoder or the parser as data; one of unknown shape is kept whole. */
export function reasonFromText(text: string): ImportReason {
  for (const [prefix, code] of PREFIXES) {
    if (!text.startsWith(prefix)) continue;
    // 'empty file (whitespace only)' keeps 'whitespace only'.
    const detail = text
      .slice(prefix.length)
      .trim()
      .replace(/^\((.*)\)$/, '$1');
    return { code, detail };
  }
  return { code: 'other', detail: text };
}

export function sameReason(a: ImportReason | undefined, b: ImportReason | undefined): boolean {
  return a?.code === b?.code && a?.detail === b?.detail;
}

/** A source record of a catalog written when reasons were sentences, with its reason as data. */
export function upgradeSourceReason(source: SourceRecord): SourceRecord | undefined {
  const reason = source.reason as unknown;
  return typeof reason === 'string' ? { ...source, reason: reasonFromText(reason) } : undefined;
}
