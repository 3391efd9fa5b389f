/**
 * DocSet.assign makes a set the docs of encoded lists (delta varints or dense bitsets), as clearing it
 * and adding them does, whatever the set held before: below the limit only, several lists a union,
 * and its range of words tight around what it holds.
 */
import { describe, expect, it } from 'vitest';
import { DocSet } from '../../src-main/archive/search/doc-set.js';
import { encodeList } from '../../src-main/archive/search/posting-codec.js';
import { writeDense } from '../../src-main/archive/search/dense-lists.js';
import { rng } from '../../bench/corpus.js';

function docsOf(set: DocSet): number[] {
  const out: number[] = [];
  for (let w = set.lo; w < set.hi; w++)
    for (let x = set.bits[w]!; x !== 0; x &= x - 1) out.push(w * 32 + 31 - Math.clz32(x & -x));
  return out;
}

describe('DocSet.assign', () => {
  it('holds what clear and add give, for varint and dense lists, unions and limits', () => {
    const r = rng(7);
    const n = 5000;
    const set = new DocSet();
    const added = new DocSet();
    for (let round = 0; round < 40; round++) {
      const lists = Array.from({ length: 1 + (round % 3) }, (_, i) => {
        const density = [0.002, 0.05, 0.6][(round + i) % 3]!;
        const from = Math.floor(r() * n * 0.5);
        const docs: number[] = [];
        for (let d = from; d < n + 300; d++) if (r() < density) docs.push(d);
        return (round + i) % 2 ? writeDense(docs) : encodeList(docs);
      });
      const limit = round % 4 === 0 ? n - 700 : n + 300;
      set.assign(lists, limit);
      added.clear(limit);
      added.add(lists, limit);
      const docs = docsOf(set);
      expect(docs).toEqual(docsOf(added));
      expect(docs.every((d) => d < limit)).toBe(true);
      if (docs.length) {
        expect(set.lo).toBe(docs[0]! >>> 5);
        expect(set.hi).toBe((docs.at(-1)! >>> 5) + 1);
      } else expect(set.empty).toBe(true);
    }
  });
});
