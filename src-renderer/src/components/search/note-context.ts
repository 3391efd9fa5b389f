/**
 * A matching note's context, split back into the note and the quote it was joined from, so the row
 * can show the quote as a quote. Ranges stay [start, end) offsets into each part.
 */
import type { Range } from '$contract';

export interface TextPart {
  text: string;
  ranges: Range[];
}

/** The ranges of [start, end) of the context, shifted to start at 0 and clipped. */
function slice(context: TextPart, start: number, end: number): TextPart {
  const ranges = context.ranges
    .map(([s, e]): Range => [Math.max(s, start) - start, Math.min(e, end) - start])
    .filter(([s, e]) => e > s);
  return { text: context.text.slice(start, end), ranges };
}

/**
 * The matching context is the note and the quote joined; split it back so the quote can look like a
 * quote. When the quote is not found whole (a long context is cut), the context stays one part.
 */
export function splitContext(context: TextPart, quote: string): { note?: TextPart; quote?: TextPart } {
  const at = quote ? context.text.lastIndexOf(quote) : -1;
  if (at < 0) return { note: context };
  const end = at + quote.length;
  const noteEnd = context.text.slice(0, at).trimEnd().length;
  return {
    ...(noteEnd > 0 ? { note: slice(context, 0, noteEnd) } : {}),
    quote: slice(context, at, end),
  };
}
