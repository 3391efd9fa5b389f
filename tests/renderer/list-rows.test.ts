/**
 * The grouped list's row model: headers interleaved with options, options mapped back to their rows,
 * and the rendered window cut into one chunk per group with the selected row kept, detached, outside.
 */
import { describe, expect, it } from 'vitest';
import { buildRows, chunksOf, groupIndexOf, rowsOfGroups } from '../../src-renderer/src/lib/list-rows';

const items = ['a1', 'a2', 'b1', 'b2', 'b3', 'c1'];
const model = buildRows(items, (s) => s[0]!);

describe('list rows', () => {
  it('puts a header row before each group', () => {
    expect([...model.rows]).toEqual([-1, 0, 1, -2, 2, 3, 4, -3, 5]);
    expect([...model.rowOf]).toEqual([1, 2, 4, 5, 6, 8]);
    expect(model.groups.map((g) => [g.key, g.start, g.count, g.headerRow])).toEqual([
      ['a', 0, 2, 0],
      ['b', 2, 3, 3],
      ['c', 5, 1, 7],
    ]);
    expect(groupIndexOf(model, 4)).toBe(1);
  });

  it('cuts the window into groups and keeps the selected row outside it', () => {
    const chunks = chunksOf(model, { start: 4, end: 8 }, model.rowOf[0]!, true, (g) => g.key.toUpperCase());
    expect(chunks.map((c) => [c.label, c.hasHeader, c.rows, c.detached])).toEqual([
      ['A', false, [1], true],
      ['B', false, [4, 5, 6], false],
      ['C', true, [7], false],
    ]);
  });

  it('has no headers without groups', () => {
    const flat = buildRows(items);
    expect([...flat.rows]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(chunksOf(flat, { start: 0, end: 2 }, 5, false, () => '')).toMatchObject([
      { group: -1, rows: [0, 1], detached: false },
      { group: -1, rows: [5], detached: true },
    ]);
  });

  it('builds the same model from group counts alone (a list loaded in pages), the rest as a last group', () => {
    const paged = rowsOfGroups(
      [
        { key: 'a', count: 2 },
        { key: 'b', count: 3 },
      ],
      6,
    );
    expect([...paged.rows]).toEqual([...model.rows]);
    expect([...paged.rowOf]).toEqual([...model.rowOf]);
    expect(paged.groups.map((g) => [g.key, g.start, g.count, g.headerRow])).toEqual([
      ['a', 0, 2, 0],
      ['b', 2, 3, 3],
      ['', 5, 1, 7],
    ]);
    // Fewer options than the groups count: the groups end with them.
    expect(rowsOfGroups([{ key: 'a', count: 5 }], 2).groups).toEqual([
      { key: 'a', start: 0, count: 2, headerRow: 0 },
    ]);
  });
});
