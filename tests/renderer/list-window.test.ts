/**
 * All articles' window over a list longer than a browser lays out: where a window starts and how
 * long it is inside the part shown, the days inside it (clipped at its edges), and the day of a row.
 */
import { describe, expect, it } from 'vitest';
import { WINDOW, dayAt, dayGroups, windowOf } from '../../src-renderer/src/lib/list-window';

const days = [
  { day: '2022-09-13', count: 4 },
  { day: '2022-09-12', count: 3 },
  { day: '2022-09-10', count: 5 },
];

describe('list window', () => {
  it('stays inside the part shown, however far it is asked to start', () => {
    expect(windowOf({ start: 0, count: 3_000_000 }, 0)).toEqual({ start: 0, count: WINDOW });
    expect(windowOf({ start: 0, count: 3_000_000 }, 3_000_000)).toEqual({
      start: 3_000_000 - WINDOW,
      count: WINDOW,
    });
    expect(windowOf({ start: 100, count: 50 }, 40)).toEqual({ start: 100, count: 50 });
    expect(windowOf({ start: 100, count: 50 }, 10, 20)).toEqual({ start: 110, count: 20 });
    expect(windowOf({ start: 0, count: 0 }, 5)).toEqual({ start: 0, count: 0 });
  });

  it('gives the days inside a window, the first and last cut at its edges', () => {
    expect(dayGroups(days, { start: 0, count: 12 })).toEqual([
      { key: '2022-09-13', count: 4 },
      { key: '2022-09-12', count: 3 },
      { key: '2022-09-10', count: 5 },
    ]);
    expect(dayGroups(days, { start: 2, count: 6 })).toEqual([
      { key: '2022-09-13', count: 2 },
      { key: '2022-09-12', count: 3 },
      { key: '2022-09-10', count: 1 },
    ]);
    // Rows past the counted days (undated) are no day's.
    expect(dayGroups(days, { start: 10, count: 5 })).toEqual([{ key: '2022-09-10', count: 2 }]);
  });

  it("tells a row's day, and none past the counted days", () => {
    expect([0, 3, 4, 6, 7, 11, 12].map((i) => dayAt(days, i))).toEqual([
      '2022-09-13',
      '2022-09-13',
      '2022-09-12',
      '2022-09-12',
      '2022-09-10',
      '2022-09-10',
      '',
    ]);
  });
});
