/**
 * Query execution over the index: candidates from the inverted index (one bit per query token, per
 * field: anywhere, title, snippet), then tiers — phrase in title, all terms in title, phrase/terms in
 * snippet, in body, pinyin of the title, fuzzy — with fuse.js ranking the best few fuzzy candidates.
 * Ties go to the newer article. A match's strings are read only when its title or snippet holds every
 * token of the query (to tell a phrase from scattered terms): at 100,000 pages a common query matches
 * a third of the archive, and reading each match's strings was most of its cost.
 * With no filter but by kind the matches may go back as bitsets instead (`exactOnly`): exact ones
 * (exact-page.ts), with near misses (near-misses.ts) or a pinyin query's titles, and the service works
 * out the page.
 */
import { CP_SPAN, type ParsedQuery } from './search-text.js';
import { FIELD, type Field, type SearchIndex } from './search-index.js';
import { FieldLists, Slot } from './query-slots.js';
import { CHECK, Matches, TIER } from './matches.js';
import { rankFuzzy } from './fuzzy-rank.js';
import { Candidates, popcount } from './candidates.js';
import { phraseJoins } from './phrase-joins.js';
import { exactSets, noExactSets, pushExact, type ExactSets } from './exact-matches.js';
import type { BitMatches } from './exact-page.js';
import { keepLive, liveDocs, liveMatches } from './live-docs.js';
import { nearMisses } from './near-misses.js';
import { pinyinSets, type PinyinDocs } from './pinyin-docs.js';
import { docsBound } from './dense-lists.js';
import { addPinyin } from './pinyin-matches.js';
import type { Recency } from './coarse-ranks.js';

export { allMatches, kthLargest, topMatches } from './search-order.js';

export { Matches, TIER, type Match } from './matches.js';

export interface EngineResult {
  matches: Matches;
  /**
   * When the caller may take them (see runQuery's `exactOnly`): the matches as bitsets (exact ones,
   * near misses, pinyin titles), with the dead docs and the kinds a filter leaves out dropped, and
   * `matches` left empty (see exact-page.ts).
   */
  exact?: BitMatches;
  /** Docs that share at least one token with the query (used for suggestions on no hits). */
  touched: number[];
  /**
   * When nothing matched every term: per touched doc (same order), how many of the query's tokens
   * its title holds, so suggestions rank titles without reading them.
   */
  titleTokens?: Uint8Array;
}

/** Tokens of a query that are read (very long queries: the first 32 decide). */
export const MAX_SLOTS = 32;
/** Near misses (fuzzy matches) are looked for when a query has fewer exact matches than this. */
export const FUZZY_UNDER = 1000;
/**
 * From this many tokens a query's near misses may come as bitsets (near-misses.ts): each holds half
 * its tokens or more, and the full pass keeps them all. Up to NEAR_BITS_MOST: they keep two bitsets a
 * token (about 4 MB each at a million pages), and a longer query's near misses, holding all its
 * tokens but two, are few.
 */
export const NEAR_BITS_FROM = 4;
export const NEAR_BITS_MOST = 12;
/**
 * ... and when their candidates (the docs of the three rarest tokens) may be this many: fewer are
 * listed, folded and ordered in less time than the bitsets' passes over the archive take.
 */
export const NEAR = { bitsFrom: 1 << 14 };

/** One query token: its postings anywhere, in titles and in snippets (encoded: see posting-codec.ts). */
/** About how many docs a token's lists name (at most), without decoding them (see docsBound). */
function listBytes(lists: Uint8Array[]): number {
  let n = 0;
  for (const l of lists) n += docsBound(l);
  return n;
}

/** A list of doc numbers (or other numbers) reused across queries: no garbage per query. */
class Growable {
  a: Float64Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Float64Array(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const next = new Float64Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.n++] = v;
  }
}
const fuzzyDBuffer = new Growable();
const fuzzySubBuffer = new Growable();
// Reused across queries: no large allocation per keystroke.
const cands = new Candidates();

