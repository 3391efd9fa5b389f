/**
 * The page of a query's matches, with its total and counts, worked out from the match bitsets
 * (exact-matches.ts; near-misses.ts for its near misses; a pinyin query's titles) rather than from a
 * slot per match: for a query with no filter but by kind, by relevance or newest first. At 300,000 pages a common query
 * matches millions of docs, and listing them, folding them and keying them for the page was most of
 * its time (`党建`: about 36 of 42 ms); a typo's near misses are hundreds of thousands.
 *
 * Here the total and the counts are popcounts (with one look at each match in a fold of several
 * headlines), and the page is read class by class in its order (tier, then how readable), each
 * class's docs newest first (a batch at a time: the least recency keys), until the page is full: a
 * class the page does not reach is never listed. A match whose tier is only an upper bound (its
 * title or snippet holds every token, the phrase maybe) is settled when it is reached and waits,
 * if it settles lower, until its place comes. The near misses come after every exact match, by
 * kind, then closeness (near-misses.ts). It gives the page, the total and the counts the full pass
 * gives (exact-page.test.ts, near-page.test.ts).
 */
import type { SearchIndex } from './search-index.js';
import type { KindCounts } from './search-types.js';
import type { Recency } from './coarse-ranks.js';
import { TIER, type Match } from './matches.js';
import { CHECK_OF, TIER_OF, type ExactSets } from './exact-matches.js';
import { popcount } from './candidates.js';
import { docBits, type DocBits } from './live-docs.js';
import { cmpTime } from './search-order.js';
import { foldMembers, foldOf, foldsOf, type IndexFolds } from './index-folds.js';
import { RecencyStream, wordNewest } from './recency-stream.js';
import type { NearMisses } from './near-misses.js';
import { andWords, type DocSet } from './doc-set.js';

/** Whether the service takes this way (tests turn it off to compare with the full pass). */
export const EXACT_PAGE = { on: true };

export interface ExactPage {
  page: Match[];
  total: number;
  counts: KindCounts;
}

/** Classes of the relevance order: tier (as TIER_OF's field bits allow it), then kind rank. */
const TIERS = [TIER.titlePhrase, TIER.titleTerms, TIER.snippetPhrase, TIER.snippetTerms, TIER.body] as const;
const PINYIN_TIERS = [
  TIER.titlePhrase,
  TIER.titleTerms,
  TIER.titlePinyin,
  TIER.titleInitials,
  TIER.snippetPhrase,
  TIER.snippetTerms,
  TIER.body,
] as const;
const KINDS = [2, 1, 0] as const;
/** The tiers worked out from titles alone (no snippet set needed). */
const TITLE_TIERS = new Set<number>([
  TIER.titlePhrase,
  TIER.titleTerms,
  TIER.titlePinyin,
  TIER.titleInitials,
]);

/** A query's matches as bitsets (see runQuery's `exactOnly`). */
export interface BitMatches {
  /** The exact matches (live ones: see liveMatches). */
  sets: ExactSets;
  /** A match's exact tier from what is left to check. */
  settle: (d: number, check: number) => number;
  /** Its near misses, if looked for. */
  near?: NearMisses;
  /** A pinyin query's titles spelt in full and by their initials (live ones; no doc in both). */
  pinyin?: { full: DocSet; initials: DocSet };
}

/**
 * The first `k` of the matches in `sort` order (folded: a fold's newest match stands for it, of any
 * tier), their total and counts.
 */
