/**
 * Pinyin of titles: the full spelling without tones and the initials, each with the syllable
 * boundaries, so `dangjian`, `jinlindangjian` and `jldj` find a title and can be highlighted on it.
 */
import type { pinyin as PinyinFn } from 'pinyin-pro';
import { foldText } from '../text/normalize.js';

// pinyin-pro's dictionary takes 0.1-0.4 s to load: a cold start that only searches an existing index
// never needs it, so it is loaded on the first indexing (loadPinyin) instead of at start-up.
let pinyin: typeof PinyinFn | undefined;

/** Load the pinyin dictionary; titlePinyin needs it. */
export async function loadPinyin(): Promise<void> {
  pinyin ??= (await import('pinyin-pro')).pinyin;
}
import type { Range } from './search-types.js';

export interface TitlePinyin {
  /** Syllables joined, e.g. `fujianquanmian…`. */
  full: string;
  /** First letters, one per CJK character, e.g. `fjqm…`. */
  initials: string;
  /** Offset in `full` where each syllable starts (same order as `initials`). */
  starts: number[];
  /** Offset in the title string of the character each syllable spells. */
  chars: number[];
}

/** Characters folded so far (a title's are folded one by one; an archive uses a few thousand). */
const simpleChars = new Map<string, string>();
const hanChars = new Map<string, boolean>();
const CHARS_KEPT = 50_000;

/** The character's Simplified form, or itself when folding does not give one character. */
function simpleChar(c: string): string {
  let f = simpleChars.get(c);
  if (f === undefined) {
    f = foldText(c);
    if ([...f].length !== 1) f = c;
    if (simpleChars.size >= CHARS_KEPT) simpleChars.clear();
    simpleChars.set(c, f);
  }
  return f;
}

function isHan(c: string): boolean {
  let han = hanChars.get(c);
  if (han === undefined) {
    han = /\p{Script=Han}/u.test(c);
    if (hanChars.size >= CHARS_KEPT) hanChars.clear();
    hanChars.set(c, han);
  }
  return han;
}

export function titlePinyin(title: string): TitlePinyin {
  if (!pinyin) throw new Error('titlePinyin before loadPinyin()');
  const spell = pinyin;
  const out: TitlePinyin = { full: '', initials: '', starts: [], chars: [] };
  const chars = [...title];
  // Spell the Simplified form (pinyin-pro knows it best), one character for one character.
  const simple = chars.map(simpleChar);
  const syllables = spell(simple.join(''), { toneType: 'none', type: 'array', v: true });
  let offset = 0;
  // pinyin-pro gives one entry per character when the text is CJK; fall back to per-char when not.
  const aligned = syllables.length === chars.length;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const sc = simple[i]!;
    const s = (aligned ? syllables[i]! : spell(sc, { toneType: 'none', v: true })).toLowerCase();
    if (/^[a-z]+$/.test(s) && isHan(sc)) {
      out.starts.push(out.full.length);
      out.chars.push(offset);
      out.full += s;
      out.initials += s[0];
    }
    offset += ch.length;
  }
  return out;
}

/** Compact persisted form: `full|initials|starts,…|chars,…`. */
export function encodePinyin(p: TitlePinyin): string {
  return `${p.full}|${p.initials}|${p.starts.join(',')}|${p.chars.join(',')}`;
}

export function decodePinyin(s: string): TitlePinyin {
  const [full = '', initials = '', starts = '', chars = ''] = s.split('|');
  const nums = (x: string): number[] => (x ? x.split(',').map(Number) : []);
  return { full, initials, starts: nums(starts), chars: nums(chars) };
}

/**
 * Where letters match the title's pinyin from the start of a syllable: the first and last syllable
 * index of the match, and whether it was the full spelling (better) or the initials. The match may
 * end inside its last syllable, as a query typed letter by letter does (`dan`, `dangj` on the way to
 * `dangjian`), so results do not vanish between keystrokes.
 */
export function matchPinyin(
  p: { full: string; initials: string; starts: number[] },
  letters: string,
): { first: number; last: number; full: boolean } | undefined {
  let at = p.full.indexOf(letters);
  while (at >= 0) {
    const first = bsearch(p.starts, at);
    if (first >= 0) return { first, last: bsearchFloor(p.starts, at + letters.length - 1), full: true };
    at = p.full.indexOf(letters, at + 1);
  }
  if (letters.length >= 2 && letters.length <= 12) {
    const i = p.initials.indexOf(letters);
    if (i >= 0) return { first: i, last: i + letters.length - 1, full: false };
  }
  return undefined;
}

/**
 * matchPinyin on the encoded form (see encodePinyin), without decoding it: a query over a large
 * archive checks tens of thousands of titles, and decoding each one's syllable list was most of the
 * cost and garbage. The spans are worked out (with matchPinyin) only for the hits shown.
 */
export function pinyinMatchKind(encoded: string, letters: string): 'full' | 'initials' | undefined {
  const fullEnd = encoded.indexOf('|');
  const initialsEnd = encoded.indexOf('|', fullEnd + 1);
  const n = letters.length;
  for (let at = encoded.indexOf(letters); at >= 0 && at + n <= fullEnd; at = encoded.indexOf(letters, at + 1))
    if (isSyllableStart(encoded, initialsEnd + 1, at)) return 'full';
  if (n >= 2 && n <= 12) {
    const i = encoded.indexOf(letters, fullEnd + 1);
    if (i >= 0 && i + n <= initialsEnd) return 'initials';
  }
  return undefined;
}

/** Whether `at` is a syllable start, reading the ascending comma-separated starts at `p` in place. */
function isSyllableStart(encoded: string, p: number, at: number): boolean {
  let v = 0;
  let digits = 0;
  for (; ; p++) {
    const c = p < encoded.length ? encoded.charCodeAt(p) : 0x7c;
    if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + c - 0x30;
      digits++;
      continue;
    }
    if (digits && v >= at) return v === at;
    if (c === 0x7c) return false; // '|': the end of the starts
    v = 0;
    digits = 0;
  }
}

/** Title ranges for a pinyin match (syllable i spells the character at `chars[i]`). */
export function pinyinRanges(title: string, p: TitlePinyin, first: number, last: number): Range[] {
  const ranges: Range[] = [];
  for (let i = first; i <= last; i++) {
    const at = p.chars[i]!;
    const len = title.codePointAt(at)! > 0xffff ? 2 : 1;
    const prev = ranges[ranges.length - 1];
    if (prev && prev[1] === at) prev[1] = at + len;
    else ranges.push([at, at + len]);
  }
  return ranges;
}

function bsearch(a: number[], v: number): number {
  const i = bsearchFloor(a, v);
  return a[i] === v ? i : -1;
}

function bsearchFloor(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= v) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
