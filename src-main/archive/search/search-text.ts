/**
 * Search text: how documents and queries are folded and cut into index tokens. Both sides go through
 * exactly these functions, so a Traditional, full-width or upper-case query meets its Simplified,
 * half-width, lower-case document. Tokens are CJK character bigrams (a lone CJK character becomes a
 * unigram) and Latin/digit words; spaces and punctuation never break a CJK run, so
 * `近邻党建 主心骨` and `近邻党建“主心骨”` give the same tokens.
 */
import { foldFast, foldText, needsSimplify } from '../text/normalize.js';

export { foldFast };

/** Numeric token for CJK: a unigram is its code point, a bigram `a * CP_SPAN + b` (always larger). */
export const CP_SPAN = 0x110000;

const foldCharCache = new Map<string, string>();

export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

const wordCharCache = new Map<number, boolean>();
/** Letters and digits outside CJK: the characters of Latin/digit words. */
export function isWordChar(cp: number): boolean {
  if (cp < 0x80)
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  let v = wordCharCache.get(cp);
  if (v === undefined) {
    v = !isCjk(cp) && /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp));
    wordCharCache.set(cp, v);
  }
  return v;
}

/**
 * A folded key with a way back: `key` is the folded text without spaces and punctuation; `start[i]`
 * and `end[i]` are the offsets in the original string of the character that gave key unit i.
 */
export interface MappedKey {
  key: string;
  start: number[];
  end: number[];
}

const SEPARATOR = /[\s\p{P}\p{S}]/u;
const sepCache = new Map<string, boolean>();
function isSeparator(ch: string): boolean {
  let v = sepCache.get(ch);
  if (v === undefined) {
    v = SEPARATOR.test(ch);
    sepCache.set(ch, v);
  }
  return v;
}

export function mappedKey(src: string): MappedKey {
  // Fold per character so each folded unit knows its source; then simplify the whole string when
  // needed (opencc keeps length for nearly all entries; if not, simplify per character).
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < src.length;) {
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    let f = foldCharCache.get(ch);
    if (f === undefined) {
      f = ch.normalize('NFKC').toLowerCase();
      foldCharCache.set(ch, f);
    }
    for (let k = 0; k < f.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  if (needsSimplify(folded)) {
    const s = foldText(folded);
    if (s.length === folded.length) folded = s;
    else {
      let out = '';
      for (let i = 0; i < folded.length; i++) {
        const c = foldText(folded[i]!);
        out += c.length === 1 ? c : folded[i]!;
      }
      folded = out;
    }
  }
  let key = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    if (isSeparator(ch)) continue;
    key += ch;
    start.push(from[i]!);
    end.push(to[i]!);
  }
  return { key, start, end };
}

/** Folded text without spaces and punctuation: what phrases are compared on. */
export function searchKey(folded: string): string {
  return folded.replace(/[\s\p{P}\p{S}]+/gu, '');
}

// 0 = unknown, 1 = kept, 2 = separator; BMP only (astral characters go through the regex).
const sepFlag = new Uint8Array(0x10000);

/**
 * The folded form of a title that decides which headlines are one (headline-folds.ts's rule, and the
 * catalog's `fold` column): folded as search folds, without spaces and punctuation.
 */
export function titleFold(title: string): string {
  return stripSeparators(foldFast(title));
}

/** searchKey by a per-character table: the Unicode-property regex was most of a context's cost. */
export function stripSeparators(folded: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return out + searchKey(folded.slice(from));
    let f = sepFlag[c]!;
    if (f === 0) sepFlag[c] = f = SEPARATOR.test(String.fromCharCode(c)) ? 2 : 1;
    if (f === 2) {
      if (i > from) out += folded.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? folded : out + folded.slice(from);
}

export interface Tokens {
  /** CJK unigram/bigram codes, in text order, possibly repeated. */
  grams: number[];
  /** Latin/digit words, in text order. */
  words: string[];
}

/** Cut folded text into index tokens (see the module header). */
export function tokenize(folded: string, out: Tokens = { grams: [], words: [] }): Tokens {
  let prev = -1; // previous CJK code point in the current run
  let runLen = 0;
  let word = '';
  const endRun = (): void => {
    if (runLen === 1) out.grams.push(prev);
    prev = -1;
    runLen = 0;
  };
  for (let i = 0; i < folded.length;) {
    const cp = folded.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (isCjk(cp)) {
      if (word) {
        out.words.push(word);
        word = '';
      }
      if (prev >= 0) out.grams.push(prev * CP_SPAN + cp);
      prev = cp;
      runLen++;
    } else if (isWordChar(cp)) {
      if (runLen) endRun();
      word += String.fromCodePoint(cp);
    } else if (word) {
      // Separators end a word but not a CJK run.
      out.words.push(word);
      word = '';
    }
  }
  if (word) out.words.push(word);
  if (runLen) endRun();
  return out;
}

/** One whitespace-separated part of a query. */
export interface QueryTerm {
  key: string;
  grams: number[];
  words: string[];
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** All terms' keys joined: the phrase whose presence in a title ranks highest. */
  phraseKey: string;
  /** Letters only (spaces removed), for pinyin: set when the query is nothing but ASCII letters. */
  pinyin?: string;
}

export function parseQuery(q: string): ParsedQuery {
  const folded = foldFast(q);
  const terms: QueryTerm[] = [];
  for (const part of folded.split(/\s+/)) {
    if (!part) continue;
    const t = tokenize(part);
    const key = searchKey(part);
    if (!key || (t.grams.length === 0 && t.words.length === 0)) continue;
    terms.push({ key, grams: [...new Set(t.grams)], words: [...new Set(t.words)] });
  }
  const letters = folded.replace(/\s+/g, '');
  const out: ParsedQuery = { terms, phraseKey: terms.map((t) => t.key).join('') };
  if (/^[a-z]{2,}$/.test(letters)) out.pinyin = letters;
  return out;
}
