/**
 * Matching a page's own article to its headline list. A page never states which headline is its own
 * article, so it is recovered by comparing folded text: character-bigram overlap with the body (one of
 * the cues in title-cues.ts). Teasers are matched in teaser-match.ts.
 */
import { foldFast, foldKey, stripKeySeparators } from '../text/normalize.js';
import { HashTable16 } from './hash-table.js';

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

/** Folded with foldFast (opencc only for text with a Traditional character): a score can afford it. */
export function matchKey(text: string): string {
  return stripKeySeparators(foldFast(text));
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

// Odd multipliers chosen per process: a hostile page cannot pick pairs that share one hash (and so
// one chain of slots, walked for every character of the body).
const PAIR_K1 = (Math.random() * 0x100000000) | 1;
const PAIR_K2 = (Math.random() * 0x100000000) | 1;

/** A 16-bit hash of a pair of code points. */
function pairHash(a: number, b: number): number {
  return Math.imul(Math.imul(a, PAIR_K1) ^ b, PAIR_K2) >>> 16;
}

/** The first slot of each pair hash (slots of one hash are chained through `next`). */
const slotsByHash = new HashTable16();

/** Index of the candidate whose bigrams best cover the body, or -1 when none reaches the threshold. */
export function bestTitleMatch(
  candidates: string[],
  bodyText: string,
  /** The body's match key, when the caller has it already. */
  bodyKey?: string,
  /** The candidates' match keys, likewise. */
  candidateKeys?: string[],
): { index: number; score: number; scores: number[] } {
  // Only the titles' few hundred bigrams are looked for in the body (a set of the body's thousands of
  // bigrams per page was most of the parse). Each distinct one gets a slot, found from the body's
  // pair through a table by hash and compared as a number: no hashing of codes too large to be small
  // integers, no set of the body's pairs.
  slotsByHash.clear();
  const codes: number[] = [];
  const next: number[] = [];
  const slotOf = (h: number, c: number): number => {
    let slot = slotsByHash.get(h);
    while (slot >= 0 && codes[slot] !== c) slot = next[slot]!;
    return slot;
  };
  // The title that last took each slot: a title counts each of its bigrams once.
  const lastTitle: number[] = [];
  const titleSlots = (candidateKeys ?? candidates.map(matchKey)).map((k, t) => {
    const slots: number[] = [];
    // A bigram's slot, made on first sight; each counts once per title.
    const take = (h: number, c: number): void => {
      let slot = slotOf(h, c);
      if (slot < 0) {
        slot = codes.length;
        codes.push(c);
        next.push(slotsByHash.get(h));
        slotsByHash.set(h, slot);
        lastTitle.push(-1);
      }
      if (lastTitle[slot] !== t) {
        lastTitle[slot] = t;
        slots.push(slot);
      }
    };
    // The codes of keyCodes(k), read in place.
    let prev = -1;
    for (let i = 0; i < k.length;) {
      const cp = k.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (prev >= 0) take(pairHash(prev, cp), prev * 0x110000 + cp);
      else if (i >= k.length) take(pairHash(0, cp), cp);
      prev = cp;
    }
    return slots;
  });
  const held = new Uint8Array(codes.length);
  const key = bodyKey ?? matchKey(bodyText);
  // A one-character body is its own (unigram) code, as for titles.
  const single = key.length <= 2 && [...key].length === 1;
  if (single) {
    for (const c of keyCodes(key)) {
      const slot = slotOf(pairHash(0, c), c);
      if (slot >= 0) held[slot] = 1;
    }
  }
  let prev = -1;
  for (let i = 0; i < key.length && !single;) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (prev >= 0) {
      const slot = slotOf(pairHash(prev, cp), prev * 0x110000 + cp);
      if (slot >= 0) held[slot] = 1;
    }
    prev = cp;
  }
  // As overlapScore: the share of the title's distinct bigrams the body holds.
  const scores = titleSlots.map((slots) => {
    let hit = 0;
    for (const slot of slots) hit += held[slot]!;
    return slots.length === 0 ? 0 : hit / slots.length;
  });
  let index = -1;
  let score = 0;
  titleSlots.forEach((_, i) => {
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
