/**
 * A set of doc numbers as a bitset (bit d % 32 of word d / 32), filled from encoded posting lists
 * (delta varints: see posting-codec.ts) and narrowed by more of them. The words outside [lo, hi) are
 * zero (a set's buffer is kept from one query to the next, and only that range is cleared).
 * Intersecting this way costs a few instructions a posting; keeping a bit per candidate and query
 * token (candidates.ts) costs a rank (a popcount) for each one.
 */
import { popcount } from './candidates.js';
import { DEAD } from './doc-state.js';
import { clipped, denseView, isDense } from './dense-lists.js';

/** x & y into `out` (words lo .. hi); whether any bit is set. */
export function andWords(x: Uint32Array, y: Uint32Array, lo: number, hi: number, out: Uint32Array): number {
  let any = 0;
  for (let w = lo; w < hi; w++) any |= out[w] = x[w]! & y[w]!;
  return any;
}

/** Where DocSet.docs gathers docs (kept across queries). */
let gathered = new Uint32Array(1024);

export class DocSet {
  bits = new Uint32Array(0);
  /** Words that may hold docs: [lo, hi). */
  lo = 0;
  hi = 0;

  /** Empty, for docs 0 .. n-1. */
  clear(n: number): void {
    const words = (n + 31) >>> 5;
    if (this.bits.length < words) this.bits = new Uint32Array(words);
    else this.bits.fill(0, this.lo, this.hi);
    this.lo = this.hi = 0;
  }

  /**
   * Add the docs below `limit` of encoded lists (the set was cleared for at least `limit` docs);
   * returns how many were not in it.
   */
  add(lists: readonly Uint8Array[], limit: number): number {
    const [first, last, added] = DocSet.#mark(this.bits, lists, limit);
    if (first <= last) this.#widen(first >>> 5, (last >>> 5) + 1);
    return added;
  }

  /**
   * Make this set the docs below `limit` of encoded lists: as clear and add, without counting the
   * docs (a look at each doc's bit before setting it). A typo's near misses decode a dozen common
   * lists, a few million docs at 300,000 pages.
   */
  assign(lists: readonly Uint8Array[], limit: number): void {
    this.clear(limit);
    const marks = this.bits;
    let first = Infinity;
    let last = -1;
    for (const data of lists) {
      if (isDense(data)) {
        const [f, l] = DocSet.#mark(marks, [data], limit);
        first = Math.min(first, f);
        last = Math.max(last, l);
        continue;
      }
      const end = data.length;
      let d = 0;
      let prev = -1;
      for (let p = 0; p < end;) {
        let b = data[p++]!;
        let v = b & 0x7f;
        for (let f = 128; b & 0x80; f *= 128) {
          b = data[p++]!;
          v += (b & 0x7f) * f;
        }
        d += v;
        if (d >= limit) break;
        if (prev < 0) first = Math.min(first, d);
        prev = d;
        marks[d >>> 5]! |= 1 << (d & 31);
      }
      last = Math.max(last, prev);
    }
    if (first <= last) this.#widen(first >>> 5, (last >>> 5) + 1);
  }

  /** Make this set the docs of an ascending list (docs below n). */
  assignDocs(docs: Uint32Array, n: number): void {
    this.clear(n);
    const bits = this.bits;
    for (let i = 0; i < docs.length; i++) bits[docs[i]! >>> 5]! |= 1 << (docs[i]! & 31);
    if (docs.length) [this.lo, this.hi] = [docs[0]! >>> 5, (docs[docs.length - 1]! >>> 5) + 1];
  }

  addDoc(d: number): void {
    this.bits[d >>> 5]! |= 1 << (d & 31);
    this.#widen(d >>> 5, (d >>> 5) + 1);
  }

  /** Add the docs of another set (for the same docs). */
  or(other: DocSet): void {
    if (other.empty) return;
    const bits = this.bits;
    const from = other.bits;
    for (let w = other.lo; w < other.hi; w++) bits[w]! |= from[w]!;
    this.#widen(other.lo, other.hi);
  }

