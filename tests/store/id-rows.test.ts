import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdRows, idHash } from '../../src-main/archive/catalog/id-rows.js';

const hexId = (n: number): string => createHash('sha256').update(`title ${n}`).digest('hex').slice(0, 16);

/** The rows the table points at: rid -> id, as the catalog's articles table would answer. */
function table(): { rows: Map<number, string>; confirm: (id: string) => (rid: number) => boolean } {
  const rows = new Map<number, string>();
  return { rows, confirm: (id) => (rid) => rows.get(rid) === id };
}

describe('IdRows', () => {
  it('finds every id added, through several doublings, and none that was not', () => {
    const ids = new IdRows();
    const { rows, confirm } = table();
    const n = 300_000;
    for (let i = 1; i <= n; i++) {
      const id = hexId(i);
      rows.set(i, id);
      ids.add(id, i);
    }
    expect(ids.size).toBe(n);
    expect(ids.bytes).toBeGreaterThanOrEqual((n / 0.9) * 8);
    for (let i = 1; i <= n; i += 7) expect(ids.find(hexId(i), confirm(hexId(i)))).toBe(i);
    for (let i = n + 1; i <= n + 20_000; i++) expect(ids.find(hexId(i), confirm(hexId(i)))).toBeUndefined();
  });

  it('tells apart ids of one hash by the row, and ids that are not hex', () => {
    const ids = new IdRows();
    const { rows, confirm } = table();
    const same = ['00000000aaaaaaaa', '00000000bbbbbbbb', '00000000cccccccc'];
    expect(new Set(same.map(idHash)).size).toBe(1);
    const others = ['warc:https://example.cn/a', 'warc:https://example.cn/b', '新闻-1', ''];
    [...same, ...others].forEach((id, k) => {
      rows.set(k + 1, id);
      ids.add(id, k + 1);
    });
    [...same, ...others].forEach((id, k) => expect(ids.find(id, confirm(id))).toBe(k + 1));
    expect(ids.find('00000000dddddddd', confirm('00000000dddddddd'))).toBeUndefined();
  });

  it('forgets a deleted row, keeps finding the ids probed past it, and takes the id again', () => {
    const ids = new IdRows();
    const { rows, confirm } = table();
    const same = ['12345678aaaaaaaa', '12345678bbbbbbbb', '12345678cccccccc'];
    same.forEach((id, k) => {
      rows.set(k + 1, id);
      ids.add(id, k + 1);
    });
    ids.delete(same[0]!, 1);
    rows.delete(1);
    expect(ids.size).toBe(2);
    expect(ids.find(same[0]!, confirm(same[0]!))).toBeUndefined();
    expect(ids.find(same[2]!, confirm(same[2]!))).toBe(3);
    rows.set(4, same[0]!);
    ids.add(same[0]!, 4);
    expect(ids.find(same[0]!, confirm(same[0]!))).toBe(4);
  });

  it('does not grow for slots that deletes freed: a table of churn stays its size', () => {
    const ids = new IdRows();
    const { rows, confirm } = table();
    let rid = 0;
    for (let round = 0; round < 20; round++) {
      const live: [string, number][] = [];
      for (let i = 0; i < 10_000; i++) {
        const id = hexId(round * 10_000 + i);
        rows.set(++rid, id);
        ids.add(id, rid);
        live.push([id, rid]);
      }
      for (const [id, r] of live.slice(1)) {
        ids.delete(id, r);
        rows.delete(r);
      }
    }
    expect(ids.size).toBe(20);
    expect(ids.bytes).toBeLessThanOrEqual((1 << 16) * 8);
    expect(ids.find(hexId(190_000), confirm(hexId(190_000)))).toBe(rid - 9_999);
  });
});