export function runQuery(
  index: SearchIndex,
  pq: ParsedQuery,
  /** Filters; undefined when every indexed doc passes (then the dead-doc check is skipped too). */
  accept: ((d: number) => boolean) | undefined,
  /** Recency (see topMatches): lets the fuzzy head be selected without a full sort. */
  recency?: Recency,
  /**
   * Where the matches go (emptied first): the service passes the same one at every query, since a
   * common query's matches are megabytes of typed arrays and making them anew at each keystroke
   * brought collections (and slow queries) along.
   */
  into: Matches = new Matches(),
  /**
   * The query has no filter (`accept` at most drops dead docs) but `kinds`, and is not ordered oldest
   * first: its matches may be returned as bitsets (see EngineResult.exact).
   */
  exactOnly = false,
  /** With exactOnly: the kind ranks a filter keeps (`accept` tests them too); undefined: every kind. */
  kinds?: readonly number[],
): EngineResult {
  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  const termMasks: number[] = [];
  const lastTerm = pq.terms.length - 1;
  for (let t = 0; t < pq.terms.length; t++) {
    const term = pq.terms[t]!;
    let mask = 0;
    const add = (key: string, make: () => Slot): void => {
      let s = slotOf.get(key);
      if (s === undefined) {
        if (slots.length >= MAX_SLOTS) return; // very long queries: the first 32 tokens decide
        s = slots.length;
        slots.push(make());
        slotOf.set(key, s);
      }
      mask |= 1 << s;
    };
    for (const g of term.grams) {
      if (g < CP_SPAN) {
        // A lone character: any gram that holds it.
        add(`u${g}`, () => {
          const grams = index.gramsWith(g);
          const of = (f: Field): Uint8Array[] => grams.flatMap((k) => index.gramData(k, f));
          return new Slot(of(FIELD.any), of, false, String.fromCodePoint(g));
        });
      } else {
        add(
          `g${g}`,
          () =>
            new Slot(
              index.gramData(g),
              (f) => index.gramData(g, f),
              true,
              String.fromCodePoint(Math.floor(g / CP_SPAN), g % CP_SPAN),
            ),
        );
      }
    }
    term.words.forEach((w, i) => {
      // The word being typed (last of the query) matches as a prefix.
      const prefix = t === lastTerm && i === term.words.length - 1;
      add(
        `w${prefix ? '*' : ''}${w}`,
        () => new Slot(index.wordData(w, !prefix), (f) => index.wordData(w, !prefix, f), false, w),
      );
    });
    termMasks.push(mask);
  }

  const n = index.docCount;
  const nSlots = slots.length;
  // One wrong character removes at most two bigrams; short queries get a fuse.js check instead.
  const fuzzyFrom = nSlots >= 3 ? Math.max(1, nSlots - 2) : Infinity;
  const bySize = slots
    .map((_, s) => s)
    .sort((a, b) => listBytes(slots[a]!.lists) - listBytes(slots[b]!.lists));
  let bigramBits = 0;
  for (let s = 0; s < nSlots; s++) if (slots[s]!.bigram) bigramBits = (bigramBits | (1 << s)) >>> 0;

  const matches = into;
  matches.clear();
  const settler = (d: number, check: number): number => settleTier(index, pq, d, check);
  matches.settler = settler;
  // Fuzzy candidates as two arrays reused across queries: a common typo touches most of the archive,
  // and most of them are dropped (see rankFuzzy), so no object is made for them.
  const fuzzyD = fuzzyDBuffer;
  const fuzzySub = fuzzySubBuffer;
  fuzzyD.n = fuzzySub.n = 0;
  // Every token of the query: a title or snippet lacking one cannot hold the phrase or all terms.
  let allBits = 0;
  for (const tm of termMasks) allBits = (allBits | tm) >>> 0;
  // One term of one token (`党建`, `ai`): a title or snippet holding the token holds the phrase.
  const oneToken = pq.terms.length === 1 && nSlots === 1 && slots[0]!.text === pq.phraseKey;
  // Several terms: a bit per join of two terms (after the tokens' bits) in the title and snippet
  // bits, set where the phrase can be there (see phrase-joins.ts); all set when nothing bounds it.
  const joins = phraseJoins(pq);
  const joinLists =
    joins && nSlots + joins.length <= MAX_SLOTS
      ? joins.map((grams) => new FieldLists((f) => grams.flatMap((g) => index.gramData(g, f))))
      : [];
  let joinBits = 0;
  for (let j = 0; j < joinLists.length; j++) joinBits = (joinBits | (1 << (nSlots + j))) >>> 0;

  /**
   * Mark the candidates and sort them into exact matches and near misses (those holding `minFuzzy`
   * tokens or more). A doc holding all tokens but two holds one of any `seeds` tokens, so the docs of
   * the rarest few are the candidates (the others' lists only set their bits): a common bigram
   * (`城市`) names a large share of the archive. (Exact matches alone: exact-matches.ts.)
   */
  const pass = (seeds: number, minFuzzy: number): Set<number> => {
    const isSeed = new Set(bySize.slice(0, seeds));
    cands.reset(n);
    for (const s of isSeed) cands.mark(slots[s]!.lists, n);
    cands.seal();
    const { docs, any, title, snippet, count } = cands;
    matches.reserve(count);
    for (let s = 0; s < nSlots; s++) {
      const bit = (1 << s) >>> 0;
      const slot = slots[s]!;
      cands.setBits(any, slot.lists, bit, n);
      cands.setBits(title, slot.title, bit, n);
      cands.setBits(snippet, slot.snippet, bit, n);
    }
    joinLists.forEach((join, j) => {
      cands.setBits(title, join.title, (1 << (nSlots + j)) >>> 0, n);
      cands.setBits(snippet, join.snippet, (1 << (nSlots + j)) >>> 0, n);
    });
    for (let c = 0; c < count; c++) {
      const d = docs[c]!;
      if (accept && !accept(d)) continue;
      const m = any[c]!;
      let all = termMasks.length > 0;
      for (const tm of termMasks) if ((m & tm) >>> 0 !== tm >>> 0) all = false;
      if (all) {
        const inTitle = (title[c]! & allBits) >>> 0 === allBits;
        const inSnippet = (snippet[c]! & allBits) >>> 0 === allBits;
        // With one token its presence in a field is the phrase there. Otherwise the best tier the
        // fields allow, settled from the doc's strings if the match reaches the page (matches.ts).
        const tier = inTitle
          ? (title[c]! & joinBits) >>> 0 === joinBits
            ? TIER.titlePhrase
            : TIER.titleTerms
          : inSnippet
            ? (snippet[c]! & joinBits) >>> 0 === joinBits
              ? TIER.snippetPhrase
              : TIER.snippetTerms
            : TIER.body;
        const check = oneToken ? 0 : (inTitle ? CHECK.title : 0) | (inSnippet ? CHECK.snippet : 0);
        matches.push(d, tier, 0, check);
      } else {
        const k = popcount(m);
        if (k >= minFuzzy) {
          const inTitle = popcount((title[c]! & bigramBits) >>> 0);
          fuzzyD.push(d);
          fuzzySub.push(k / nSlots + (0.5 * inTitle) / nSlots);
        }
      }
    }
    return isSeed;
  };
  // Exact matches first, from the rarest token alone. Near misses are looked for only when those are
  // few: past a few pages of exact matches nobody reads on into the fuzzy ones, and gathering them
  // visits every doc holding any of the query's tokens.
  // (A rarest token held by fewer docs than that, a typo's bigram often, bounds the exact matches:
  // then the near misses are looked for at once.)
  const fuzzySeeds = nSlots - fuzzyFrom + 1;
  const fewExact = nSlots > 0 && listBytes(slots[bySize[0]!]!.lists) < FUZZY_UNDER;
  let isSeed: Set<number>;
  // The matches as bitsets, when the caller may take them, with near misses (see near-misses.ts).
  const asBits = exactOnly && !pq.pinyin;
  // The live docs (of the kinds a filter keeps), worked out for the bitsets' way only.
  let liveBits: Uint32Array | undefined;
  const live = (): Uint32Array => (liveBits ??= liveDocs(index, kinds));
  const nearAsBits = ((): boolean => {
    if (!asBits || nSlots < NEAR_BITS_FROM || nSlots > NEAR_BITS_MOST) return false;
    let candidates = 0;
    for (const s of bySize.slice(0, fuzzySeeds)) candidates += listBytes(slots[s]!.lists);
    return candidates >= NEAR.bitsFrom;
  })();
  const withNear = (sets: ExactSets | undefined): EngineResult | undefined => {
    if (!nearAsBits) return undefined;
    const near = nearMisses(index, pq, slots, bySize, n, live(), recency ?? index.recency());
    // None at all: the full pass finds what suggestions need.
    if (!near) return undefined;
    return { matches, touched: [], exact: { sets: sets ?? noExactSets(n), settle: settler, near } };
  };
  const query = { tokens: slots, bySize, joins: joinLists, oneToken, n, accept };
  let pinyinFound: PinyinDocs | undefined;
  if (fuzzyFrom !== Infinity && fewExact) {
    const sets = nearAsBits ? exactSets(query) : undefined;
    if (sets) liveMatches(index, sets, live());
    const bits = withNear(sets);
    if (bits) return bits;
    isSeed = pass(fuzzySeeds, fuzzyFrom);
  } else {
    isSeed = new Set(bySize.slice(0, 1));
    const sets = exactSets(query);
    if (exactOnly && pq.pinyin && fuzzyFrom === Infinity) {
      // Titles found by their pinyin join the exact matches as bitsets too.
      const found = sets ? liveMatches(index, sets, live()) : 0;
      pinyinFound = index.pinyinDocs(pq.pinyin);
      const pinyin = pinyinSets(pinyinFound, n);
      if (kinds) for (const set of [pinyin.full, pinyin.initials]) keepLive(set, live());
      if (found || pinyin.full.count() || pinyin.initials.count())
        return { matches, touched: [], exact: { sets: sets ?? noExactSets(n), settle: settler, pinyin } };
    }
    if (asBits) {
      const found = sets ? liveMatches(index, sets, live()) : 0;
      if (sets && found && (fuzzyFrom === Infinity || found >= FUZZY_UNDER))
        return { matches, touched: [], exact: { sets, settle: matches.settler } };
      const bits = fuzzyFrom !== Infinity ? withNear(sets) : undefined;
      if (bits) return bits;
    }
    if (sets) pushExact(sets, accept, matches);
    if (fuzzyFrom !== Infinity && matches.length < FUZZY_UNDER) {
      matches.clear();
      isSeed = pass(fuzzySeeds, fuzzyFrom);
    }
  }

  // A doc the pinyin matched is no near miss (rankFuzzy leaves it out).
  const pinyinAdded = pq.pinyin
    ? addPinyin(index, pq.pinyin, accept, matches, pinyinFound)
    : new Uint32Array(0);
  const isExact =
    pinyinAdded.length && fuzzyD.n
      ? (
          (set) =>
          (d: number): boolean =>
            set.has(d)
        )(new Set(pinyinAdded))
      : undefined;
  if (fuzzyD.n) rankFuzzy(index, pq, fuzzyD.a, fuzzySub.a, fuzzyD.n, isExact, matches, recency);
  if (matches.length) return { matches, touched: [] };

  // Nothing matched, not even nearly: what suggestions need, every doc sharing a token with the query
  // (not only the candidates, in the order first met, the rarest tokens' first) and their titles'
  // token counts. (Worked out only now: a typo's near misses were most of its time spent here.)
  const touched: number[] = [];
  const first = (d: number): void => void touched.push(d);
  cands.reset(n);
  for (const s of isSeed) cands.mark(slots[s]!.lists, n, first);
  for (let s = 0; s < nSlots; s++) if (!isSeed.has(s)) cands.mark(slots[s]!.lists, n, first);
  cands.seal();
  for (let s = 0; s < nSlots; s++) cands.setBits(cands.title, slots[s]!.title, (1 << s) >>> 0, n);
  const titleTokens = new Uint8Array(touched.length);
  for (let i = 0; i < touched.length; i++)
    titleTokens[i] = popcount(cands.title[cands.indexOf(touched[i]!)]!);
  return { matches, touched, titleTokens };
}

/**
 * The tier of a match whose title (CHECK.title) or snippet (CHECK.snippet) holds every token of the
 * query: the phrase there, every term there (a query of several terms), or neither.
 */
function settleTier(index: SearchIndex, pq: ParsedQuery, d: number, check: number): number {
  const doc = index.doc(d);
  const multi = pq.terms.length > 1;
  const { phraseKey } = pq;
  if (check & CHECK.title) {
    const title = doc?.titleKey ?? '';
    if (title.includes(phraseKey)) return TIER.titlePhrase;
    if (multi && pq.terms.every((t) => title.includes(t.key))) return TIER.titleTerms;
  }
  if (check & CHECK.snippet) {
    const snip = doc?.snippetKey ?? '';
    if (snip.includes(phraseKey)) return TIER.snippetPhrase;
    if (multi && pq.terms.every((t) => snip.includes(t.key))) return TIER.snippetTerms;
  }
  return TIER.body;
}
