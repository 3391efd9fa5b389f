/** The build-time postings table agrees with a plain Map of lists, through growth and repeats. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GramTable } from '../../src-main/archive/search/gram-table.js';

describe('GramTable', () => {
  it('keeps, per key, the ascending docs that pushed it, once each', () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0x110000, max: 0x110000 * 0x110000 * 3 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(key, { maxLength: 60 }), { maxLength: 80 }), (docs) => {
        const table = new GramTable();
        const model = new Map<number, number[]>();
        docs.forEach((keys, d) => {
          for (const k of keys) {
            table.push(k, d);
            const list = model.get(k) ?? model.set(k, []).get(k)!;
            if (list[list.length - 1] !== d) list.push(d);
          }
        });
        expect(table.size).toBe(model.size);
        for (const [k, list] of model) expect([...table.get(k)!.view()]).toEqual(list);
        expect(new Map([...table.entries()].map(([k, l]) => [k, [...l.view()]]))).toEqual(model);
        expect(table.get(0x110000 * 0x110000 * 4)).toBeUndefined();
      }),
    );
  });

  it('answers as a new table once cleared and filled again', () => {
    const table = new GramTable();
    for (let d = 0; d < 3000; d++)
      for (let k = 0; k < 40; k++) table.push((d * 7 + k * 0x110000) % 50_000, d);
    expect(table.size).toBe(50_000);
    table.clear();
    expect(table.size).toBe(0);
    expect([...table.entries()]).toEqual([]);
    table.push(5, 1);
    table.push(0x110000 * 3, 1);
    table.push(5, 2);
    expect(new Map([...table.entries()].map(([k, l]) => [k, [...l.view()]]))).toEqual(
      new Map([
        [5, [1, 2]],
        [0x110000 * 3, [1]],
      ]),
    );
  });
});
