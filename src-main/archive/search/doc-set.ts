/**
 * A set of doc numbers as a bitset (bit d % 32 of word d / 32), filled from encoded posting lists
 * (delta varints: see posting-codec.ts) and narrowed by more of them. The words outside [lo, hi) are
 * zero (a set's buffer is kept from one query to the next, and only that range is cleared).
 * Intersecting this way costs a few instructions a posting; keeping a bit per candidate and query
 * token (candidates.ts) costs a rank (a popcount) for each one.
 */
import { popcount } from './candidates.js';

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

  /** Add the docs below `limit` of encoded lists (the set was cleared for at least `limit` docs). */
  add(lists: readonly Uint8Array[], limit: number): void {
    const [first, last] = DocSet.#mark(this.bits, lists, limit, 0);
    if (first > last) return;
    const lo = first >>> 5;
    const hi = (last >>> 5) + 1;
    if (this.lo >= this.hi) [this.lo, this.hi] = [lo, hi];
    else [this.lo, this.hi] = [Math.min(this.lo, lo), Math.max(this.hi, hi)];
  }

  /** Keep only the docs also in encoded lists (any of them). `scratch` is all zero, and left so. */
  keep(lists: readonly Uint8Array[], limit: number, scratch: DocSet): void {
    const { lo, hi } = this;
    if (lo >= hi) return;
    // The docs of the lists that are in this set go to scratch's buffer, which becomes this set's;
    // this set's buffer, cleared, becomes scratch's (no pass over every word to intersect).
    const [first, last] = DocSet.#mark(scratch.bits, lists, Math.min(limit, hi << 5), lo << 5, this.bits);
    const kept = scratch.bits;
    scratch.bits = this.bits.fill(0, lo, hi);
    this.bits = kept;
    [this.lo, this.hi] = first > last ? [0, 0] : [first >>> 5, (last >>> 5) + 1];
  }

  /**
   * Docs in [from, limit) of encoded lists (and in `within`, if given) marked in `marks`; returns the
   * first and last marked.
   */
  static #mark(
    marks: Uint32Array,
    lists: readonly Uint8Array[],
    limit: number,
    from: number,
    within?: Uint32Array,
  ): [number, number] {
    let first = Infinity;
    let last = -1;
    // The varint loop is written out (a callback per doc cost a call each).
    for (const data of lists) {
      const end = data.length;
      let d = 0;
      for (let p = 0; p < end;) {
        let b = data[p++]!;
        let v = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = data[p++]!;
          v += (b & 0x7f) * 2 ** shift;
        }
        d += v;
        if (d >= limit) break;
        if (d < from) continue;
        const w = d >>> 5;
        const m = 1 << (d & 31);
        if (within && !(within[w]! & m)) continue;
        marks[w]! |= m;
        if (d < first) first = d;
        if (d > last) last = d;
      }
    }
    return [first, last];
  }

  /** How many docs it holds. */
  count(): number {
    let c = 0;
    for (let w = this.lo; w < this.hi; w++) c += popcount(this.bits[w]!);
    return c;
  }

  /** The docs that pass `keep`, ascending. */
  docs(keep: (d: number) => boolean): number[] {
    const out: number[] = [];
    const bits = this.bits;
    for (let w = this.lo; w < this.hi; w++)
      for (let x = bits[w]!; x !== 0; x &= x - 1) {
        const d = (w << 5) + (31 - Math.clz32(x & -x));
        if (keep(d)) out.push(d);
      }
    return out;
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
