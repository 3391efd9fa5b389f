/**
 * Property: random edit histories on three devices, synced through one target in random orders,
 * converge: after everyone has synced twice more, every device holds the same library and the same
 * open conflicts. The target here is a map of item states merged the way a sync run merges files
 * (library-map + item-model, without the I/O), so a thousand histories run in seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../src-main/archive/sync/hlc.js';
import { canonicalJson, mergeItems, type ItemState } from '../../src-main/archive/sync/item-model.js';
import { applyItem, recordLocal } from '../../src-main/archive/sync/library-map.js';
import { DEFAULT_SETTINGS, type LibraryData } from '../../src-main/archive/library/library-types.js';
import { openConflicts } from '../../src-main/archive/sync/sync-engine.js';
import { target } from './helpers.js';

const ARTICLES = ['aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa2', 'aaaaaaaaaaaaaaa3'];
const NOTES = ['', '甲', '乙', '丙'];
const TAGS = ['x', 'y', 'z'];

interface Dev {
  id: string;
  data: LibraryData;
  items: Record<string, ItemState>;
  clock: string | undefined;
  skew: number;
}

type Op =
  | { t: 'bookmark'; a: number; tags: string[]; note: number }
  | { t: 'unbookmark'; a: number }
  | { t: 'annotate'; a: number; note: number }
  | { t: 'edit'; n: number; note: number; tags: string[]; color: boolean }
  | { t: 'delete'; n: number }
  | { t: 'read'; a: number; p: number }
  | { t: 'sync' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('bookmark' as const), a: fc.nat(2), tags: fc.subarray(TAGS), note: fc.nat(3) }),
  fc.record({ t: fc.constant('unbookmark' as const), a: fc.nat(2) }),
  fc.record({ t: fc.constant('annotate' as const), a: fc.nat(2), note: fc.nat(3) }),
  fc.record({
    t: fc.constant('edit' as const),
    n: fc.nat(5),
    note: fc.nat(3),
    tags: fc.subarray(TAGS),
    color: fc.boolean(),
  }),
  fc.record({ t: fc.constant('delete' as const), n: fc.nat(5) }),
  fc.record({ t: fc.constant('read' as const), a: fc.nat(2), p: fc.integer({ min: 0, max: 10 }) }),
  fc.constant({ t: 'sync' as const }),
);

let now = 1_000_000;
let serial = 0;
const stamp = (): string => new Date(now).toISOString();

function apply(d: Dev, o: Op): void {
  now += 7;
  const data = d.data;
  if (o.t === 'bookmark') {
    const b = data.bookmarks.find((x) => x.articleId === ARTICLES[o.a]);
    const note = NOTES[o.note]!;
    if (b) {
      b.tags = o.tags;
      if (note) b.note = note;
      else delete b.note;
    } else
      data.bookmarks.push({
        articleId: ARTICLES[o.a]!,
        createdAt: stamp(),
        tags: o.tags,
        ...(note ? { note } : {}),
      });
  } else if (o.t === 'unbookmark')
    data.bookmarks = data.bookmarks.filter((b) => b.articleId !== ARTICLES[o.a]);
  else if (o.t === 'annotate') {
    const note = NOTES[o.note]!;
    data.annotations.push({
      id: `${d.id}-${++serial}`,
      articleId: ARTICLES[o.a]!,
      color: 'yellow',
      tags: [],
      target: target(),
      createdAt: stamp(),
      updatedAt: stamp(),
      ...(note ? { note } : {}),
    });
  } else if (o.t === 'edit' || o.t === 'delete') {
    const a = data.annotations[o.n % Math.max(1, data.annotations.length)];
    if (!a) return;
    if (o.t === 'delete') data.annotations = data.annotations.filter((x) => x !== a);
    else {
      const note = NOTES[o.note]!;
      if (note) a.note = note;
      else delete a.note;
      a.tags = o.tags;
      if (o.color) a.color = a.color === 'yellow' ? 'blue' : 'yellow';
      a.updatedAt = stamp();
    }
  } else if (o.t === 'read') data.reading[ARTICLES[o.a]!] = { position: o.p / 10, readAt: stamp() };
}

/** One sync run, as sync-engine does it: stamp local changes, merge the target in, write back. */
function sync(d: Dev, server: Map<string, ItemState>): void {
  const clock = new HybridClock(d.id, d.clock, () => now + d.skew);
  recordLocal(d.items, d.data, clock);
  for (const [key, theirs] of server) {
    const mine = d.items[key];
    const merged = mine ? mergeItems(mine, theirs) : theirs;
    if (mine && canonicalJson(mine) === canonicalJson(merged)) continue;
    d.items[key] = merged;
    applyItem(d.data, key, merged);
  }
  for (const [key, item] of Object.entries(d.items)) {
    const theirs = server.get(key);
    server.set(key, theirs ? mergeItems(theirs, item) : item);
  }
  d.clock = clock.last;
}

function view(d: Dev): string {
  const bookmarks = [...d.data.bookmarks]
    .map((b) => ({ ...b, tags: [...b.tags].sort() }))
    .sort((x, y) => (x.articleId < y.articleId ? -1 : 1));
  const annotations = [...d.data.annotations]
    .map((a) => ({ ...a, tags: [...a.tags].sort() }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  const conflicts = openConflicts({ v: 1, deviceId: d.id, items: d.items, remote: {} });
  return canonicalJson({ bookmarks, annotations, reading: d.data.reading, conflicts });
}

describe('convergence (property)', () => {
  it('random histories on three devices, synced in random orders, end the same everywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), op), { maxLength: 40 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 3, maxLength: 3 }),
        (history, skews) => {
          const devices: Dev[] = ['d0', 'd1', 'd2'].map((id, i) => ({
            id: `${id}${i}`,
            data: {
              schemaVersion: 2,
              bookmarks: [],
              annotations: [],
              reading: {},
              settings: { ...DEFAULT_SETTINGS },
            },
            items: {},
            clock: undefined,
            skew: skews[i]!,
          }));
          const server = new Map<string, ItemState>();
          for (const [who, o] of history) {
            const d = devices[who]!;
            if (o.t === 'sync') sync(d, server);
            else apply(d, o);
          }
          for (let round = 0; round < 2; round++) for (const d of devices) sync(d, server);
          const views = devices.map(view);
          expect(views[1]).toBe(views[0]);
          expect(views[2]).toBe(views[0]);
        },
      ),
      {
        numRuns: 300,
        examples: [
          // Found by a run (seed -2044825275): two copies of one note version with different
          // histories, merged in an order that kept the shorter, left one device showing a conflict.
          [
            [
              [1, { t: 'bookmark', a: 0, tags: [], note: 1 }],
              [0, { t: 'bookmark', a: 0, tags: [], note: 0 }],
              [1, { t: 'sync' }],
              [1, { t: 'bookmark', a: 0, tags: [], note: 0 }],
            ],
            [0, -1, 0],
          ],
        ],
      },
    );
  });
});
