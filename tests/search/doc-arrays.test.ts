/**
 * Doc times are held as seconds from a base when they fit, and every time reads back exactly either
 * way: across the blobs' round trip, past a time that is not a whole second, past 68 years.
 */
import { describe, expect, it } from 'vitest';
import { DocArrays } from '../../src-main/archive/search/doc-arrays.js';
import { laterColumns } from '../../src-main/archive/search/array-views.js';
import { openBlobs } from '../../src-main/archive/search/doc-state.js';

const day = 86_400_000;
/** Through the blobs, the times read when first asked for (as the file gives them). */
const roundTrip = (a: DocArrays): DocArrays => {
  const blobs = a.toBlobs();
  return DocArrays.fromBlobs(openBlobs(blobs, a.n), a.n, blobs.base, () =>
    laterColumns(blobs, a.n, blobs.base),
  );
};

describe('DocArrays times', () => {
  it('read back exactly, whether held in seconds or in ms', () => {
    const times: (number | null)[] = [
      Date.parse('2022-09-13T08:49:19+08:00'),
      null,
      Date.parse('1950-01-01T00:00:00Z'),
      Date.parse('2038-07-22T20:40:39+08:00'),
      0,
    ];
    const a = new DocArrays();
    for (const t of times) a.add(t, 2, -1);
    const b = roundTrip(a);
    for (const x of [a, b]) expect(times.map((_, d) => x.time(d))).toEqual(times);
    // A time past 68 years after the first one, then one that is not a whole second.
    const later = [...times, Date.parse('2099-12-31T23:59:59Z') + 40 * 365 * day, 1_662_000_000_123];
    for (const t of later.slice(times.length)) {
      a.add(t, 1, -1);
      b.add(t, 1, -1);
    }
    for (const x of [a, b, roundTrip(a)]) expect(later.map((_, d) => x.time(d))).toEqual(later);
    expect(Array.from(a.newestFirst())).toEqual(Array.from(roundTrip(a).newestFirst()));
  });
});

describe('DocArrays read from blobs', () => {
  const build = (n: number): DocArrays => {
    const a = new DocArrays();
    for (let d = 0; d < n; d++)
      a.add(d % 7 ? Date.UTC(2020, 0, 1 + (d % 50)) : null, d % 3, d % 5 ? d % 11 : -1);
    for (let d = 0; d < n; d += 9) a.kill(d);
    return a;
  };
  const snapshot = (a: DocArrays): ReturnType<DocArrays['toBlobs']> => {
    // The blobs' bytes as a file gives them back: copies, not views on the writer's arrays.
    const b = a.toBlobs();
    const copy = (x: Buffer): Buffer => Buffer.from(x);
    return 'secs' in b
      ? {
          ...b,
          rank: copy(b.rank),
          alive: copy(b.alive),
          trank: copy(b.trank),
          group: copy(b.group),
          secs: copy(b.secs),
        }
      : {
          ...b,
          rank: copy(b.rank),
          alive: copy(b.alive),
          trank: copy(b.trank),
          group: copy(b.group),
          time: copy(b.time),
        };
  };

  it('appends docs before the times are read, and then reads every doc as held', () => {
    const a = build(300);
    const blobs = snapshot(a);
    const n = a.n;
    let reads = 0;
    const b = DocArrays.fromBlobs(openBlobs(blobs, n), n, blobs.base, () => {
      reads++;
      return laterColumns(blobs, n, blobs.base);
    });
    expect(Array.from(b.timeRank())).toEqual(Array.from(a.timeRank()));
    expect(Array.from(b.newestFirst())).toEqual(Array.from(a.newestFirst()));
    expect(reads).toBe(0);
    for (const x of [a, b]) {
      x.add(Date.UTC(2021, 5, 1), 2, 4);
      x.add(null, 0, 3);
      x.kill(5);
    }
    expect(reads).toBe(0);
    expect(Array.from({ length: b.n }, (_, d) => b.time(d))).toEqual(
      Array.from({ length: a.n }, (_, d) => a.time(d)),
    );
    expect(reads).toBe(1);
    expect(Array.from({ length: b.n }, (_, d) => b.group(d))).toEqual(
      Array.from({ length: a.n }, (_, d) => a.group(d)),
    );
    expect(Array.from(b.newestFirst())).toEqual(Array.from(a.newestFirst()));
    expect(Array.from(b.timeRank())).toEqual(Array.from(a.timeRank()));
  });

  it('takes the docs it holds from a later snapshot, and none from a file started over', () => {
    const a = build(200);
    const early = snapshot(a);
    for (let d = 0; d < 100; d++) a.add(Date.UTC(2022, 1, 1 + (d % 20)), 1, 7);
    const late = snapshot(a);
    const b = DocArrays.fromBlobs(openBlobs(early, 200), 200, early.base, () =>
      laterColumns(late, 300, late.base),
    );
    b.add(Date.UTC(2023, 0, 1), 2, 9);
    expect(b.time(200)).toBe(Date.UTC(2023, 0, 1));
    expect(Array.from({ length: 200 }, (_, d) => b.time(d))).toEqual(
      Array.from({ length: 200 }, (_, d) => a.time(d)),
    );
    expect(b.group(200)).toBe(9);

    const c = DocArrays.fromBlobs(openBlobs(early, 200), 200, early.base, () => undefined);
    expect(c.time(3)).toBeNull();
    expect(c.group(3)).toBe(-1);
    expect(c.live).toBe(b.live - 1);
  });
});
