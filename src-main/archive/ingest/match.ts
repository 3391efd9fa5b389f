/**
 * Matching a page's parts to its headline list. A page never states which headline is its own
 * article, and teasers glue title and snippet together, so both are recovered by comparing folded text:
 * the main article by character-bigram overlap with the body, a teaser by the headline it starts with.
 * A teaser that starts with no headline is split by `splitTeaser`'s documented heuristic.
 */
import { foldFast, foldKey } from '../text/normalize.js';

/** Character bigrams of the folded key (single characters for one-character keys). */
export function bigrams(text: string): Set<string> {
  const chars = [...foldKey(text)];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Share of the title's bigrams found in the body: 1 when every pair of characters occurs there. */
export function overlapScore<T>(title: Set<T>, body: Set<T>): number {
  if (title.size === 0) return 0;
  let hit = 0;
  for (const g of title) if (body.has(g)) hit++;
  return hit / title.size;
}

/**
 * Below this share a headline is not the body's title. The seed's own title scores 0.78 while the best
 * other headline scores 0.33; titles of a story share most of their character pairs with its text.
 */
export const MAIN_TITLE_MIN_SCORE = 0.5;

const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/** Folded with foldFast (opencc only for text with a Traditional character): a score can afford it. */
function matchKey(text: string): string {
  return foldFast(text).replace(SEPARATORS, '');
}

/** Bigram codes of a key (the lone character for a one-character key). */
function keyCodes(key: string): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < key.length;) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (prev >= 0) out.push(prev * 0x110000 + cp);
    else if (i >= key.length) out.push(cp);
    prev = cp;
  }
  return out;
}

/** Index of the candidate whose bigrams best cover the body, or -1 when none reaches the threshold. */
export function bestTitleMatch(candidates: string[], bodyText: string): { index: number; score: number } {
  // Only the titles' few hundred bigrams are looked up in the body (a set of the body's thousands of
  // bigrams per page was most of the parse), with a per-character filter before the hash lookup.
  const titles = candidates.map((t) => new Set(keyCodes(matchKey(t))));
  const wanted = new Set<number>();
  const firstChar = new Uint8Array(0x10000);
  for (const set of titles) {
    for (const c of set) {
      wanted.add(c);
      firstChar[Math.floor(c / 0x110000) & 0xffff] = 1;
    }
  }
  const key = matchKey(bodyText);
  // A one-character body is its own (unigram) code, as for titles.
  const single = key.length <= 2 && [...key].length === 1;
  const body = new Set<number>(single ? keyCodes(key) : []);
  let prev = -1;
  for (let i = 0; i < key.length && !single;) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (prev >= 0 && firstChar[prev & 0xffff]) {
      const c = prev * 0x110000 + cp;
      if (wanted.has(c)) body.add(c);
    }
    prev = cp;
  }
  let index = -1;
  let score = 0;
  titles.forEach((set, i) => {
    const s = overlapScore(set, body);
    const title = candidates[i]!;
    // Ties go to the longer title: more evidence for the same share.
    if (s > score || (s === score && index >= 0 && title.length > candidates[index]!.length)) {
      index = i;
      score = s;
    }
  });
  return score >= MAIN_TITLE_MIN_SCORE ? { index, score } : { index: -1, score };
}

/**
 * Where `prefix` ends inside `text` when both are folded (width, case, script, punctuation and spaces
 * ignored), or -1 when `text` does not start with it. Returns an index into `text`. Callers matching
 * one text against many prefixes pass the folded forms in (folding is the costly part).
 */
export function foldedPrefixEnd(
  text: string,
  prefix: string,
  foldedText = foldKey(text),
  foldedPrefix = foldKey(prefix),
): number {
  if (text.startsWith(prefix)) return prefix.length;
  if (foldedPrefix === '' || !foldedText.startsWith(foldedPrefix)) return -1;
  // Walk forward until the folded prefix of `text` covers the wanted key (at most a few dozen steps).
  let raw = '';
  for (const ch of text) {
    raw += ch;
    const got = foldKey(raw);
    if (got.length >= foldedPrefix.length) return got.startsWith(foldedPrefix) ? raw.length : -1;
  }
  return -1;
}

export interface TeaserSplit {
  title: string;
  snippet: string;
}

/**
 * Lead-ins that open a news snippet: a date (`9月8日`, `2022年9月8日`) or a time word (`近日`,
 * `日前`, `今年` ...). Seen after a headline's second clause in the archive's teasers.
 */
const LEAD_IN =
  /(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|近期|近年来|今年以来|今年|去年|今天|今日|昨天|昨日|本报讯|据悉|记者从/u;
const CLAUSE_PUNCT = /[,，。:：;；!！?？]/u;
const ELLIPSIS = /\s*(?:\.{2,}|…+|。{2,})$/u;

/**
 * Split a teaser whose title is in no headline. The heuristic, in order:
 * 1. Headlines here are two clauses joined by a space (`东莞整治各类交通违法 进一步筑牢交通安全防线`),
 *    and the snippet usually opens with a date or time word (`近日,`, `9月8日,`). If such a lead-in
 *    starts after the space (leaving a second clause of at least two characters) and before the
 *    snippet's first punctuation, the title ends there.
 * 2. Otherwise, with a space in the first 40 characters, the title is the first clause (a complete
 *    headline on its own) and the snippet is everything after the space.
 * 3. Otherwise the title is the text before the first punctuation, if that is 4 to 40 characters.
 * 4. Otherwise the title is the first 30 characters and the snippet the whole teaser.
 * The snippet keeps its trailing `...`, as teasers matched through a headline do: it is cut off.
 */
export function splitTeaser(teaser: string): TeaserSplit {
  const text = teaser.trim();
  const clean = (s: string): string => s.trim();
  const space = text.search(/\s/);
  if (space > 0 && space <= 40) {
    const after = text.slice(space + 1);
    const punct = after.search(CLAUSE_PUNCT);
    const window = punct >= 0 ? after.slice(0, punct) : after;
    const lead = LEAD_IN.exec(window);
    if (lead && lead.index >= 2) {
      const cut = space + 1 + lead.index;
      return { title: text.slice(0, cut).trim(), snippet: clean(text.slice(cut)) };
    }
    return { title: text.slice(0, space).trim(), snippet: clean(after) };
  }
  const punct = text.search(CLAUSE_PUNCT);
  if (punct >= 4 && punct <= 40) {
    return { title: text.slice(0, punct).trim(), snippet: clean(text.slice(punct + 1)) };
  }
  return { title: [...text].slice(0, 30).join('').trim(), snippet: clean(text) };
}

export function endsWithEllipsis(line: string): boolean {
  return ELLIPSIS.test(line);
}
