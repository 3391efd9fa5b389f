/**
 * The page of a query whose matches are all exact, with its total and counts, worked out from the
 * match bitsets (exact-matches.ts) rather than from a slot per match: for a query with no filter, no
 * pinyin and no near misses, by relevance or newest first. At 300,000 pages a common query matches
 * millions of docs, and listing them, folding them and keying them for the page was most of its
 * time (`党建`: about 36 of 42 ms).
 *
 * Here the total and the counts are popcounts (with one look at each match in a fold of several
 * headlines), and the page is read class by class in its order (tier, then how readable), each
 * class's docs newest first through a histogram of their recency keys, until the page is full: a
 * class the page does not reach is never listed. A match whose tier is only an upper bound (its
 * title or snippet holds every token, the phrase maybe) is settled when it is reached and waits,
 * if it settles lower, until its place comes. It gives the page, the total and the counts the full
 * pass gives (exact-page.test.ts).
 */
import type { SearchIndex } from './search-index.js';
import type { KindCounts } from './search-types.js';
import type { Recency } from './coarse-ranks.js';
import type { Match } from './matches.js';
import { CHECK_OF, TIER_OF, type ExactSets } from './exact-matches.js';
import { popcount } from './candidates.js';
import { cmpTime } from './search-order.js';
import { foldMembers, foldOf, foldsOf, foldSize, type IndexFolds } from './index-folds.js';

/** Whether the service takes this way (tests turn it off to compare with the full pass). */
export const EXACT_PAGE = { on: true };

export interface ExactPage {
  page: Match[];
  total: number;
  counts: KindCounts;
}

/** Per index state (its stamp): live docs of each kind rank, and docs in a fold of several headlines. */
interface DocBits {
  stamp: string;
  kinds: [Uint32Array, Uint32Array, Uint32Array];
  multi: Uint32Array;
}
const docBitsOf = new WeakMap<SearchIndex, DocBits>();

function docBits(index: SearchIndex, folds: IndexFolds): DocBits {
  const known = docBitsOf.get(index);
  if (known?.stamp === index.stamp) return known;
  const ranks = index.kindRanks();
  const words = (ranks.length + 31) >>> 5;
  const kinds: DocBits['kinds'] = [new Uint32Array(words), new Uint32Array(words), new Uint32Array(words)];
  // A dead doc's rank has DEAD added: it is in none of them.
  for (let d = 0; d < ranks.length; d++) {
    const r = ranks[d]!;
    if (r < 3) kinds[r]![d >>> 5]! |= 1 << (d & 31);
  }
  const multi = new Uint32Array(words);
  for (let g = 0; g < folds.readable.length; g++)
    if (foldSize(folds, g) >= 2) for (const d of foldMembers(folds, g)) multi[d >>> 5]! |= 1 << (d & 31);
  const bits = { stamp: index.stamp, kinds, multi };
  docBitsOf.set(index, bits);
  return bits;
}

/**
 * Drop the dead docs from `sets.all` (postings name them until a merge drops them) and count what is
 * left: the query's exact matches with no filter. Called before exactPage.
 */
export function liveMatches(index: SearchIndex, sets: ExactSets): number {
  const { kinds } = docBits(index, foldsOf(index));
  const { lo, hi, bits: a } = sets.all;
  let count = 0;
  // A doc is live in exactly one kind's bits.
  for (let w = lo; w < hi; w++)
    count += popcount((a[w] = a[w]! & (kinds[0][w]! | kinds[1][w]! | kinds[2][w]!)));
  return count;
}

/** Classes of the relevance order: tier (as TIER_OF's field bits allow it), then kind rank. */
const TIERS = [6, 5, 4, 3.5, 3] as const;
const KINDS = [2, 1, 0] as const;

/**
 * The first `k` matches of `sets` (live ones: see liveMatches) in `sort` order (folded: a fold's
 * newest match stands for it), their total and counts. `settle` gives a match's exact tier from what
 * is left to check.
 */
