/**
 * A bitset's docs newest first, a batch at a time (RecencyStream), over the blocks of docs ordered by
 * their newest doc (wordNewest): how the pages worked out from bitsets (exact-page.ts) read a class
 * of matches without listing it.
 */
import type { SearchIndex } from './search-index.js';
import type { Recency } from './coarse-ranks.js';
import { cmpTime } from './search-order.js';
import { popcount } from './candidates.js';

/**
 * The most docs a batch gathers (tests lower it to read a class in many batches), and the words of a
 * block a batch's pass visits at once (see wordNewest; tests lower it to have many).
 */
export const STREAM = { batchMost: 1 << 14, blockWords: 32 };

/**
 * Per 32 docs (a word of the bitsets), the least recency key among them (the newest doc's): a word
 * whose newest doc is older than a batch's cut holds none of it, and is passed over at one compare.
 * And the blocks of words, newest first (by their least key): a pass reads them in that order and
 * stops at the first older than its cut, whatever order the docs were numbered in (an archive
 * imported oldest first has its newest docs last, and a pass in doc order took each new doc for a
 * better one, keying most of the class: 11 of 25 ms of `党建` at 300,000 pages).
 * Worked out once per set of keys (the index's state).
 */
export interface Newest {
  words: Uint32Array;
  /** Words per block (STREAM.blockWords when worked out). */
  size: number;
  blocks: Uint32Array;
  /** Per block, its least key. */
  blockNewest: Uint32Array;
}
const newestOf = new WeakMap<Recency['key'], Newest>();
export function wordNewest(index: SearchIndex, recency: Recency): Newest {
  let out = newestOf.get(recency.key);
  if (out?.size === STREAM.blockWords) return out;
  const size = STREAM.blockWords;
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
export class RecencyStream {
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
    const want = Math.min(this.#want, STREAM.batchMost, HEAP_MAX);
    this.#want *= 4;
    if (from < 0 && fewerThan(words, lo, hi, want)) {
      // A class no larger than a batch: gathered in doc order at once (the pass below would visit
      // nearly every block, newest first, out of order: about 5 ms of a sparse class at 300,000
      // pages).
      const batch: number[] = [];
      for (let w = lo; w < hi; w++)
        for (let y = words[w]!; y !== 0; y &= y - 1) batch.push((w << 5) + 31 - Math.clz32(y & -y));
      batch.sort((p, q) => cmpTime(this.index, p, q, this.recency));
      this.#cut = Infinity;
      this.#done = true;
      this.#batch = batch;
      this.#at = 0;
      return;
    }
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

/** Whether words lo .. hi hold fewer than `most` docs (counted until they reach it). */
function fewerThan(words: Uint32Array, lo: number, hi: number, most: number): boolean {
  let count = 0;
  for (let w = lo; w < hi && count < most; w++) count += popcount(words[w]!);
  return count < most;
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
