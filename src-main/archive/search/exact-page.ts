/**
 * The page of a query whose matches are all exact, with its total and counts, worked out from the
 * match bitsets (exact-matches.ts) rather than from a slot per match: for a query with no filter, no
 * pinyin and no near misses, by relevance or newest first. At 300,000 pages a common query matches
 * millions of docs, and listing them, folding them and keying them for the page was most of its
 * time (`党建`: about 36 of 42 ms).
 *
 * Here the total and the counts are popcounts (with one look at each match in a fold of several
 * headlines), and the page is read class by class in its order (tier, then how readable), each
 * class's docs newest first (a batch at a time: the least recency keys), until the page is full: a
 * class the page does not reach is never listed. A match whose tier is only an upper bound (its
 * title or snippet holds every token, the phrase maybe) is settled when it is reached and waits,
 * if it settles lower, until its place comes. It gives the page, the total and the counts the full
 * pass gives (exact-page.test.ts).
 */
import type { SearchIndex } from './search-index.js';
import type { KindCounts } from './search-types.js';
import type { Recency } from './coarse-ranks.js';
import { TIER, type Match } from './matches.js';
import { CHECK_OF, TIER_OF, type ExactSets } from './exact-matches.js';
import { popcount } from './candidates.js';
import { cmpTime } from './search-order.js';
import { foldMembers, foldOf, foldsOf, foldSize, type IndexFolds } from './index-folds.js';

/**
 * Whether the service takes this way (tests turn it off to compare with the full pass), the most
 * docs a batch of a class's newest gathers (tests lower it to read a class in many batches), and the
 * words of a block a batch's pass visits at once (see wordNewest; tests lower it to have many).
 */
