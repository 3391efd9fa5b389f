/**
 * A query's near misses (docs holding all its tokens but one or two) as bitsets, for the page worked
 * out from bitsets (exact-page.ts): which docs lack one or two tokens is worked out a word of 32 docs
 * at a time, the near misses are sorted into bitsets by closeness (their `sub`, as the full pass
 * gives it: how many bigrams their titles hold is looked up for them alone), and a class's docs are
 * read newest first only when the page reaches them. A typo at 300,000 pages has about 265,000 near
 * misses; listing, folding and ordering them was most of its time (about 50–70 ms).
 *
 * The full pass (search-engine.ts, fuzzy-rank.ts) gives the same page: its closeness of a near miss
 * is k / n + 0.5 * t / n (k tokens held, t bigrams in the title), fuse.js scores the 40 closest
 * (ties: the newer), and a score raises that one's closeness.
 */
import type { ParsedQuery } from './search-text.js';
import type { SearchIndex } from './search-index.js';
import type { Recency } from './coarse-ranks.js';
import { andWords, DocSet } from './doc-set.js';
import { FUZZY_RANKED, fuseScores } from './fuzzy-rank.js';
import { cmpTime } from './search-order.js';
import { RecencyStream, wordNewest } from './recency-stream.js';

/** A query token's lists as the near misses need them. */
export interface NearToken {
  lists: Uint8Array[];
  title: Uint8Array[];
  /** A CJK bigram: held in the title, it counts towards closeness. */
  bigram: boolean;
}

export interface NearMisses {
  /**
   * Every live match, exact or near (docs holding all the tokens but two at most), in words [lo,
   * hi): for the total, the counts and the folds (a fold's newest match stands for it, of any tier).
   */
  union: Uint32Array;
  lo: number;
  hi: number;
  /** The near misses' closeness values, closest first: the classes of the relevance order. */
  subs: number[];
  /**
   * The near misses of class c (of `kind`'s docs if given), as words [lo, hi) of a buffer reused
   * at the next call; undefined when there are none.
   */
  classBits(c: number, kind?: Uint32Array): Uint32Array | undefined;
  /** A near miss's closeness (raised by its fuse.js score in the head). */
  subOf(d: number): number;
  /** The head fuse.js scored, closest first (ties: the newer), each doc with its closeness. */
  head: { d: number; sub: number }[];
}

/** Buffers kept from one query to the next (a few MB at a million pages: no allocation a keystroke). */
const anySets: DocSet[] = [];
/** Per bigram token, its docs holding it in the title. */
const titleSets: DocSet[] = [];
const classSets: DocSet[] = [];
let oneBuffer = new Uint32Array(0);
let nearBuffer = oneBuffer;
let unionBuffer = oneBuffer;
let kindBuffer = oneBuffer;

/**
 * The near misses of a query of `tokens` (four or more: every near miss then holds half of them, and
 * the full pass keeps them all) over docs 0 .. n-1, the live ones (`live`: see liveDocs).
 * Undefined when no doc holds all the tokens but two. Valid until the next query (its buffers are
 * kept from one to the next).
 */
