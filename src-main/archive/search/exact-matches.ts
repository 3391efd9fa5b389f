/**
 * A query's exact matches (docs holding every token), with the best tier their fields allow: the
 * docs are intersected as bitsets (doc-set.ts), the rarest token's first, then those holding every
 * token in the title and in the snippet, and the phrase's joins there (phrase-joins.ts). A common
 * query's tokens name a hundred thousand docs each, and giving each candidate a bit per token cost
 * a rank per posting, most of the query's time.
 */
import { DocSet } from './doc-set.js';
import { popcount } from './candidates.js';
import { CHECK, TIER, type Matches } from './matches.js';

/** A query token's encoded lists: anywhere, in titles, in snippets (several lists are a union). */
export interface TokenLists {
  lists: Uint8Array[];
  title: Uint8Array[];
  snippet: Uint8Array[];
}

export interface ExactQuery {
  tokens: TokenLists[];
  /** Token numbers, rarest first. */
  bySize: number[];
  /** Per join of two terms, the docs that may hold the phrase there (see phrase-joins.ts). */
  joins: { title: Uint8Array[]; snippet: Uint8Array[] }[];
  /** One token that is the whole phrase: its presence in a field is the phrase there. */
  oneToken: boolean;
  /** Docs 0 .. n-1. */
  n: number;
  accept: ((d: number) => boolean) | undefined;
}

// Kept across queries (a few hundred KB each at 3 million docs): no large allocation per keystroke.
const all = new DocSet();
const title = new DocSet();
const snippet = new DocSet();
const titleJoins = new DocSet();
const snippetJoins = new DocSet();
const scratch = new DocSet();

/**
 * A query's exact matches as bitsets: every doc holding each token (`all`), those holding every token
 * in the title and in the snippet, and those where the phrase may be there. Valid until the next
 * query (the sets are kept from one to the next).
 */
export interface ExactSets {
  all: DocSet;
  title: DocSet;
  titleJoins: DocSet;
  /**
   * Those holding every token in the snippet, and where the phrase may be there, worked out when
   * first asked for (from `all` as it is then): a page filled from the title tiers never asks, and a
   * common query's snippet lists are a sixth of what it reads and decodes.
   */
  snippets: () => Snippets;
  /** What is left to check of a match in a title or snippet (CHECK bits; 0 for one token). */
  checks: number;
}

/** Push the exact matches to `matches`, in doc order, each with its tier and what is left to check. */
export function exactMatches(q: ExactQuery, matches: Matches): void {
  const sets = exactSets(q);
  if (sets) pushExact(sets, q.accept, matches);
}

/** The exact matches as bitsets (see ExactSets); undefined when there are none. */
export function exactSets(q: ExactQuery): ExactSets | undefined {
  const { tokens, bySize, joins, n } = q;
  if (!tokens.length) return undefined;
  scratch.clear(n); // all zero, as keep() wants it
  all.assign(tokens[bySize[0]!]!.lists, n);
  for (const t of bySize.slice(1)) all.keep(tokens[t]!.lists, n, scratch);
  if (all.empty) return undefined;
  // Narrowed by each token's lists in a field (or each join's), the rarest first as for `all`: a set
  // that empties stops there, and the other lists are not even read.
  const narrowed = (into: DocSet, from: DocSet, field: 'title' | 'snippet', of: 'tokens' | 'joins'): void => {
    into.copy(from, n);
    const sources = of === 'joins' ? joins : bySize.map((t) => tokens[t]!);
    for (const source of sources) {
      if (into.empty) break;
      into.keep(source[field], n, scratch);
    }
  };
  narrowed(title, all, 'title', 'tokens');
  narrowed(titleJoins, title, 'title', 'joins');
  let known = false;
  const snippets = (): Snippets => {
    if (!known) {
      known = true;
      narrowed(snippet, all, 'snippet', 'tokens');
      narrowed(snippetJoins, snippet, 'snippet', 'joins');
    }
    return { snippet, snippetJoins };
  };

  const checks = q.oneToken ? 0 : CHECK.title | CHECK.snippet;
  return { all, title, titleJoins, snippets, checks };
}

export interface Snippets {
  snippet: DocSet;
  snippetJoins: DocSet;
}

/** Exact sets holding nothing (a query with near misses only), for docs 0 .. n-1. */
export function noExactSets(n: number): ExactSets {
  for (const set of [all, title, snippet, titleJoins, snippetJoins]) set.clear(n);
  return { all, title, titleJoins, snippets: () => ({ snippet, snippetJoins }), checks: 0 };
}

/** Push the matches of `sets` that `accept` passes, in doc order, with their tiers and checks. */
export function pushExact(
  sets: ExactSets,
  accept: ((d: number) => boolean) | undefined,
  matches: Matches,
): void {
  const { all, title, titleJoins, checks } = sets;
  const { snippet, snippetJoins } = sets.snippets();
  const bits = all.bits;
  let count = 0;
  for (let w = all.lo; w < all.hi; w++) count += popcount(bits[w]!);
  matches.reserve(count);
  // A word of each set at a time (the sets are zero outside their ranges, for at least n docs), and
  // a match's tier looked up from its four bits rather than branched on: at a million pages a common
  // query has about a million matches, and which fields hold it goes either way at random.
  const [t, s, tj, sj] = [title.bits, snippet.bits, titleJoins.bits, snippetJoins.bits];
  for (let w = all.lo; w < all.hi; w++)
    for (let x = bits[w]!; x !== 0; x &= x - 1) {
      const bit = 31 - Math.clz32(x & -x);
      const d = (w << 5) + bit;
      if (accept && !accept(d)) continue;
      const f =
        (((t[w]! >>> bit) & 1) << 3) |
        (((tj[w]! >>> bit) & 1) << 2) |
        (((s[w]! >>> bit) & 1) << 1) |
        ((sj[w]! >>> bit) & 1);
      matches.push(d, TIER_OF[f]!, 0, CHECK_OF[f]! & checks);
    }
}

/**
 * By a match's fields (bit 3: its title holds every token, 2: the title may hold the phrase, 1: its
 * snippet holds every token, 0: the snippet may hold the phrase), the best tier they allow (settled
 * from the doc's strings if the match reaches the page: matches.ts) and what is left to check. With
 * one token its presence in a field is the phrase there (nothing to check).
 */
export const TIER_OF = Float64Array.from({ length: 16 }, (_, f) =>
  f & 8
    ? f & 4
      ? TIER.titlePhrase
      : TIER.titleTerms
    : f & 2
      ? f & 1
        ? TIER.snippetPhrase
        : TIER.snippetTerms
      : TIER.body,
);
export const CHECK_OF = Uint8Array.from(
  { length: 16 },
  (_, f) => (f & 8 ? CHECK.title : 0) | (f & 2 ? CHECK.snippet : 0),
);
