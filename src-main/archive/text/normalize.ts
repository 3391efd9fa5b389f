/**
 * Text folding shared by ids and search: the same story written in full-width forms, another case or
 * Traditional characters must meet its Simplified, half-width twin. Kept apart from search so that the
 * importer's stable ids and the search index can never fold text differently.
 */
import { Converter, Locale, type DictGroup, type DictLike } from 'opencc-js';

// From Taiwan standard ('tw'), a superset of plain 't' here: it also knows Taiwan phrases, so `著力`
// folds to `着力` like its Simplified original (with 't' it stayed `著力` and the ids differed).
const convert = Converter({ from: 'tw', to: 'cn' });

/**
 * The characters opencc may change (BMP only): those of its dictionaries' keys where a key differs
 * from its value (every character of a key whose value has another length). In text without one of
 * them every match opencc finds maps to itself, so the text comes out as it went in, and opencc (the
 * costly step of folding a Simplified headline) is skipped. Undefined: the dictionaries are not the
 * ones read here (another opencc-js), and text is always converted.
 */
const CHANGED = changedChars();

function changedChars(): Uint8Array | undefined {
  // What Converter({ from: 'tw', to: 'cn' }) runs in opencc-js 1.4: normalization, then conversion.
  const config = Locale.configs['tw2s'] as
    { normalizationChain?: readonly DictGroup[]; conversionChain?: readonly DictGroup[] } | undefined;
  if (!config?.conversionChain) return undefined;
  const out = new Uint8Array(0x10000);
  const add = (ch: string): void => {
    const c = ch.codePointAt(0)!;
    if (c <= 0xffff) out[c] = 1;
  };
  for (const dict of [...(config.normalizationChain ?? []), ...config.conversionChain].flat()) {
    for (const [key, value] of entries(dict)) {
      if (key === value) continue;
      const k = [...key];
      const v = [...value];
      if (k.length !== v.length) k.forEach(add);
      else k.forEach((ch, i) => ch !== v[i] && add(ch));
    }
  }
  return out;
}

/** A dictionary's entries, as opencc-js reads them (`key value|key value`, or pairs). */
function entries(dict: DictLike): (readonly [string, string])[] {
  if (typeof dict !== 'string') return [...dict];
  if (dict === '') return [];
  return dict.split('|').map((line) => {
    const [key = '', value = ''] = line.split(' ');
    return [key, value] as const;
  });
}

/** Whether opencc may change the text (any astral character counts as a change). */
export function mayConvert(text: string): boolean {
  if (!CHANGED) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (CHANGED[c] === 1 || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/**
 * Ideographic description characters (U+2FF0–U+2FFF). opencc-js reads the sequence each one opens
 * (`⿰木木`) recursively and tries again one character on when the text runs out first, which takes
 * exponential time: a title with sixty of them in a row never finished folding. Runs of them are cut
 * out and kept as written, and the text between them is converted piece by piece, which is what opencc
 * does to that text anyway (no dictionary phrase holds one of these characters); only the characters a
 * sequence describes, copied unconverted by opencc, are converted here.
 */
const IDC_RUNS = /([\u2ff0-\u2fff]+)/;

function toSimplified(text: string): string {
  if (!mayConvert(text)) return text;
  if (!IDC_RUNS.test(text)) return convert(text);
  return text
    .split(IDC_RUNS)
    .map((part, i) => (i % 2 === 1 ? part : convert(part)))
    .join('');
}

// opencc is most of an import's CPU, and short strings (headlines, labels, bylines) recur across the
// pages of an archive: their folds are memoised. Exact: the same input always folds the same way.
const MEMO_MAX_LENGTH = 80;
const MEMO_MAX_ENTRIES = 50_000;
const memo = new Map<string, string>();

/**
 * Whether NFKC and lower-casing leave the text as it is, told without either: every character is a
 * CJK unified ideograph (Ext. A and the basic block), printable ASCII but a capital, or common CJK
 * punctuation (、。〈〉《》「」『』【】‘’“”—·). None has a decomposition, a combining class or a lower
 * case, so a text of them is already in NFKC and in lower case (most headline clauses are).
 */
export function isFoldStable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c >= 0x4e00
        ? c <= 0x9fff
        : c < 0x80
          ? c >= 0x20 && c !== 0x7f && (c < 0x41 || c > 0x5a)
          : stablePunct(c)
    )
      continue;
    return false;
  }
  return true;
}

function stablePunct(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x4dbf) ||
    c === 0x3001 ||
    c === 0x3002 ||
    (c >= 0x3008 && c <= 0x3011) ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2014 ||
    c === 0xb7
  );
}

/** text.normalize('NFKC').toLowerCase(), skipped where it changes nothing. */
function nfkcLower(text: string): string {
  return isFoldStable(text) ? text : text.normalize('NFKC').toLowerCase();
}

/** NFKC (full-width to half-width), lower case, Traditional to Simplified. Length may change. */
export function foldText(text: string): string {
  if (text.length > MEMO_MAX_LENGTH) return toSimplified(nfkcLower(text));
  let out = memo.get(text);
  if (out === undefined) {
    out = toSimplified(nfkcLower(text));
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, out);
  }
  return out;
}

/** Folded text with spaces and punctuation removed: the key for comparing titles. */
export function foldKey(text: string): string {
  return stripKeySeparators(foldText(text));
}

// 0 = unknown, 1 = plain, 2 = changes under Traditional→Simplified. BMP only; astral chars always convert.
const tradFlag = new Uint8Array(0x10000);

/** Whether any character would change under Traditional→Simplified on its own (opencc is the slow step). */
export function needsSimplify(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    if (c >= 0xd800 && c <= 0xdfff) return true;
    let f = tradFlag[c]!;
    if (f === 0) {
      const ch = String.fromCharCode(c);
      f = foldText(ch) !== ch.normalize('NFKC').toLowerCase() ? 2 : 1;
      tradFlag[c] = f;
    }
    if (f === 2) return true;
  }
  return false;
}

/**
 * The fold used by search and by headline matching: as foldText, but opencc is skipped for text
 * without a single Traditional character (most of an archive). Not for ids: a phrase made only of
 * characters shared by both scripts (`著力`) stays as written here.
 */
export function foldFast(text: string): string {
  const n = nfkcLower(text);
  if (!needsSimplify(n)) return n;
  // foldText(text), without normalising a long text a second time (short ones may be memoised).
  return text.length > MEMO_MAX_LENGTH ? toSimplified(n) : foldText(text);
}

const SEPARATOR = /^[\s\p{P}\p{S}]$/u;
/** Per BMP code unit: 0 = not looked at yet, 1 = space, punctuation or symbol, 2 = not. */
const separatorFlag = new Uint8Array(0x10000);

function isSeparatorAt(text: string, i: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return SEPARATOR.test(text.slice(i, i + 2));
  }
  let f = separatorFlag[c]!;
  if (f === 0) separatorFlag[c] = f = SEPARATOR.test(String.fromCharCode(c)) ? 1 : 2;
  return f === 1;
}

/**
 * The text without spaces, punctuation and symbols: `text.replace(/[\s\p{P}\p{S}]+/gu, '')`, read
 * through a table filled from the same pattern (the pattern cost 25 ns a character on a body).
 */
export function stripKeySeparators(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isSeparatorAt(text, i, c)) continue;
    if (i > from) out += text.slice(from, i);
    if (c >= 0xd800 && c <= 0xdbff) i++; // the pair was one separator
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
