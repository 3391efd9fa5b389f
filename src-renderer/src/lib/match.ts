/**
 * Search matches as data ("match": what a query found; "highlight" is only ever the user's own). The core gives [start, end) ranges into a string; the renderer turns them
 * into text segments and renders marked ones inside <mark>. Nothing here produces HTML, so archive
 * text can never be interpreted as markup.
 */
import type { Range } from '$contract';

export interface Segment {
  text: string;
  marked: boolean;
  /** For a marked segment: its order among the (merged) ranges, to single out a current match. */
  range?: number;
}

/** Splits `text` at the ranges (unsorted, overlapping or out of bounds are all tolerated). */
export function segments(text: string, ranges: readonly Range[] | undefined): Segment[] {
  const clean = (ranges ?? [])
    .map(([s, e]): Range => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of clean) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [index, [s, e]] of merged.entries()) {
    if (s > at) out.push({ text: text.slice(at, s), marked: false });
    out.push({ text: text.slice(s, e), marked: true, range: index });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), marked: false });
  return out;
}