export const EXACT_PAGE = { on: true, batchMost: 1 << 14, blockWords: 32 };

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
const TIERS = [TIER.titlePhrase, TIER.titleTerms, TIER.snippetPhrase, TIER.snippetTerms, TIER.body] as const;
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
  if (foldSeen.length < folds.readable.length) foldSeen = new Uint8Array(folds.readable.length);
  const seenFolds: number[] = [];
  for (let w = lo; w < hi; w++) {
    const x = a[w]!;
    if (!x) continue;
    const m = x & multi[w]!;
    rows += popcount(x & ~m);
    headlines += popcount(x & ~m & kinds[0][w]!);
    for (let y = m; y !== 0; y &= y - 1) {
      const g = foldOf(folds, (w << 5) + 31 - Math.clz32(y & -y));
      if (foldSeen[g]) continue;
      foldSeen[g] = 1;
      seenFolds.push(g);
    }
  }
  for (const g of seenFolds) foldSeen[g] = 0;
  rows += seenFolds.length;
  headlines += seenFolds.length;
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
    const stream = new RecencyStream(a, lo, hi, recency, index, wordNewest(index, recency), k);
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
  const inTier = classWords(hi, 0);
  const words = classWords(hi, 1);
  const newest = wordNewest(index, recency);
  for (const tier of TIERS) {
    let anyInTier = 0;
    // A loop per tier (the tier's test outside it).
    if (tier === TIER.titlePhrase)
      for (let w = lo; w < hi; w++) anyInTier |= inTier[w] = a[w]! & t[w]! & tj[w]!;
    else if (tier === TIER.titleTerms)
      for (let w = lo; w < hi; w++) anyInTier |= inTier[w] = a[w]! & t[w]! & ~tj[w]!;
    else if (tier === TIER.snippetPhrase)
      for (let w = lo; w < hi; w++) anyInTier |= inTier[w] = a[w]! & ~t[w]! & s[w]! & sj[w]!;
    else if (tier === TIER.snippetTerms)
      for (let w = lo; w < hi; w++) anyInTier |= inTier[w] = a[w]! & ~t[w]! & s[w]! & ~sj[w]!;
    else for (let w = lo; w < hi; w++) anyInTier |= inTier[w] = a[w]! & ~t[w]! & ~s[w]!;
    if (!anyInTier) continue;
    for (const kind of KINDS) {
      const kw = kinds[kind];
      let any = 0;
      for (let w = lo; w < hi; w++) any |= words[w] = inTier[w]! & kw[w]!;
      if (!any) continue;
      const stream = new RecencyStream(words, lo, hi, recency, index, newest, k - page.length);
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

let foldSeen = new Uint8Array(0);
const wordBuffers = [new Uint32Array(0), new Uint32Array(0)];
function classWords(words: number, which: 0 | 1): Uint32Array {
  if (wordBuffers[which]!.length < words) wordBuffers[which] = new Uint32Array(words);
  return wordBuffers[which]!;
}

/**
 * Per 32 docs (a word of the bitsets), the least recency key among them (the newest doc's): a word
 * whose newest doc is older than a batch's cut holds none of it, and is passed over at one compare.
 * And the blocks of words, newest first (by their least key): a pass reads them in that order and
 * stops at the first older than its cut, whatever order the docs were numbered in (an archive
 * imported oldest first has its newest docs last, and a pass in doc order took each new doc for a
 * better one, keying most of the class: 11 of 25 ms of `党建` at 300,000 pages).
 * Worked out once per set of keys (the index's state).
 */
interface Newest {
  words: Uint32Array;
  /** Words per block (EXACT_PAGE.blockWords when worked out). */
  size: number;
  blocks: Uint32Array;
  /** Per block, its least key. */
  blockNewest: Uint32Array;
}
const newestOf = new WeakMap<Recency['key'], Newest>();
function wordNewest(index: SearchIndex, recency: Recency): Newest {
  let out = newestOf.get(recency.key);
  if (out?.size === EXACT_PAGE.blockWords) return out;
  const size = EXACT_PAGE.blockWords;
  const key = recency.key;
  const n = Math.min(index.docCount, key.length);
  const words = new Uint32Array((n + 31) >>> 5).fill(0xffffffff);
  for (let d = 0; d < n; d++) {
    const k = key[d]!;
    if (k < words[d >>> 5]!) words[d >>> 5] = k;
  }
  const blockNewest = new Uint32Array(Math.ceil(words.length / size)).fill(0xffffffff);
  for (let w = 0; w < words.length; w++) {
    const b = (w / size) | 0;
    if (words[w]! < blockNewest[b]!) blockNewest[b] = words[w]!;
  }
  const blocks = new Uint32Array(blockNewest.length);
  for (let b = 0; b < blocks.length; b++) blocks[b] = b;
  blocks.sort((a, b) => blockNewest[a]! - blockNewest[b]! || a - b);
  out = { words, size, blocks, blockNewest };
  newestOf.set(recency.key, out);
  return out;
}

/**
 * The docs of a bitset, newest first, a batch at a time: a pass keeps the `want` least recency keys
 * above the last batch's cut in a heap (most words passed over at one compare: see wordNewest), and
 * a second gathers every doc up to the new cut (coarse keys tie) and sorts them.
 */
class RecencyStream {
  #batch: number[] = [];
  #at = 0;
  /** Keys up to this one were gathered. */
  #cut = -1;
  #want: number;
  #done = false;

  constructor(
    private readonly words: Uint32Array,
    private readonly lo: number,
    private readonly hi: number,
    private readonly recency: Recency,
    private readonly index: SearchIndex,
    private readonly newest: Newest,
    want: number,
  ) {
    this.#want = Math.max(32, want * 2);
  }

  /** The next doc, or -1 when there are no more. */
  next(): number {
    while (this.#at >= this.#batch.length) {
      if (this.#done) return -1;
      this.#fill();
    }
    return this.#batch[this.#at++]!;
  }

  #fill(): void {
    const { words, lo, hi } = this;
    const { words: newest, size: per, blocks, blockNewest } = this.newest;
    const key = this.recency.key;
    const from = this.#cut;
    const want = Math.min(this.#want, EXACT_PAGE.batchMost, HEAP_MAX);
    this.#want *= 4;
    // The want least keys above `from`: a max-heap, its top the cut so far.
    let size = 0;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (size === want && blockNewest[b]! >= heap[0]!) break; // the blocks after it are older still
      const end = Math.min(hi, (b + 1) * per);
      for (let w = Math.max(lo, b * per); w < end; w++) {
        const x = words[w]!;
        if (!x || (size === want && newest[w]! >= heap[0]!)) continue;
        for (let y = x; y !== 0; y &= y - 1) {
          const v = key[(w << 5) + 31 - Math.clz32(y & -y)]!;
          if (v <= from) continue;
          if (size < want) siftUp(v, size++);
          else if (v < heap[0]!) siftDown(v, size);
        }
      }
    }
    if (!size) {
      this.#done = true;
      this.#batch = [];
      this.#at = 0;
      return;
    }
    let cut = heap[0]!;
    if (size < want) cut = Infinity; // fewer than wanted are left: this batch takes them all
    const batch: number[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (blockNewest[b]! > cut) break;
      const end = Math.min(hi, (b + 1) * per);
      for (let w = Math.max(lo, b * per); w < end; w++) {
        const x = words[w]!;
        if (!x || newest[w]! > cut) continue;
        for (let y = x; y !== 0; y &= y - 1) {
          const d = (w << 5) + 31 - Math.clz32(y & -y);
          const v = key[d]!;
          if (v > from && v <= cut) batch.push(d);
        }
      }
    }
    batch.sort((p, q) => cmpTime(this.index, p, q, this.recency));
    this.#cut = cut;
    if (cut === Infinity) this.#done = true;
    this.#batch = batch;
    this.#at = 0;
  }
}

/** The most keys a batch's heap holds (a page of a thousand, with room for folds and demotions). */
const HEAP_MAX = 1 << 14;
const heap = new Float64Array(HEAP_MAX);

function siftUp(v: number, at: number): void {
  let c = at;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (heap[p]! >= v) break;
    heap[c] = heap[p]!;
    c = p;
  }
  heap[c] = v;
}

/** Replace the top (the largest) of a heap of `size` with v, and sift it down. */
function siftDown(v: number, size: number): void {
  let c = 0;
  for (;;) {
    let m = 2 * c + 1;
    if (m >= size) break;
    if (m + 1 < size && heap[m + 1]! > heap[m]!) m++;
    if (heap[m]! <= v) break;
    heap[c] = heap[m]!;
    c = m;
  }
  heap[c] = v;
}