export function exactPage(
  index: SearchIndex,
  sets: ExactSets,
  sort: 'relevance' | 'newest',
  k: number,
  recency: Recency,
  settle: (d: number, check: number) => number,
): ExactPage {
  const folds = foldsOf(index);
  const { kinds, multi } = docBits(index, folds);
  const { all, title, snippet, titleJoins, snippetJoins, checks } = sets;
  const { lo, hi } = all;
  const a = all.bits;

  // The total and the counts: a fold of several headlines is one row, every other match one.
  let rows = 0;
  let headlines = 0;
  const inFold: number[] = [];
  for (let w = lo; w < hi; w++) {
    const x = a[w]!;
    if (!x) continue;
    const m = x & multi[w]!;
    rows += popcount(x & ~m);
    headlines += popcount(x & ~m & kinds[0][w]!);
    for (let y = m; y !== 0; y &= y - 1) inFold.push((w << 5) + 31 - Math.clz32(y & -y));
  }
  const foldSeen = new Set<number>();
  for (const d of inFold) foldSeen.add(foldOf(folds, d));
  rows += foldSeen.size;
  headlines += foldSeen.size;
  const result: ExactPage = { page: [], total: rows, counts: { readable: rows - headlines, headlines } };
  if (k <= 0 || !rows) return result;

  const [t, s, tj, sj] = [title.bits, snippet.bits, titleJoins.bits, snippetJoins.bits];
  const fields = (d: number): number => {
    const w = d >>> 5;
    const bit = d & 31;
    return (
      (((t[w]! >>> bit) & 1) << 3) |
      (((tj[w]! >>> bit) & 1) << 2) |
      (((s[w]! >>> bit) & 1) << 1) |
      ((sj[w]! >>> bit) & 1)
    );
  };
  const has = (d: number): boolean => ((a[d >>> 5]! >>> (d & 31)) & 1) === 1;
  /** A match in a fold of several stands for it only if it is the fold's newest match. */
  const standsForFold = (d: number): boolean => {
    if (!((multi[d >>> 5]! >>> (d & 31)) & 1)) return true;
    for (const m of foldMembers(folds, foldOf(folds, d)))
      if (m !== d && has(m) && cmpTime(index, m, d, recency) < 0) return false;
    return true;
  };
  const ranks = index.kindRanks();
  const page = result.page;
  const take = (m: Match): boolean => page.push(m) >= k;
  const match = (d: number, tier: number): Match => ({ d, tier, sub: 0, i: -1 });

  if (sort === 'newest') {
    const stream = new RecencyStream(a, lo, hi, recency, index, k);
    for (let d = stream.next(); d >= 0; d = stream.next()) {
      if (!standsForFold(d)) continue;
      const f = fields(d);
      const check = CHECK_OF[f]! & checks;
      if (take(match(d, check ? settle(d, check) : TIER_OF[f]!))) break;
    }
    return result;
  }

  // By relevance. Matches that settled below their class wait here, best first, until their turn.
  const waiting: Match[] = [];
  const ahead = (m: Match, tier: number, kind: number, d: number): boolean =>
    m.tier !== tier
      ? m.tier > tier
      : ranks[m.d]! !== kind
        ? ranks[m.d]! > kind
        : cmpTime(index, m.d, d, recency) < 0;
  const wait = (m: Match): void => {
    let i = waiting.length;
    waiting.push(m);
    // Kept sorted, best last: few ever wait (a page's worth at most, most of the time none).
    while (i > 0 && ahead(waiting[i - 1]!, m.tier, ranks[m.d]!, m.d)) {
      waiting[i] = waiting[i - 1]!;
      i--;
    }
    waiting[i] = m;
  };
  const words = classWords(hi);
  for (const tier of TIERS) {
    for (const kind of KINDS) {
      const kw = kinds[kind];
      let any = 0;
      for (let w = lo; w < hi; w++) {
        const tw = t[w]!;
        const sw = s[w]!;
        const inTier =
          tier === 6
            ? tw & tj[w]!
            : tier === 5
              ? tw & ~tj[w]!
              : tier === 4
                ? ~tw & sw & sj[w]!
                : tier === 3.5
                  ? ~tw & sw & ~sj[w]!
                  : ~tw & ~sw;
        any |= words[w] = a[w]! & kw[w]! & inTier;
      }
      if (!any) continue;
      const stream = new RecencyStream(words, lo, hi, recency, index, k - page.length);
      for (let d = stream.next(); d >= 0; d = stream.next()) {
        if (!standsForFold(d)) continue;
        while (waiting.length && ahead(waiting[waiting.length - 1]!, tier, kind, d))
          if (take(waiting.pop()!)) return result;
        const f = fields(d);
        const check = CHECK_OF[f]! & checks;
        const exact = check ? settle(d, check) : tier;
        if (exact === tier) {
          if (take(match(d, tier))) return result;
        } else wait(match(d, exact));
      }
    }
  }
  while (waiting.length) if (take(waiting.pop()!)) break;
  return result;
}

let wordBuffer = new Uint32Array(0);
function classWords(words: number): Uint32Array {
  if (wordBuffer.length < words) wordBuffer = new Uint32Array(words);
  return wordBuffer;
}

const BUCKETS = 1 << 16;
const histogram = new Uint32Array(BUCKETS);

/**
 * The docs of a bitset, newest first, a batch at a time: a histogram of their recency keys (one pass)
 * tells how far the next batch reaches, and only its docs are gathered and sorted. One stream at a
 * time (the histogram is shared).
 */
class RecencyStream {
  #batch: number[] = [];
  #at = 0;
  /** The last bucket gathered. */
  #cut = -1;
  #left: number;
  #want: number;
  readonly #shift: number;

  constructor(
    private readonly words: Uint32Array,
    private readonly lo: number,
    private readonly hi: number,
    private readonly recency: Recency,
    private readonly index: SearchIndex,
    want: number,
  ) {
    let shift = 0;
    while (recency.span >>> shift > BUCKETS) shift++;
    this.#shift = shift;
    this.#want = Math.max(32, want * 2);
    histogram.fill(0);
    const key = recency.key;
    let count = 0;
    for (let w = lo; w < hi; w++)
      for (let x = words[w]!; x !== 0; x &= x - 1) {
        histogram[key[(w << 5) + 31 - Math.clz32(x & -x)]! >>> shift]!++;
        count++;
      }
    this.#left = count;
  }

  /** The next doc, or -1 when there are no more. */
  next(): number {
    if (this.#at < this.#batch.length) return this.#batch[this.#at++]!;
    if (!this.#left) return -1;
    let cut = this.#cut;
    for (let got = 0; got < this.#want && cut < BUCKETS - 1;) got += histogram[++cut]!;
    this.#want *= 4;
    const from = this.#cut;
    const { words, recency } = this;
    const key = recency.key;
    const shift = this.#shift;
    const batch: number[] = [];
    for (let w = this.lo; w < this.hi; w++)
      for (let x = words[w]!; x !== 0; x &= x - 1) {
        const d = (w << 5) + 31 - Math.clz32(x & -x);
        const b = key[d]! >>> shift;
        if (b > from && b <= cut) batch.push(d);
      }
    batch.sort((x, y) => cmpTime(this.index, x, y, recency));
    this.#cut = cut;
    this.#left -= batch.length;
    this.#batch = batch;
    this.#at = 0;
    return batch.length ? this.next() : -1;
  }
}
