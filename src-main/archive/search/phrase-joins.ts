/**
 * Whether a title (or snippet) can hold the phrase of a query of several terms, from postings alone.
 * A match whose title holds every token of `主心骨 近邻党建` ranks by whether the title holds the
 * phrase `主心骨近邻党建` or only the terms, which takes the title's text to tell; before it is read,
 * the match is taken at the best tier it can have (see matches.ts). A title lacking the bigram where
 * two terms join (`骨近`) cannot hold the phrase, so its best is the terms: that bound being tight is
 * what spares reading thousands of titles that hold the terms apart (most of them, for this query).
 *
 * The tokenizer makes bigrams across spaces and punctuation (a folded title is compared without them),
 * except across the few characters it takes as CJK that the folded key drops: a title holding the
 * first character followed by one of those may still hold the phrase, and counts as possible.
 */
import { CP_SPAN, isCjk, type ParsedQuery } from './search-text.js';

/** Characters isCjk counts that searchKey drops (punctuation and symbols): ゛ ゜ ゠ ・. */
export const CJK_SEPARATORS = [0x309b, 0x309c, 0x30a0, 0x30fb] as const;

/**
 * Per join of two terms, the bigrams whose presence in a field makes the phrase possible there; or
 * undefined when some join is not between two CJK characters (then nothing bounds it).
 */
export function phraseJoins(pq: ParsedQuery): number[][] | undefined {
  if (pq.terms.length < 2) return undefined;
  const joins: number[][] = [];
  for (let t = 0; t + 1 < pq.terms.length; t++) {
    const left = [...pq.terms[t]!.key].at(-1)!.codePointAt(0)!;
    const right = pq.terms[t + 1]!.key.codePointAt(0)!;
    if (!isCjk(left) || !isCjk(right)) return undefined;
    joins.push([left * CP_SPAN + right, ...CJK_SEPARATORS.map((s) => left * CP_SPAN + s)]);
  }
  return joins;
}
