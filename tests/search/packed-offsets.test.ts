/**
 * The titles' pinyin offsets packed to a length byte a doc and a start every 16 docs: every doc's
 * start and length, asked in any order, are the plain offsets', built by appending, from the offsets
 * index.db keeps, or from the parts of the copy, with lengths of 0, under 255 and over it.
 */
import { describe, expect, it } from 'vitest';
import { PackedOffsets } from '../../src-main/archive/search/packed-offsets.js';

function lengths(n: number, seed: number): number[] {
  let x = seed;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => {
    const r = next();
    return r < 0.05 ? 0 : r < 0.08 ? 255 + Math.floor(next() * 900) : Math.floor(next() * 60);
  });
}

function expectSame(p: PackedOffsets, off: Uint32Array, order: number[]): void {
  const n = off.length - 1;
  expect(p.n).toBe(n);
  expect(p.end).toBe(off[n]);
  for (const d of order) {
    expect(p.start(d)).toBe(off[d]);
    expect(p.length(d)).toBe(off[d + 1]! - off[d]!);
  }
  expect([...p.toOffsets()]).toEqual([...off]);
}

describe('packed offsets', () => {
  it.each([0, 1, 15, 16, 17, 5003])('hold %i docs as plain offsets do', (n) => {
    const lens = lengths(n, n + 7);
    const off = new Uint32Array(n + 1);
    for (let d = 0; d < n; d++) off[d + 1] = off[d]! + lens[d]!;
    const ascending = [...Array(n).keys()];
    const shuffled = [...ascending].sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101) || a - b);
    const pushed = new PackedOffsets();
    for (const l of lens) pushed.push(l);
    const unpacked = PackedOffsets.fromOffsets(off, n);
    for (const p of [pushed, unpacked]) {
      expectSame(p, off, ascending);
      expectSame(p, off, shuffled);
    }
    // Through the copy's parts, then more docs appended after them.
    const parts = unpacked.toParts();
    const copy = (b: Uint8Array): Uint8Array => Buffer.from(Buffer.from(b)); // not the same memory
    const read = PackedOffsets.fromParts(
      { pylen: copy(parts.pylen), pybase: copy(parts.pybase), pylong: copy(parts.pylong) },
      n,
    );
    expectSame(read, off, shuffled);
    const more = lengths(40, 3);
    const all = new Uint32Array(n + 41);
    all.set(off);
    for (let i = 0; i < 40; i++) {
      read.push(more[i]!);
      all[n + i + 1] = all[n + i]! + more[i]!;
    }
    expectSame(read, all, [...Array(n + 40).keys()].reverse());
  });

  it('refuse parts of the wrong size', () => {
    const p = new PackedOffsets();
    for (let i = 0; i < 40; i++) p.push(i);
    const parts = p.toParts();
    expect(() => PackedOffsets.fromParts(parts, 41)).toThrow(/wrong size/);
    expect(() => PackedOffsets.fromParts({ ...parts, pybase: parts.pybase.subarray(4) }, 40)).toThrow(
      /wrong size/,
    );
  });
});
