/**
 * The timeline's model (#17 item 8): years, months and days as bars over the whole span, the window
 * of the months and days levels, ranges from bars, and where a range sits in the newest-first list.
 */
import { describe, expect, it } from 'vitest';
import { buckets, listSlice, rangeOf, shift, windowed } from '../../src-renderer/src/lib/timeline';

const days = [
  { day: '2024-12-29', count: 3 },
  { day: '2022-02-28', count: 2 },
  { day: '2022-02-01', count: 1 },
  { day: '2020-01-01', count: 4 },
];

describe('timeline buckets', () => {
  it('shows every year of the span, empty years included, with their counts', () => {
    expect(buckets(days, 'years', '2024-12-29').map((b) => [b.key, b.count])).toEqual([
      ['2020', 4],
      ['2021', 0],
      ['2022', 3],
      ['2023', 0],
      ['2024', 3],
    ]);
    expect(windowed(days, 'years')).toBe(false);
  });

  it('shows the twelve months of the focused year when the span is long, the days of a month', () => {
    const months = buckets(days, 'months', '2022-02-10');
    expect(months.map((b) => b.key)).toHaveLength(12);
    expect(months[1]).toEqual({ key: '2022-02', from: '2022-02-01', to: '2022-02-28', count: 3 });
    expect(windowed(days, 'months')).toBe(true);
    const feb = buckets(days, 'days', '2022-02-10');
    expect(feb).toHaveLength(28);
    expect(feb[27]).toEqual({ key: '2022-02-28', from: '2022-02-28', to: '2022-02-28', count: 2 });
    expect(buckets(days, 'days', '2024-02-01')).toHaveLength(29);
  });

  it('shows every month of a short span', () => {
    const short = [
      { day: '2022-11-03', count: 1 },
      { day: '2022-09-13', count: 1 },
    ];
    expect(buckets(short, 'months', '2022-09-13').map((b) => b.key)).toEqual([
      '2022-09',
      '2022-10',
      '2022-11',
    ]);
    expect(windowed(short, 'months')).toBe(false);
  });

  it('moves the window and makes ranges in either order', () => {
    expect(shift('2022-12-05', 'days', 1)).toBe('2023-01-01');
    expect(shift('2022-01-05', 'days', -1)).toBe('2021-12-01');
    expect(shift('2022-03-05', 'months', -1)).toBe('2021-03-01');
    const [a, b] = buckets(days, 'months', '2022-01-01').slice(2, 4) as [never, never];
    expect(rangeOf(b, a)).toEqual({ from: '2022-03-01', to: '2022-04-30' });
  });

  it('finds the slice of the newest-first list a range covers', () => {
    expect(listSlice(days, { from: '2022-01-01', to: '2022-12-31' })).toEqual({ start: 3, count: 3 });
    expect(listSlice(days, { from: '2020-01-01', to: '2020-01-01' })).toEqual({ start: 6, count: 4 });
    expect(listSlice(days, { from: '2023-01-01', to: '2023-12-31' })).toEqual({ start: 0, count: 0 });
  });
});
