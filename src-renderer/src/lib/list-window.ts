/**
 * All articles and Sources over millions of rows: a list lays out a window of at most WINDOW rows of
 * the part shown (the whole list, or a timeline range). A browser cannot make an element taller than
 * about 33 million pixels (some 540,000 rows), and the virtualizer works out every laid-out row's
 * place again after each batch of measured rows, so its cost follows the window's length: at 20,000
 * rows opening the list took a 470-800 ms task on this machine, at 5,000 under 150 ms. The window
 * moves as the list scrolls near its edges, and Home, End and the timeline move it at once
 * (moving-window.svelte.ts). All articles' groups are the days, known from the day counts before any
 * row is loaded. Plain functions, so they can be read (and tested) without a DOM.
 */
import type { DayCount } from './timeline';

export const WINDOW = 5_000;
/** How close to a window's edge (in rows) scrolling moves the window. */
export const WINDOW_EDGE = 300;

export interface Span {
  start: number;
  count: number;
}

/** The window of the part shown that starts `base` rows into it (clamped so it stays inside). */
export function windowOf(part: Span, base: number, size = WINDOW): Span {
  const at = Math.max(0, Math.min(base, part.count - size));
  return { start: part.start + at, count: Math.max(0, Math.min(size, part.count - at)) };
}

/**
 * The days inside a window of the newest-first listing, each with its rows there. Rows past the
 * counted days (undated articles, at the end of the listing) are left to the list's last group.
 */
export function dayGroups(days: readonly DayCount[], window: Span): { key: string; count: number }[] {
  const out: { key: string; count: number }[] = [];
  const end = window.start + window.count;
  let at = 0;
  for (const d of days) {
    const from = Math.max(at, window.start);
    const to = Math.min(at + d.count, end);
    if (to > from) out.push({ key: d.day, count: to - from });
    at += d.count;
    if (at >= end) break;
  }
  return out;
}

/** The day of row `index` of the listing ('' past the counted days: undated). */
export function dayAt(days: readonly DayCount[], index: number): string {
  let at = 0;
  for (const d of days) {
    at += d.count;
    if (index < at) return d.day;
  }
  return '';
}