export function nearMisses(
  index: SearchIndex,
  pq: ParsedQuery,
  tokens: readonly NearToken[],
  /** Token numbers, rarest first: a near miss holds one of the first three. */
  bySize: readonly number[],
  n: number,
  live: Uint32Array,
  recency: Recency,
): NearMisses | undefined {
  const nTokens = tokens.length;
  const words = (n + 31) >>> 5;
  if (oneBuffer.length < words) {
    oneBuffer = new Uint32Array(words);
    nearBuffer = new Uint32Array(words);
    unionBuffer = new Uint32Array(words);
    kindBuffer = new Uint32Array(words);
  }
  const bigrams = tokens.filter((t) => t.bigram);
  while (anySets.length < nTokens) anySets.push(new DocSet());
  while (titleSets.length < bigrams.length) titleSets.push(new DocSet());
  const docsOf = (set: DocSet, lists: Uint8Array[]): Uint32Array => {
    set.assign(lists, n);
    return set.bits;
  };
  const held = tokens.map((t, i) => docsOf(anySets[i]!, t.lists));
  const titles = bigrams.map((t, i) => docsOf(titleSets[i]!, t.title));
  // Where near misses can be: the docs of the three rarest tokens.
  let lo = words;
  let hi = 0;
  for (const t of bySize.slice(0, 3)) {
    const set = anySets[t]!;
    if (set.empty) continue;
    lo = Math.min(lo, set.lo);
    hi = Math.max(hi, set.hi);
  }
  if (lo >= hi) return undefined;

  // The classes: each closeness worked out as the full pass does (k tokens held, t bigrams in the
  // title; equal values from other counts are one class).
  const subOfCounts = (k: number, t: number): number => k / nTokens + (0.5 * t) / nTokens;
  const values = new Set<number>();
  for (const k of [nTokens - 1, nTokens - 2])
    for (let t = 0; t <= bigrams.length; t++) values.add(subOfCounts(k, t));
  const subs = [...values].sort((a, b) => b - a);
  const classOf = new Map(subs.map((v, c) => [v, c]));
  /** By 2 * t + (lacking two ? 1 : 0), the class. */
  const classAt = new Uint8Array(2 * (bigrams.length + 1));
  for (let t = 0; t <= bigrams.length; t++)
    for (const lacking of [0, 1])
      classAt[2 * t + lacking] = classOf.get(subOfCounts(nTokens - 1 - lacking, t))!;
  // A class's set is cleared (or made) when its first doc comes: most classes are empty.
  while (classSets.length < subs.length) classSets.push(new DocSet());
  const classWords: (Uint32Array | undefined)[] = subs.map(() => undefined);
  const open = (c: number): Uint32Array => {
    classSets[c]!.clear(n);
    return (classWords[c] = classSets[c]!.bits);
  };

  // Zero outside [lo, hi) too: a fold's members are looked up anywhere.
  const union = unionBuffer.fill(0, 0, lo).fill(0, hi, words);
  const any = lackingPass(held, lo, hi, live, union, oneBuffer, nearBuffer);
  classPass(nearBuffer, oneBuffer, titles, lo, hi, classAt, classWords, open);
  if (!any) return undefined;
  for (let c = 0; c < subs.length; c++) if (classWords[c]) [classSets[c]!.lo, classSets[c]!.hi] = [lo, hi];
  const titleCount = (d: number): number => {
    let t = 0;
    for (const bits of titles) t += (bits[d >>> 5]! >>> (d & 31)) & 1;
    return t;
  };

  const classBits = (c: number, kind?: Uint32Array): Uint32Array | undefined => {
    const set = classSets[c]!;
    if (!classWords[c]) return undefined;
    if (!kind) return set.bits;
    return andWords(set.bits, kind, lo, hi, kindBuffer) ? kindBuffer : undefined;
  };
  // The head: the closest few, newest first within a class, scored by fuse.js.
  const newest = wordNewest(index, recency);
  const picked: { d: number; sub: number }[] = [];
  for (let c = 0; c < subs.length && picked.length < FUZZY_RANKED; c++) {
    const bits = classBits(c);
    if (!bits) continue;
    const stream = new RecencyStream(bits, lo, hi, recency, index, newest, FUZZY_RANKED - picked.length);
    for (let d = stream.next(); d >= 0 && picked.length < FUZZY_RANKED; d = stream.next())
      picked.push({ d, sub: subs[c]! });
  }
  const scores = fuseScores(
    index,
    pq,
    picked.map((p) => p.d),
  );
  const head = picked.map(({ d, sub }, i) => ({
    d,
    sub: sub + (scores[i] === undefined ? 0 : 1 - scores[i]!),
  }));
  head.sort((a, b) => b.sub - a.sub || cmpTime(index, a.d, b.d, recency));
  const inHead = new Map(head.map((h) => [h.d, h.sub]));

  const subOf = (d: number): number => {
    const raised = inHead.get(d);
    if (raised !== undefined) return raised;
    const k = (oneBuffer[d >>> 5]! >>> (d & 31)) & 1 ? nTokens - 1 : nTokens - 2;
    return subOfCounts(k, titleCount(d));
  };
  return { union, lo, hi, subs, classBits, subOf, head };
}

/**
 * A word of 32 docs at a time, which docs lack none of the tokens, one or two (three words of state,
 * in registers): every live match goes to `union`, those lacking one to `one`, the near misses to
 * `near`. Returns whether there is any match. (Loops of their own: a pass over a large archive is
 * optimized early, where in one function with the rest it ran unoptimized through the first
 * queries, 50–100 ms at 300,000 pages.)
 */
function lackingPass(
  held: readonly Uint32Array[],
  lo: number,
  hi: number,
  live: Uint32Array,
  union: Uint32Array,
  one: Uint32Array,
  near: Uint32Array,
): number {
  const nTokens = held.length;
  let any = 0;
  for (let w = lo; w < hi; w++) {
    let a0 = -1;
    let a1 = 0;
    let a2 = 0;
    for (let i = 0; i < nTokens; i++) {
      const x = held[i]![w]!;
      a2 = (a2 & x) | (a1 & ~x);
      a1 = (a1 & x) | (a0 & ~x);
      a0 &= x;
    }
    const u = (a0 | a1 | a2) & live[w]!;
    union[w] = u;
    one[w] = a1;
    near[w] = u & ~a0;
    any |= u;
  }
  return any;
}

/**
 * Each near miss into its class's bitset (made by `open` at its first doc): by lacking one token or
 * two and how many bigrams its title holds (a look per bigram: about one doc in thirty is a near
 * miss).
 */
function classPass(
  near: Uint32Array,
  one: Uint32Array,
  titles: readonly Uint32Array[],
  lo: number,
  hi: number,
  /** By 2 * (bigrams in the title) + (lacking two ? 1 : 0), the class. */
  classAt: Uint8Array,
  classWords: (Uint32Array | undefined)[],
  open: (c: number) => Uint32Array,
): void {
  const nTitles = titles.length;
  for (let w = lo; w < hi; w++) {
    const x = near[w]!;
    if (!x) continue;
    const a1 = one[w]!;
    for (let y = x; y !== 0; y &= y - 1) {
      const bit = 31 - Math.clz32(y & -y);
      let t = 0;
      for (let i = 0; i < nTitles; i++) t += (titles[i]![w]! >>> bit) & 1;
      const c = classAt[2 * t + (((a1 >>> bit) & 1) ^ 1)]!;
      (classWords[c] ?? open(c))[w]! |= 1 << bit;
    }
  }
}