export function exactPage(
  index: SearchIndex,
  { sets, settle, near, pinyin }: BitMatches,
  sort: 'relevance' | 'newest',
  k: number,
  recency: Recency,
): ExactPage {
  const folds = foldsOf(index);
  const { kinds, multi } = docBits(index, folds);
  const { all, title, titleJoins, checks } = sets;
  const a = all.bits;
  // Every match, exact, near or by its pinyin, in words lo .. hi.
  const [u, lo, hi] = near
    ? [near.union, near.lo, near.hi]
    : pinyin
      ? unionOf([all, pinyin.full, pinyin.initials], index.docCount)
      : [a, all.lo, all.hi];
  const [pf, pi] = pinyin ? [pinyin.full.bits, pinyin.initials.bits] : [];
  /** A match's tier by its pinyin (0: none). */
  const pinyinTier = (d: number): number =>
    !pf || !pi
      ? 0
      : (pf[d >>> 5]! >>> (d & 31)) & 1
        ? TIER.titlePinyin
        : (pi[d >>> 5]! >>> (d & 31)) & 1
          ? TIER.titleInitials
          : 0;

  const { rows, headlines } = countRows(u, lo, hi, multi, kinds[0], folds);
  const result: ExactPage = { page: [], total: rows, counts: { readable: rows - headlines, headlines } };
  if (k <= 0 || !rows) return result;

  const [t, tj] = [title.bits, titleJoins.bits];
  // The snippet sets until worked out (the page may fill from the title tiers): a match's snippet
  // may hold the phrase, so a title that settles lower has its snippet looked at, as settle does
  // when its snippet holds every token (and finds nothing there when it does not).
  let snippetBits: [Uint32Array, Uint32Array] | undefined;
  const knowSnippets = (): [Uint32Array, Uint32Array] => {
    const { snippet, snippetJoins } = sets.snippets();
    return (snippetBits = [snippet.bits, snippetJoins.bits]);
  };
  const fields = (d: number): number => {
    const w = d >>> 5;
    const bit = d & 31;
    const inTitle = (((t[w]! >>> bit) & 1) << 3) | (((tj[w]! >>> bit) & 1) << 2);
    if (!snippetBits) return inTitle | 3;
    const [s, sj] = snippetBits;
    return inTitle | (((s[w]! >>> bit) & 1) << 1) | ((sj[w]! >>> bit) & 1);
  };
  const has = (d: number): boolean => ((u[d >>> 5]! >>> (d & 31)) & 1) === 1;
  /** A match in a fold of several stands for it only if it is the fold's newest match. */
  const standsForFold = (d: number): boolean => {
    if (!((multi[d >>> 5]! >>> (d & 31)) & 1)) return true;
    for (const m of foldMembers(folds, foldOf(folds, d)))
      if (m !== d && has(m) && cmpTime(index, m, d, recency) < 0) return false;
    return true;
  };
  const ranks = index.kindRanks();
  const page = result.page;
  const take = (m: Match): boolean => page.push(m) >= k;
  const match = (d: number, tier: number): Match => ({ d, tier, sub: 0, i: -1 });

  if (sort === 'newest') {
    knowSnippets();
    const stream = new RecencyStream(u, lo, hi, recency, index, wordNewest(index, recency), k);
    for (let d = stream.next(); d >= 0; d = stream.next()) {
      if (!standsForFold(d)) continue;
      if (!((a[d >>> 5]! >>> (d & 31)) & 1)) {
        const m = near ? { d, tier: TIER.fuzzy, sub: near.subOf(d), i: -1 } : match(d, pinyinTier(d));
        if (take(m)) break;
        continue;
      }
      const f = fields(d);
      const check = CHECK_OF[f]! & checks;
      const tier = Math.max(check ? settle(d, check) : TIER_OF[f]!, pinyinTier(d));
      if (take(match(d, tier))) break;
    }
    return result;
  }

  // By relevance. Matches that settled below their class wait here, best first, until their turn.
  const waiting: Match[] = [];
  const ahead = (m: Match, tier: number, kind: number, d: number): boolean =>
    m.tier !== tier
      ? m.tier > tier
      : ranks[m.d]! !== kind
        ? ranks[m.d]! > kind
        : cmpTime(index, m.d, d, recency) < 0;
  const wait = (m: Match): void => {
    let i = waiting.length;
    waiting.push(m);
    // Kept sorted, best last: few ever wait (a page's worth at most, most of the time none).
    while (i > 0 && ahead(waiting[i - 1]!, m.tier, ranks[m.d]!, m.d)) {
      waiting[i] = waiting[i - 1]!;
      i--;
    }
    waiting[i] = m;
  };
  const inTier = classWords(hi, 0);
  const words = classWords(hi, 1);
  const newest = wordNewest(index, recency);
  for (const tier of pinyin ? PINYIN_TIERS : TIERS) {
    const [tlo, thi] = tierRange(tier, all, pinyin, lo, hi);
    if (tlo >= thi) continue;
    const [s, sj] = snippetBits ?? (TITLE_TIERS.has(tier) ? [] : knowSnippets());
    if (!tierWords(tier, a, t, tj, tlo, thi, inTier, s, sj, pf, pi)) continue;
    for (const kind of KINDS) {
      if (!andWords(inTier, kinds[kind], tlo, thi, words)) continue;
      const stream = new RecencyStream(words, tlo, thi, recency, index, newest, k - page.length);
      for (let d = stream.next(); d >= 0; d = stream.next()) {
        if (!standsForFold(d)) continue;
        while (waiting.length && ahead(waiting[waiting.length - 1]!, tier, kind, d))
          if (take(waiting.pop()!)) return result;
        const f = fields(d);
        const check = CHECK_OF[f]! & checks;
        // A title found by its pinyin is in the pinyin's tier at least (the class's tier is the most
        // the doc's fields allow: no settling when the pinyin's is as high).
        const pt = pinyinTier(d);
        const exact = pt >= tier ? pt : Math.max(check ? settle(d, check) : tier, pt);
        if (exact === tier) {
          if (take(match(d, tier))) return result;
        } else wait(match(d, exact));
      }
    }
  }
  while (waiting.length) if (take(waiting.pop()!)) return result;
  if (near) nearPage(near, kinds, ranks, (d) => standsForFold(d), take, index, recency, k - page.length);
  return result;
}

