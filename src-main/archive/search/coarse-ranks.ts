/**
 * Recency as a query ranks by it, and the persisted time ranks held coarse for it: opening reads 2
 * bytes a doc instead of 4 (index-state.ts), and the exact ranks are read where they lie in
 * `search/arrays.bin` only for the docs whose coarse keys tie.
 */
import { closeSync } from 'node:fs';
import { readFully } from './arrays-file.js';
import { STATE_STRETCH } from './doc-state.js';

/**
 * Recency as a query ranks by it: `key[d]`, lower for newer (the time rank, or a coarse one: the
 * time rank shifted right), and `exact(d)`, the time rank, for docs whose keys tie. Keys within
 * `span` (span - key >= 1). A coarse key never orders two docs against their time ranks, so the
 * docs whose keys pass a cut hold every doc the exact order would pass (search-order.ts).
 */
export interface Recency {
  key: Uint16Array | Uint32Array;
  span: number;
  exact(d: number): number;
}

/**
 * The persisted time ranks held coarse (2 bytes a doc instead of 4: at a million pages 57 MB less
 * read at open, and half the memory a first query touches ranking by recency), with the exact ones
 * read where they lie for the few docs that tie, and whole when a list needs them all.
 */
export interface CoarseRanks extends Recency {
  key: Uint16Array;
  /** Every time rank (read at once). */
  full(): Uint32Array;
  close(): void;
}

/** Bits of a coarse time rank (tests lower it to try coarse ranks on small indexes). */
export const COARSE = { bits: 16 };

/**
 * The time ranks of the copy at `at` (n of them, 4 bytes each), held coarse: each shifted right as
 * far as it must be to fit COARSE.bits, read a stretch at a time through one buffer. The exact ones
 * are read where they lie through `fd` (kept open: the coarse ranks own it), a few at a time for the
 * docs whose keys tie, remembered up to a bound.
 */
export function coarseRanks(
  fd: number,
  at: number,
  n: number,
  read: (at: number, length: number) => Buffer,
): CoarseRanks {
  let shift = 0;
  while (n >> shift >= 2 ** COARSE.bits) shift++;
  const key = new Uint16Array(n);
  for (let from = 0; from < n; from += STATE_STRETCH) {
    const to = Math.min(n, from + STATE_STRETCH);
    const bytes = read(at + from * 4, (to - from) * 4);
    const ranks = new Uint32Array(bytes.buffer, bytes.byteOffset, to - from);
    for (let d = from; d < to; d++) key[d] = ranks[d - from]! >>> shift;
  }
  const known = new Map<number, number>();
  const one = Buffer.alloc(4);
  let open = true;
  return {
    key,
    span: (n >> shift) + 1,
    exact(d: number): number {
      if (shift === 0) return key[d]!;
      let r = known.get(d);
      if (r === undefined) {
        if (known.size >= 1 << 16) known.clear();
        r = readFully(fd, 4, at + d * 4, one).readUInt32LE(0);
        known.set(d, r);
      }
      return r;
    },
    full(): Uint32Array {
      const bytes = readFully(fd, n * 4, at);
      return new Uint32Array(bytes.buffer, bytes.byteOffset, n);
    },
    close(): void {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
