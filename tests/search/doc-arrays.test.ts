/**
 * Doc times are held as seconds from a base when they fit, and every time reads back exactly either
 * way: across the blobs' round trip, past a time that is not a whole second, past 68 years.
 */
import { describe, expect, it } from 'vitest';
import { DocArrays } from '../../src-main/archive/search/doc-arrays.js';

const day = 86_400_000;
const roundTrip = (a: DocArrays): DocArrays => DocArrays.fromBlobs(a.toBlobs(), a.n);

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