/**
 * The near misses' part of a page by relevance: of each kind (the most readable first), the head
 * fuse.js scored, then each class of closeness newest first.
 */
function nearPage(
  near: NearMisses,
  kinds: DocBits['kinds'],
  ranks: Uint8Array,
  stands: (d: number) => boolean,
  take: (m: Match) => boolean,
  index: SearchIndex,
  recency: Recency,
  want: number,
): void {
  const newest = wordNewest(index, recency);
  const inHead = new Set(near.head.map((h) => h.d));
  const fuzzy = (d: number, sub: number): Match => ({ d, tier: TIER.fuzzy, sub, i: -1 });
  for (const kind of KINDS) {
    // The head's closeness is at least any other near miss's (ties: it is newer).
    for (const h of near.head) if (ranks[h.d] === kind && stands(h.d) && take(fuzzy(h.d, h.sub))) return;
    for (let c = 0; c < near.subs.length; c++) {
      const bits = near.classBits(c, kinds[kind]);
      if (!bits) continue;
      const stream = new RecencyStream(bits, near.lo, near.hi, recency, index, newest, want);
      for (let d = stream.next(); d >= 0; d = stream.next())
        if (!inHead.has(d) && stands(d) && take(fuzzy(d, near.subs[c]!))) return;
    }
  }
}

/**
 * The total and the counts of the matches `u` (words lo .. hi): a fold of several headlines is one
 * row, every other match one. (This and the passes below are functions of their own: a pass over a
 * large archive is optimized early, where in one function with the rest they ran unoptimized through
 * the first queries: `主心骨 近邻党建`'s page took 128, 77, 46, 30 ms before settling at 15.)
 */
function countRows(
  u: Uint32Array,
  lo: number,
  hi: number,
  multi: Uint32Array,
  headline: Uint32Array,
  folds: IndexFolds,
): { rows: number; headlines: number } {
  let rows = 0;
  let headlines = 0;
  if (foldSeen.length < folds.readable.length) foldSeen = new Uint8Array(folds.readable.length);
  const seenFolds: number[] = [];
  for (let w = lo; w < hi; w++) {
    const x = u[w]!;
    if (!x) continue;
    const m = x & multi[w]!;
    rows += popcount(x & ~m);
    headlines += popcount(x & ~m & headline[w]!);
    for (let y = m; y !== 0; y &= y - 1) {
      const g = foldOf(folds, (w << 5) + 31 - Math.clz32(y & -y));
      if (foldSeen[g]) continue;
      foldSeen[g] = 1;
      seenFolds.push(g);
    }
  }
  for (const g of seenFolds) foldSeen[g] = 0;
  return { rows: rows + seenFolds.length, headlines: headlines + seenFolds.length };
}

