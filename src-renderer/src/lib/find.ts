/**
 * Find in article: matches of a query in the article's blocks, folding text like search does (NFKC
 * full-width to half-width, case, and Traditional to Simplified once that converter has loaded), while
 * keeping every offset valid in the original text so matches can be marked where they are.
 */
import type { Range } from '$contract';

export type Fold = (text: string) => string;

/**
 * A folding function that never changes the length of its input: characters whose folded form has
 * another length are kept as they are, so offsets in folded text are offsets in the original.
 */
export function makeFold(toSimplified?: (text: string) => string): Fold {
  return (text) => {
    let out = '';
    for (const ch of text) {
      const folded = ch.normalize('NFKC').toLowerCase();
      out += folded.length === ch.length ? folded : ch;
    }
    if (toSimplified) {
      const simple = toSimplified(out);
      if (simple.length === out.length) return simple;
      // Phrase conversions changed the length: fall back to one character at a time.
      let perChar = '';
      for (const ch of out) {
        const c = toSimplified(ch);
        perChar += c.length === ch.length ? c : ch;
      }
      return perChar;
    }
    return out;
  };
}

export interface FindMatch {
  block: number;
  start: number;
  end: number;
}

export function findMatches(texts: readonly string[], query: string, fold: Fold): FindMatch[] {
  const needle = fold(query.trim());
  if (!needle) return [];
  const matches: FindMatch[] = [];
  texts.forEach((text, block) => {
    const hay = fold(text);
    let from = 0;
    for (;;) {
      const at = hay.indexOf(needle, from);
      if (at < 0) break;
      matches.push({ block, start: at, end: at + needle.length });
      from = at + needle.length;
    }
  });
  return matches;
}

/** The ranges of `matches` that fall in one block, in order. */
export function rangesInBlock(matches: readonly FindMatch[], block: number): Range[] {
  return matches.filter((m) => m.block === block).map((m): Range => [m.start, m.end]);
}
