/**
 * Matching a page's own article to its headline list. A page never states which headline is its own
 * article, so it is recovered by comparing folded text: character-bigram overlap with the body (one of
 * the cues in title-cues.ts). Teasers are matched in teaser-match.ts.
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
export function matchKey(text: string): string {
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

/**
 * A 16-bit hash of a pair of code points: a bitmap of the wanted pairs' hashes lets most of a body's
 * pairs be passed over without a lookup of their code, a number too large to be a small integer.
 */
function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x2c1b3c6d) ^ b) & 0xffff;
}

/** Index of the candidate whose bigrams best cover the body, or -1 when none reaches the threshold. */
export function bestTitleMatch(
  candidates: string[],
  bodyText: string,
  /** The body's match key, when the caller has it already. */
  bodyKey?: string,
  /** The candidates' match keys, likewise. */
  candidateKeys?: string[],
): { index: number; score: number; scores: number[] } {
  // Only the titles' few hundred bigrams are looked up in the body (a set of the body's thousands of
  // bigrams per page was most of the parse), with a filter on the pair's hash before the lookup.
  const titles = (candidateKeys ?? candidates.map(matchKey)).map((k) => new Set(keyCodes(k)));
  const wanted = new Set<number>();
  const pairs = new Uint8Array(0x10000);
  for (const set of titles) {
    for (const c of set) {
      wanted.add(c);
      pairs[pairHash(Math.floor(c / 0x110000), c % 0x110000)] = 1;
    }
  }
  const key = bodyKey ?? matchKey(bodyText);
  // A one-character body is its own (unigram) code, as for titles.
  const single = key.length <= 2 && [...key].length === 1;
  const body = new Set<number>(single ? keyCodes(key) : []);
  let prev = -1;
  for (let i = 0; i < key.length && !single;) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (prev >= 0 && pairs[pairHash(prev, cp)]) {
      const c = prev * 0x110000 + cp;
      if (wanted.has(c)) body.add(c);
    }
    prev = cp;
  }
  let index = -1;
  let score = 0;
  const scores = titles.map((set) => overlapScore(set, body));
  titles.forEach((_, i) => {
    const s = scores[i]!;
    const title = candidates[i]!;
    // Ties go to the longer title: more evidence for the same share.
    if (s > score || (s === score && index >= 0 && title.length > candidates[index]!.length)) {
      index = i;
      score = s;
    }
  });
  return score >= MAIN_TITLE_MIN_SCORE ? { index, score, scores } : { index: -1, score, scores };
}
