/**
 * A query's candidates (the docs of its rarest tokens) and, per candidate, which of the query's tokens
 * it holds anywhere, in its title and in its snippet: a bit per token.
 *
 * Candidates are numbered through a bitset of every doc number with a running count per 32 docs, so
 * a doc's candidate number is a popcount away and the token bits live in arrays of one slot per
 * candidate. The engine used to keep the bits in three arrays of one slot per doc in the archive
 * (36 MB at 3 million docs): marking a common token's hundred
 * thousand docs in them was a cache miss each, most of a query's time, where the bitset and its
 * counts (under a megabyte together) stay in cache.
 */
import { clipped, denseView, isDense } from './dense-lists.js';

/**
 * Up to this many candidates the per-candidate arrays are kept for the next query (64 MB at most; a
 * larger set gets arrays of its own that go with it): a typo's near misses at a million pages are
 * millions of candidates, and arrays made anew at each query are slow to touch on the bench machine.
 */
const KEPT = 1 << 22;

export class Candidates {
  /** Doc d is a candidate: bit d % 32 of word d / 32. */
  #bits = new Uint32Array(0);
  /** Per word of #bits, the candidates in the words before it. */
  #before = new Uint32Array(0);
  /** The candidates, ascending. */
  docs = new Uint32Array(0);
  count = 0;
  /** Per candidate: the query's tokens it holds anywhere, in its title, in its snippet. */
  any = new Uint32Array(0);
  title = new Uint32Array(0);
  snippet = new Uint32Array(0);

  /** Start over for docs 0 .. n-1 (nothing marked). */
  reset(n: number): void {
    const words = (n + 31) >>> 5;
    if (this.#bits.length < words) {
      this.#bits = new Uint32Array(words);
      this.#before = new Uint32Array(words);
    } else this.#bits.fill(0);
    this.count = 0;
  }

  /** Mark every doc below `limit` of encoded lists; docs seen for the first time go to `first`. */
  mark(lists: readonly Uint8Array[], limit: number, first?: (d: number) => void): void {
    const bits = this.#bits;
    // The varint loop is written out here and in setBits (a callback per doc cost a call each).
    for (const data of lists) {
      if (isDense(data)) {
        const view = denseView(data);
        const { from, to, lastMask } = clipped(view, limit);
        for (let w = from; w < to; w++) {
          const x = view.words[w - from]! & (w === to - 1 ? lastMask : -1);
          if (first)
            for (let y = x & ~bits[w]!; y !== 0; y &= y - 1) first((w << 5) + 31 - Math.clz32(y & -y));
          bits[w]! |= x;
        }
        continue;
      }
      const end = data.length;
      let d = 0;
      for (let p = 0; p < end;) {
        let b = data[p++]!;
        let v = b & 0x7f;
        for (let f = 128; b & 0x80; f *= 128) {
          b = data[p++]!;
          v += (b & 0x7f) * f;
        }
        d += v;
        if (d >= limit) break;
        const w = d >>> 5;
        const bit = 1 << (d & 31);
        if (first && !(bits[w]! & bit)) first(d);
        bits[w]! |= bit;
      }
    }
  }

  /** Number the marked docs (in doc order) and clear their token bits. */
  seal(): void {
    const bits = this.#bits;
    const before = this.#before;
    let count = 0;
    for (let w = 0; w < bits.length; w++) {
      before[w] = count;
      count += popcount(bits[w]!);
    }
    // A slot past the last candidate: setBits writes nothing there, without a branch.
    if (this.docs.length <= count || this.docs.length > KEPT) {
      const cap = Math.max(count + 1, 1024);
      this.docs = new Uint32Array(cap);
      this.any = new Uint32Array(cap);
      this.title = new Uint32Array(cap);
      this.snippet = new Uint32Array(cap);
    } else {
      this.any.fill(0, 0, count + 1);
      this.title.fill(0, 0, count + 1);
      this.snippet.fill(0, 0, count + 1);
    }
    const docs = this.docs;
    let c = 0;
    for (let w = 0; w < bits.length; w++)
      for (let x = bits[w]!; x !== 0; x &= x - 1) docs[c++] = (w << 5) + (31 - Math.clz32(x & -x));
    this.count = count;
  }

  /** Doc d's candidate number, or -1 (after seal). */
  indexOf(d: number): number {
    const w = d >>> 5;
    const word = this.#bits[w];
    if (word === undefined) return -1;
    const bit = 1 << (d & 31);
    return word & bit ? this.#before[w]! + popcount(word & (bit - 1)) : -1;
  }

  /** Set `bit` in `into` (any, title or snippet) for the candidates among the docs of encoded lists. */
  setBits(into: Uint32Array, lists: readonly Uint8Array[], bit: number, limit: number): void {
    const bits = this.#bits;
    const before = this.#before;
    for (const data of lists) {
      if (isDense(data)) {
        // The candidates among the list's docs, a word at a time.
        const view = denseView(data);
        const { from, to, lastMask } = clipped(view, limit);
        for (let w = from; w < to; w++) {
          const word = bits[w]!;
          for (let x = word & view.words[w - from]! & (w === to - 1 ? lastMask : -1); x !== 0; x &= x - 1) {
            const c = before[w]! + popcount(word & ((x & -x) - 1));
            into[c] = (into[c]! | bit) >>> 0;
          }
        }
        continue;
      }
      const end = data.length;
      let d = 0;
      for (let p = 0; p < end;) {
        let b = data[p++]!;
        let v = b & 0x7f;
        for (let f = 128; b & 0x80; f *= 128) {
          b = data[p++]!;
          v += (b & 0x7f) * f;
        }
        d += v;
        if (d >= limit) break;
        // Without a branch on whether d is a candidate (it goes either way at random, and
        // mispredicting it was most of the time): a doc that is not sets nothing in the slot of
        // the candidate after it (a slot past the last is kept for this).
        const w = d >>> 5;
        const word = bits[w]!;
        const s = d & 31;
        const c = before[w]! + popcount(word & ((1 << s) - 1));
        into[c] = (into[c]! | (bit & -((word >>> s) & 1))) >>> 0;
      }
    }
  }
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