/**
 * The words a tier's matches can be in: the exact matches' for their tiers, the pinyin titles' for
 * theirs. A typo's near misses span the archive and its exact matches are few or none: each tier's
 * pass over every word of five or six sets was about a tenth of its time.
 */
function tierRange(
  tier: number,
  all: DocSet,
  pinyin: BitMatches['pinyin'],
  lo: number,
  hi: number,
): [number, number] {
  const set = tier === TIER.titlePinyin ? pinyin?.full : tier === TIER.titleInitials ? pinyin?.initials : all;
  return !set || set.empty ? [0, 0] : [Math.max(lo, set.lo), Math.min(hi, set.hi)];
}

/**
 * The matches of `tier` (as their field bits allow it) in words lo .. hi into `out`; whether there
 * are any. With pinyin (`pf` full, `pi` initials), a title found by it is in the pinyin's tier unless
 * its fields allow a title's tier (it then waits there, if it settles lower, in the pinyin's tier).
 */
function tierWords(
  tier: number,
  a: Uint32Array,
  t: Uint32Array,
  tj: Uint32Array,
  lo: number,
  hi: number,
  out: Uint32Array,
  /** The snippet sets (see ExactSets.snippets): a tier of titles has no need of them. */
  s = zeros(hi),
  sj = s,
  pf = zeros(hi),
  pi = pf,
): number {
  let any = 0;
  // A loop per tier (the tier's test outside it).
  if (tier === TIER.titlePhrase) for (let w = lo; w < hi; w++) any |= out[w] = a[w]! & t[w]! & tj[w]!;
  else if (tier === TIER.titleTerms) for (let w = lo; w < hi; w++) any |= out[w] = a[w]! & t[w]! & ~tj[w]!;
  else if (tier === TIER.titlePinyin) for (let w = lo; w < hi; w++) any |= out[w] = pf[w]! & ~(a[w]! & t[w]!);
  else if (tier === TIER.titleInitials)
    for (let w = lo; w < hi; w++) any |= out[w] = pi[w]! & ~(a[w]! & t[w]!);
  else if (tier === TIER.snippetPhrase)
    for (let w = lo; w < hi; w++) any |= out[w] = a[w]! & ~t[w]! & s[w]! & sj[w]! & ~(pf[w]! | pi[w]!);
  else if (tier === TIER.snippetTerms)
    for (let w = lo; w < hi; w++) any |= out[w] = a[w]! & ~t[w]! & s[w]! & ~sj[w]! & ~(pf[w]! | pi[w]!);
  else for (let w = lo; w < hi; w++) any |= out[w] = a[w]! & ~t[w]! & ~s[w]! & ~(pf[w]! | pi[w]!);
  return any;
}

let zeroBuffer = new Uint32Array(0);
/** At least `words` zero words (never written). */
function zeros(words: number): Uint32Array {
  if (zeroBuffer.length < words) zeroBuffer = new Uint32Array(words);
  return zeroBuffer;
}

let unionBuffer = new Uint32Array(0);
/** The union of sets (of docs 0 .. n-1), in a buffer kept for the next query, and its words [lo, hi). */
function unionOf(sets: DocSet[], n: number): [Uint32Array, number, number] {
  const words = (n + 31) >>> 5;
  if (unionBuffer.length < words) unionBuffer = new Uint32Array(words);
  const out = unionBuffer.fill(0, 0, words);
  let lo = words;
  let hi = 0;
  for (const set of sets) {
    if (set.empty) continue;
    lo = Math.min(lo, set.lo);
    hi = Math.max(hi, set.hi);
    for (let w = set.lo; w < set.hi; w++) out[w]! |= set.bits[w]!;
  }
  return lo < hi ? [out, lo, hi] : [out, 0, 0];
}

let foldSeen = new Uint8Array(0);
const wordBuffers = [new Uint32Array(0), new Uint32Array(0)];
function classWords(words: number, which: 0 | 1): Uint32Array {
  if (wordBuffers[which]!.length < words) wordBuffers[which] = new Uint32Array(words);
  return wordBuffers[which]!;
}