  #widen(lo: number, hi: number): void {
    if (this.empty) [this.lo, this.hi] = [lo, hi];
    else [this.lo, this.hi] = [Math.min(this.lo, lo), Math.max(this.hi, hi)];
  }

  /**
   * Keep only the docs also in encoded lists (any of them); returns whether any are left. `scratch`
   * is all zero, and left so.
   */
  keep(lists: readonly Uint8Array[], limit: number, scratch: DocSet): boolean {
    const { lo, hi } = this;
    if (lo >= hi) return false;
    // The docs of the lists that are in this set go to scratch's buffer, which becomes this set's;
    // this set's buffer, cleared, becomes scratch's (no pass over every word to intersect).
    DocSet.#markWithin(scratch.bits, lists, Math.min(limit, hi << 5), this.bits);
    const bits = scratch.bits;
    scratch.bits = this.bits.fill(0, lo, hi);
    this.bits = bits;
    let first = lo;
    while (first < hi && bits[first] === 0) first++;
    let last = hi - 1;
    while (last > first && bits[last] === 0) last--;
    [this.lo, this.hi] = first < hi ? [first, last + 1] : [0, 0];
    return first < hi;
  }

  /**
   * Docs below `limit` of encoded lists that are in `within`, marked in `marks`. Without a branch on
   * whether a doc is in it: that branch goes either way at random, and mispredicting it was most of
   * an intersection's time (a million-page query decodes about 12 MB of lists: 88 -> 49 ms).
   */
  static #markWithin(
    marks: Uint32Array,
    lists: readonly Uint8Array[],
    limit: number,
    within: Uint32Array,
  ): void {
    for (const data of lists) {
      if (isDense(data)) {
        const view = denseView(data);
        const { from, to, lastMask } = clipped(view, limit);
        const words = view.words;
        for (let w = from; w < to; w++)
          marks[w]! |= within[w]! & words[w - from]! & (w === to - 1 ? lastMask : -1);
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
        marks[w]! |= within[w]! & (1 << (d & 31));
      }
    }
  }

  /**
   * Docs below `limit` of encoded lists marked in `marks`; returns the first and last marked and how
   * many were not marked before.
   */
  static #mark(marks: Uint32Array, lists: readonly Uint8Array[], limit: number): [number, number, number] {
    let first = Infinity;
    let last = -1;
    let count = 0;
    // The varint loop is written out (a callback per doc cost a call each).
    for (const data of lists) {
      if (isDense(data)) {
        const view = denseView(data);
        const { from, to, lastMask } = clipped(view, limit);
        for (let w = from; w < to; w++) {
          const x = view.words[w - from]! & (w === to - 1 ? lastMask : -1);
          const added = x & ~marks[w]!;
          if (!x) continue;
          marks[w]! |= x;
          count += popcount(added);
          first = Math.min(first, (w << 5) + 31 - Math.clz32(x & -x));
          last = Math.max(last, (w << 5) + 31 - Math.clz32(x));
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
        const m = 1 << (d & 31);
        if (marks[w]! & m) continue;
        marks[w]! |= m;
        count++;
        if (d < first) first = d;
        if (d > last) last = d;
      }
    }
    return [first, last, count];
  }

  /** How many docs it holds. */
  count(): number {
    let c = 0;
    for (let w = this.lo; w < this.hi; w++) c += popcount(this.bits[w]!);
    return c;
  }

  /**
   * The docs alive (by `state`, a state byte a doc: DocArrays.stateView) and not in `without`,
   * ascending: gathered in a typed
   * array (pushed onto a plain one, a common syllable's half million docs took twice as long).
   */
  docs(state: Uint8Array, without?: DocSet): Uint32Array {
    let out = gathered;
    let k = 0;
    const bits = this.bits;
    for (let w = this.lo; w < this.hi; w++) {
      let x = bits[w]!;
      if (without && w >= without.lo && w < without.hi) x &= ~without.bits[w]!;
      for (; x !== 0; x &= x - 1) {
        const d = (w << 5) + (31 - Math.clz32(x & -x));
        if (d >= state.length || state[d]! & DEAD) continue;
        if (k === out.length) {
          gathered = new Uint32Array(2 * k);
          gathered.set(out);
          out = gathered;
        }
        out[k++] = d;
      }
    }
    return out.slice(0, k);
  }

  /** Make this set a copy of `other` (both for the same docs). */
  copy(other: DocSet, n: number): void {
    this.clear(n);
    this.bits.set(other.bits.subarray(other.lo, other.hi), other.lo);
    this.lo = other.lo;
    this.hi = other.hi;
  }

  has(d: number): boolean {
    const w = d >>> 5;
    return w >= this.lo && w < this.hi && (this.bits[w]! & (1 << (d & 31))) !== 0;
  }

  get empty(): boolean {
    return this.lo >= this.hi;
  }
}
