/**
 * The candidate set: docs numbered in doc order through the bitset, token bits set per candidate
 * from encoded lists, docs first met reported in the order they come.
 */
import { describe, expect, it } from 'vitest';
import { Candidates } from '../../src-main/archive/search/candidates.js';
import { listOf } from '../helpers/lists.js';

describe('Candidates', () => {
  it('numbers marked docs in order and sets bits for them only', () => {
    const c = new Candidates();
    const n = 5000;
    const seed = [0, 31, 32, 33, 63, 64, 1000, 4095, 4999];
    const other = [1, 31, 64, 999, 1000, 4999];
    for (let round = 0; round < 2; round++) {
      c.reset(n);
      const first: number[] = [];
      c.mark([listOf(seed.slice(0, 5)), listOf(seed.slice(5))], n, (d) => first.push(d));
      c.mark([listOf([0, 2])], 3, (d) => first.push(d)); // 0 already marked; 2 is new
      expect(first).toEqual([...seed, 2]);
      c.seal();
      const all = [0, 2, ...seed.slice(1)];
      expect(Array.from(c.docs.subarray(0, c.count))).toEqual(all);
      for (let d = 0; d < n; d++) expect(c.indexOf(d)).toBe(all.indexOf(d));
      c.setBits(c.any, [listOf(other)], 1 << 31, n);
      c.setBits(c.any, [listOf(other)], 4, 1000); // docs from 1000 on are not read
      const bits = all.map(
        (d) => (other.includes(d) ? 2 ** 31 : 0) + (other.includes(d) && d < 1000 ? 4 : 0),
      );
      expect(Array.from(c.any.subarray(0, c.count))).toEqual(bits);
    }
  });
});
