/**
 * Where each doc's bytes lie in one array of all of them (the titles' pinyin), in about 1.25 bytes a
 * doc instead of a 4-byte offset: each doc's length in a byte, and the start of every 16th doc. At a
 * million pages (29 million docs) that is 36 MB instead of 116. A doc's start is its group's start
 * plus the lengths before it in the group (at most 15 adds; docs asked for in ascending order
 * continue from the last one). Lengths of 255 bytes or more are kept aside.
 */
import { grown } from './array-views.js';

const GROUP = 16;
const SHIFT = 4;
const LONG = 255;

/** The packed form as parts of a file (arrays-file.ts). */
export interface OffsetParts {
  pylen: Uint8Array;
  pybase: Uint8Array;
  /** Pairs of (doc, length) for lengths of LONG or more, as u32. */
  pylong: Uint8Array;
}

export class PackedOffsets {
  /** Docs held: 0 .. n-1. */
  n = 0;
  /** Where the next doc starts (the bytes in use). */
  end = 0;
  #len: Uint8Array = new Uint8Array(1024);
  #base: Uint32Array = new Uint32Array(1024 / GROUP);
  readonly #long = new Map<number, number>();
  // The last start worked out, to go on from.
  #atDoc = 0;
  #at = 0;

  /** From a 4-byte offset per doc and one past the last (n + 1 of them). */
  static fromOffsets(off: Uint32Array, n: number): PackedOffsets {
    const p = new PackedOffsets();
    p.#len = new Uint8Array(n);
    p.#base = new Uint32Array((n >> SHIFT) + 1);
    for (let d = 0; d < n; d++) {
      if ((d & (GROUP - 1)) === 0) p.#base[d >> SHIFT] = off[d]!;
      p.#setLength(d, off[d + 1]! - off[d]!);
    }
    p.n = n;
    p.end = off[n]!;
    return p;
  }

  /** From the parts toParts wrote (views on them: no copy). */
  static fromParts(parts: OffsetParts, n: number): PackedOffsets {
    const { pylen, pybase, pylong } = parts;
    const groups = (n >> SHIFT) + 1;
    if (pylen.length !== n || pybase.length !== groups * 4 || pylong.length % 8)
      throw new Error('search index pinyin of the wrong size');
    const p = new PackedOffsets();
    p.#len = pylen;
    p.#base = u32View(pybase, groups);
    const long = u32View(pylong, pylong.length / 4);
    for (let i = 0; i < long.length; i += 2) p.#long.set(long[i]!, long[i + 1]!);
    p.n = n;
    p.end = n === 0 ? 0 : p.start(n - 1) + p.length(n - 1);
    return p;
  }

  toParts(): OffsetParts {
    const long = new Uint32Array(this.#long.size * 2);
    let i = 0;
    for (const [d, length] of this.#long) {
      long[i++] = d;
      long[i++] = length;
    }
    const bytes = (a: Uint8Array | Uint32Array, size: number): Uint8Array =>
      new Uint8Array(a.buffer, a.byteOffset, size);
    return {
      pylen: bytes(this.#len, this.n),
      pybase: bytes(this.#base, ((this.n >> SHIFT) + 1) * 4),
      pylong: bytes(long, long.length * 4),
    };
  }

  /** A 4-byte offset per doc and one past the last (the form index.db keeps). */
  toOffsets(): Uint32Array {
    const off = new Uint32Array(this.n + 1);
    for (let d = 0, at = 0; d < this.n; d++) off[d + 1] = at += this.length(d);
    return off;
  }

  /** Append a doc of `length` bytes (starting at `end`). */
  push(length: number): void {
    const d = this.n;
    if (d === this.#len.length) this.#len = grow(this.#len, new Uint8Array(room(d)));
    if ((d & (GROUP - 1)) === 0) {
      const g = d >> SHIFT;
      if (g === this.#base.length) this.#base = grow(this.#base, new Uint32Array(room(g)));
      this.#base[g] = this.end;
    }
    this.#setLength(d, length);
    this.n++;
    this.end += length;
  }

  length(d: number): number {
    const l = this.#len[d]!;
    return l < LONG ? l : this.#long.get(d)!;
  }

  start(d: number): number {
    let from = d & ~(GROUP - 1);
    let at = this.#base[d >> SHIFT]!;
    if (this.#atDoc <= d && this.#atDoc > from) {
      from = this.#atDoc;
      at = this.#at;
    }
    for (; from < d; from++) at += this.length(from);
    this.#atDoc = d;
    this.#at = at;
    return at;
  }

  #setLength(d: number, length: number): void {
    this.#len[d] = Math.min(length, LONG);
    if (length >= LONG) this.#long.set(d, length);
  }
}

/** `size` u32 from bytes: a view when aligned (no copy), else a copy. */
export const u32View = (bytes: Uint8Array, size: number): Uint32Array =>
  bytes.byteOffset % 4 === 0
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, size)
    : new Uint32Array(new Uint8Array(bytes.subarray(0, size * 4)).buffer);

const room = (size: number): number => Math.max(1024, grown(size));

function grow<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
