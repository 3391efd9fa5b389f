import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../src-main/archive/sync/hlc.js';
import {
  isLive,
  mergeItems,
  type ItemState,
  type NoteField,
} from '../../src-main/archive/sync/item-model.js';

const note = (v: string, c: string, h: string[] = [c]): NoteField => ({ t: 'note', v, c, h });

describe('hybrid logical clock', () => {
  it('orders a device’s changes even when the wall clock stands still or goes back', () => {
    let t = 1000;
    const clock = new HybridClock('aaaa', undefined, () => t);
    const a = clock.now();
    const b = clock.now();
    t = 500;
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
  });

  it('stays comparable as a string past 65,535 changes in one millisecond', () => {
    const clock = new HybridClock('aaaa', undefined, () => 1000);
    let last = clock.now();
    for (let i = 0; i < 70_000; i++) {
      const next = clock.now();
      expect(next > last).toBe(true);
      last = next;
    }
  });

  it('moves past a clock seen from another device', () => {
    const other = new HybridClock('bbbb', undefined, () => 9000).now();
    const mine = new HybridClock('aaaa', other, () => 1000).now();
    expect(mine > other).toBe(true);
  });
});

describe('merging items', () => {
  const A = new HybridClock('aaaa', undefined, () => 1000);
  const B = new HybridClock('bbbb', undefined, () => 2000);

  it('takes the later writer per field, and tags as a set', () => {
    const c1 = A.now();
    const c2 = B.now();
    const x: ItemState = {
      kind: 'annotation',
      f: {
        color: { t: 'lww', v: 'yellow', c: c1 },
        tags: { t: 'tags', s: { a: { c: c1, on: true } } },
      },
    };
    const y: ItemState = {
      kind: 'annotation',
      f: {
        color: { t: 'lww', v: 'green', c: c2 },
        tags: { t: 'tags', s: { b: { c: c2, on: true } } },
      },
    };
    const m = mergeItems(x, y);
    expect(m).toEqual(mergeItems(y, x));
    expect(m.f.color).toMatchObject({ v: 'green' });
    expect(Object.keys((m.f.tags as { s: object }).s).sort()).toEqual(['a', 'b']);
  });

  it('keeps both texts of a note written on two devices, and settles on the one that saw the other', () => {
    const base = A.now();
    const a = A.now();
    const b = B.now();
    const x: ItemState = { kind: 'bookmark', f: { note: note('from A', a, [base, a]) } };
    const y: ItemState = { kind: 'bookmark', f: { note: note('from B', b, [base, b]) } };
    const m = mergeItems(x, y);
    expect(mergeItems(y, x)).toEqual(m);
    const merged = m.f.note as NoteField;
    expect([merged.v, ...merged.alt!.map((v) => v.v)].sort()).toEqual(['from A', 'from B']);
    // An edit made after seeing A's text only still leaves B's open.
    const a2 = A.now();
    const z: ItemState = { kind: 'bookmark', f: { note: note('A again', a2, [base, a, a2]) } };
    const m2 = mergeItems(m, z).f.note as NoteField;
    expect([m2.v, ...m2.alt!.map((v) => v.v)].sort()).toEqual(['A again', 'from B']);
  });

  it('keeps an edit made after a deletion the deleting device had not seen', () => {
    const c1 = A.now();
    const seen = c1;
    const deleted: ItemState = {
      kind: 'bookmark',
      f: { createdAt: { t: 'lww', v: 'x', c: c1 } },
      del: { c: A.now(), seen },
    };
    const edited: ItemState = {
      kind: 'bookmark',
      f: { createdAt: { t: 'lww', v: 'x', c: c1 }, note: note('later', B.now()) },
    };
    expect(isLive(deleted)).toBe(false);
    expect(isLive(mergeItems(deleted, edited))).toBe(true);
    expect(isLive(mergeItems(deleted, { ...edited, f: { createdAt: edited.f.createdAt! } }))).toBe(false);
  });
});
