/**
 * The timeline's model: the archive's day counts grouped into the bars of one zoom level (years,
 * months, days), the window each level shows, and the date range a click or a drag selects. Plain
 * functions over 'YYYY-MM-DD' strings (archive days, China Standard Time), so they can be tested
 * without a DOM and never meet a time zone.
 */

export type Zoom = 'years' | 'months' | 'days';
export const ZOOMS: readonly Zoom[] = ['years', 'months', 'days'];

export interface DayCount {
  day: string;
  count: number;
}

/** An inclusive range of archive days. */
export interface DayRange {
  from: string;
  to: string;
}

export interface Bucket extends DayRange {
  /** '2022', '2022-09' or '2022-09-13'. */
  key: string;
  count: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day with articles (days in any order). */
export function span(days: readonly DayCount[]): DayRange | undefined {
  let from = '';
  let to = '';
  for (const d of days) {
    if (!from || d.day < from) from = d.day;
    if (!to || d.day > to) to = d.day;
  }
  return from ? { from, to } : undefined;
}

function yearBucket(y: number, counts: Map<string, number>): Bucket {
  const key = String(y);
  return { key, from: `${key}-01-01`, to: `${key}-12-31`, count: counts.get(key) ?? 0 };
}

function monthBucket(y: number, m: number, counts: Map<string, number>): Bucket {
  const key = `${y}-${pad(m)}`;
  return { key, from: `${key}-01`, to: `${key}-${pad(daysInMonth(y, m))}`, count: counts.get(key) ?? 0 };
}

/** Most months shown at once: a span up to this long shows all its months, a longer one a year. */
export const ALL_MONTHS_MAX = 36;

/**
 * The bars of a zoom level: every year of the span; the months of the span when it is short, else the
 * twelve months of the focused year; the days of the focused month.
 */
export function buckets(days: readonly DayCount[], zoom: Zoom, focus: string): Bucket[] {
  const whole = span(days);
  if (!whole) return [];
  const counts = new Map<string, number>();
  const keyLength = zoom === 'years' ? 4 : zoom === 'months' ? 7 : 10;
  for (const d of days) {
    const key = d.day.slice(0, keyLength);
    counts.set(key, (counts.get(key) ?? 0) + d.count);
  }
  const [y0, m0] = [Number(whole.from.slice(0, 4)), Number(whole.from.slice(5, 7))];
  const [y1, m1] = [Number(whole.to.slice(0, 4)), Number(whole.to.slice(5, 7))];
  const out: Bucket[] = [];
  if (zoom === 'years') {
    for (let y = y0; y <= y1; y++) out.push(yearBucket(y, counts));
    return out;
  }
  const fy = Number(focus.slice(0, 4));
  if (zoom === 'months') {
    const months = (y1 - y0) * 12 + m1 - m0 + 1;
    const [ya, ma, yb, mb] = months <= ALL_MONTHS_MAX ? [y0, m0, y1, m1] : [fy, 1, fy, 12];
    for (let y = ya, m = ma; y < yb || (y === yb && m <= mb); m === 12 ? (y++, (m = 1)) : m++) {
      out.push(monthBucket(y, m, counts));
    }
    return out;
  }
  const fm = Number(focus.slice(5, 7));
  for (let d = 1; d <= daysInMonth(fy, fm); d++) {
    const key = `${fy}-${pad(fm)}-${pad(d)}`;
    out.push({ key, from: key, to: key, count: counts.get(key) ?? 0 });
  }
  return out;
}

/** Whether a zoom level shows only part of the span (so it can be moved along). */
export function windowed(days: readonly DayCount[], zoom: Zoom): boolean {
  if (zoom === 'days') return true;
  if (zoom === 'years') return false;
  return buckets(days, 'months', span(days)?.from ?? '2000-01-01').length < monthsOf(days);
}

function monthsOf(days: readonly DayCount[]): number {
  const s = span(days);
  if (!s) return 0;
  const months = (a: string): number => Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7));
  return months(s.to) - months(s.from) + 1;
}

/** The focus moved one window along (a year at the months level, a month at the days level). */
export function shift(focus: string, zoom: Zoom, by: number): string {
  const y = Number(focus.slice(0, 4));
  const m = Number(focus.slice(5, 7));
  if (zoom === 'months') return `${y + by}-${pad(m)}-01`;
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** The range from one bar to another, in either order. */
export function rangeOf(a: Bucket, b: Bucket): DayRange {
  return { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };
}

export function inRange(day: string, range: DayRange | null): boolean {
  return !range || (day >= range.from && day <= range.to);
}

/** Whether a bar overlaps a range. */
export function overlaps(b: DayRange, range: DayRange): boolean {
  return b.from <= range.to && b.to >= range.from;
}

/**
 * Where a range's entries sit in the newest-first listing: `days` newest first, as 'archive:days'
 * answers, whose counts are the listing's rows per day.
 */
export function listSlice(days: readonly DayCount[], range: DayRange): { start: number; count: number } {
  let at = 0;
  let start = -1;
  let count = 0;
  for (const d of days) {
    if (inRange(d.day, range)) {
      if (start < 0) start = at;
      count += d.count;
    }
    at += d.count;
  }
  return { start: Math.max(0, start), count };
}
