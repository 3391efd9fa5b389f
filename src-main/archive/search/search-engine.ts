/**
 * Query execution over the index: candidates from the inverted index (one bit per query token), then
 * tiers — phrase in title, all terms in title, phrase/terms in snippet, in body, pinyin of the title,
 * fuzzy — with fuse.js ranking the small fuzzy candidate set. Ties go to the newer article.
 */
import Fuse from 'fuse.js';
import { CP_SPAN, type ParsedQuery } from './search-text.js';
import { decodePinyin, matchPinyin } from './pinyin.js';
import { pairFilter, type Postings, type SearchIndex } from './search-index.js';

export const TIER = {
  titlePhrase: 6,
  titleTerms: 5,
  titlePinyin: 4.8,
  titleInitials: 4.5,
  snippetPhrase: 4,
  snippetTerms: 3.5,
  body: 3,
  fuzzy: 1,
} as const;

export interface Match {
  d: number;
  tier: number;
  /** Order inside a tier (fuzzy closeness); 0 for exact tiers, which fall back to recency. */
  sub: number;
  pinyin?: { first: number; last: number };
}

export interface EngineResult {
  matches: Match[];
  /** Docs that share at least one token with the query (used for suggestions on no hits). */
  touched: number[];
}

const MAX_SLOTS = 32;
const FUZZY_RANKED = 40;

interface Slot {
  lists: Postings[];
  /** The bigram as text, when the slot is one (for counting title overlap in fuzzy ranking). */
  text?: string;
}

// One bit-mask buffer reused across queries (zeroed through the touched list): no large allocation
// per keystroke, so no garbage-collection pauses from it.
let masksBuffer = new Uint32Array(0);
function scratchMasks(n: number): Uint32Array {
  if (masksBuffer.length < n) masksBuffer = new Uint32Array(Math.ceil(n * 1.25));
  return masksBuffer;
}
// Per doc: 1 + its position in the exact matches (0 = none); a typed array, not a Map, because a
// common query matches most of the archive. Zeroed through the matches after each query.
let slotBuffer = new Int32Array(0);
function scratchSlots(n: number): Int32Array {
  if (slotBuffer.length < n) slotBuffer = new Int32Array(Math.ceil(n * 1.25));
  return slotBuffer;
}

export function runQuery(
  index: SearchIndex,
  pq: ParsedQuery,
  accept: (d: number) => boolean,
  /** Newest-first rank per doc (see topMatches): lets the fuzzy head be selected without a full sort. */
  timeRank?: Uint32Array,
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
        add(`u${g}`, () => ({ lists: index.gramsWith(g).flatMap((k) => index.gram(k)) }));
      } else {
        const text = String.fromCodePoint(Math.floor(g / CP_SPAN), g % CP_SPAN);
        add(`g${g}`, () => ({ lists: index.gram(g), text }));
      }
    }
    term.words.forEach((w, i) => {
      // The word being typed (last of the query) matches as a prefix.
      const prefix = t === lastTerm && i === term.words.length - 1;
      add(`w${prefix ? '*' : ''}${w}`, () => ({ lists: index.word(w, !prefix) }));
    });
    termMasks.push(mask);
  }

  const n = index.docs.length;
  const masks = scratchMasks(n);
  const touched: number[] = [];
  for (let s = 0; s < slots.length; s++) {
    const bit = (1 << s) >>> 0;
    for (const list of slots[s]!.lists) {
      for (let i = 0; i < list.length; i++) {
        const d = list[i]!;
        if (masks[d] === 0) touched.push(d);
        masks[d] = (masks[d]! | bit) >>> 0;
      }
    }
  }

  const matches: Match[] = [];
  const slot = scratchSlots(n);
  const nSlots = slots.length;
  // One wrong character removes at most two bigrams; short queries get a fuse.js check instead.
  const minFuzzy = nSlots >= 3 ? Math.max(1, nSlots - 2) : Infinity;
  // Fuzzy candidates as two plain arrays: a common typo touches most of the archive, and most of
  // them are dropped (see rankFuzzy), so no object is made for them.
  const fuzzyD: number[] = [];
  const fuzzySub: number[] = [];
  const { phraseKey } = pq;
  const multi = pq.terms.length > 1;
  const filters = index.keyFilters();
  // The pairs every term needs: a doc whose title and snippet filters lack them is a body match.
  const need = new Uint32Array(2);
  for (const t of pq.terms) pairFilter(t.key, need, 0);
  const [needLo, needHi] = [need[0]!, need[1]!];
  const slotBits = new Uint32Array(nSlots * 2);
  slots.forEach((sl, i) => sl.text && pairFilter(sl.text, slotBits, 2 * i));
  const mayHave = (at: number): boolean =>
    (filters[at]! & needLo) >>> 0 === needLo && (filters[at + 1]! & needHi) >>> 0 === needHi;
  for (const d of touched) {
    const doc = index.docs[d];
    if (!doc || !accept(d)) continue;
    const m = masks[d]!;
    let all = termMasks.length > 0;
    for (const tm of termMasks) if ((m & tm) >>> 0 !== tm >>> 0) all = false;
    if (all && !mayHave(d * 4) && !mayHave(d * 4 + 2)) {
      slot[d] = matches.push({ d, tier: TIER.body, sub: 0 });
    } else if (all) {
      const title = doc.titleKey;
      const snip = doc.snippetKey;
      let tier: number = TIER.body;
      // With one term its key is the phrase: the per-term checks would repeat the phrase checks.
      if (title.includes(phraseKey)) tier = TIER.titlePhrase;
      else if (multi && pq.terms.every((t) => title.includes(t.key))) tier = TIER.titleTerms;
      else if (snip.includes(phraseKey)) tier = TIER.snippetPhrase;
      else if (multi && pq.terms.every((t) => snip.includes(t.key))) tier = TIER.snippetTerms;
      slot[d] = matches.push({ d, tier, sub: 0 });
    } else {
      const c = popcount(m);
      if (c >= minFuzzy) {
        let inTitle = 0;
        // The title filter rules out most slots before the string is read.
        for (let s = 0; s < nSlots; s++) {
          const text = slots[s]!.text;
          if (!text) continue;
          const lo = slotBits[2 * s]!;
          const hi = slotBits[2 * s + 1]!;
          if ((filters[d * 4]! & lo) >>> 0 !== lo || (filters[d * 4 + 1]! & hi) >>> 0 !== hi) continue;
          if (doc.titleKey.includes(text)) inTitle++;
        }
        fuzzyD.push(d);
        fuzzySub.push(c / nSlots + (0.5 * inTitle) / nSlots);
      }
    }
  }

  if (pq.pinyin) {
    const letters = pq.pinyin;
    for (const d of index.pinyinDocs(letters)) {
      const doc = index.docs[d]!;
      const prev = slot[d] ? matches[slot[d]! - 1] : undefined;
      if (prev && prev.tier >= TIER.titlePinyin) continue;
      if (!accept(d)) continue;
      const hit = matchPinyin((doc.py ??= decodePinyin(doc.pinyin)), letters);
      if (!hit) continue;
      const tier = hit.full ? TIER.titlePinyin : TIER.titleInitials;
      if (prev && prev.tier >= tier) continue;
      const m: Match = { d, tier, sub: 0, pinyin: { first: hit.first, last: hit.last } };
      if (prev) matches[slot[d]! - 1] = m;
      else slot[d] = matches.push(m);
    }
  }

  for (const d of touched) masks[d] = 0; // leave the shared buffer clean for the next query
  // A loop, not push(...list): at 100,000 pages the fuzzy list can exceed the argument limit.
  if (fuzzyD.length)
    for (const m of rankFuzzy(index, pq, fuzzyD, fuzzySub, (d) => slot[d]! > 0, timeRank)) matches.push(m);
  for (const m of matches) slot[m.d] = 0;
  return { matches, touched };
}

/** fuse.js over the best few fuzzy candidates: it orders them and drops weak short-query guesses. */
function rankFuzzy(
  index: SearchIndex,
  pq: ParsedQuery,
  fuzzyD: number[],
  fuzzySub: number[],
  isExact: (d: number) => boolean,
  timeRank?: Uint32Array,
): Match[] {
  const order = (a: Match, b: Match): number => b.sub - a.sub || cmpTime(index, a.d, b.d);
  const make = (i: number): Match => ({ d: fuzzyD[i]!, tier: TIER.fuzzy, sub: fuzzySub[i]! });
  const idx: number[] = [];
  for (let i = 0; i < fuzzyD.length; i++) if (!isExact(fuzzyD[i]!)) idx.push(i);
  let head: Match[];
  let rest: Match[];
  if (!timeRank || idx.length <= FUZZY_RANKED * 4) {
    const cands = idx.map(make).sort(order);
    head = cands.slice(0, FUZZY_RANKED);
    rest = cands.slice(FUZZY_RANKED);
  } else {
    // Pick the head by one number per candidate (closeness, then recency) and a selection, instead
    // of sorting thousands of objects with a comparator; the rest only matter at half the tokens.
    const span = timeRank.length + 1;
    const keys = new Float64Array(idx.length);
    for (let j = 0; j < idx.length; j++)
      keys[j] = Math.round(fuzzySub[idx[j]!]! * 1e6) * span + (span - timeRank[fuzzyD[idx[j]!]!]!);
    const cut = kthLargest(keys, FUZZY_RANKED);
    head = [];
    rest = [];
    for (let j = 0; j < idx.length; j++) {
      if (keys[j]! >= cut) head.push(make(idx[j]!));
      else if (fuzzySub[idx[j]!]! >= 0.5) rest.push(make(idx[j]!));
    }
    head.sort(order);
  }
  const fuse = new Fuse(
    head.map((m) => ({ m, title: index.docs[m.d]!.titleKey, snippet: index.docs[m.d]!.snippetKey })),
    {
      keys: [
        { name: 'title', weight: 3 },
        { name: 'snippet', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.6,
    },
  );
  const pattern = pq.phraseKey.slice(0, 32);
  const scored = new Map<Match, number>();
  for (const r of fuse.search(pattern)) scored.set(r.item.m, r.score ?? 1);
  const out: Match[] = [];
  for (const m of head) {
    const fs = scored.get(m);
    // Below half the tokens the bigrams alone are weak evidence: keep only what fuse.js also finds.
    if (m.sub < 0.5 && fs === undefined) continue;
    out.push({ ...m, sub: m.sub + (fs === undefined ? 0 : 1 - fs) });
  }
  for (const m of rest) if (m.sub >= 0.5) out.push(m);
  return out;
}

export function cmpTime(index: SearchIndex, a: number, b: number): number {
  const ta = index.docs[a]?.time ?? -Infinity;
  const tb = index.docs[b]?.time ?? -Infinity;
  return tb - ta || b - a;
}

export function sortMatches(
  index: SearchIndex,
  matches: Match[],
  sort: 'relevance' | 'newest' | 'oldest',
): void {
  if (sort === 'relevance')
    matches.sort((a, b) => b.tier - a.tier || b.sub - a.sub || cmpTime(index, a.d, b.d));
  else if (sort === 'newest') matches.sort((a, b) => cmpTime(index, a.d, b.d));
  else
    matches.sort((a, b) => {
      const ta = index.docs[a.d]?.time ?? Infinity;
      const tb = index.docs[b.d]?.time ?? Infinity;
      return ta - tb || a.d - b.d;
    });
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The first `k` matches in `sort` order without sorting them all: one composite number per match
 * (relevance rounded, then recency rank), a native typed-array sort to find the k-th, a full sort
 * of the few above it.
 */
export function topMatches(
  index: SearchIndex,
  matches: Match[],
  sort: 'relevance' | 'newest' | 'oldest',
  k: number,
  timeRank: Uint32Array,
): Match[] {
  if (matches.length <= Math.max(64, k * 2)) {
    sortMatches(index, matches, sort);
    return matches.slice(0, k);
  }
  const span = timeRank.length + 1;
  const keyOf = (m: Match): number => {
    const recency = span - timeRank[m.d]!; // larger = newer
    if (sort === 'newest') return recency;
    if (sort === 'oldest') return span - recency;
    return Math.round((m.tier * 100 + m.sub) * 1000) * span + recency;
  };
  const keys = new Float64Array(matches.length);
  for (let i = 0; i < matches.length; i++) keys[i] = keyOf(matches[i]!);
  const cut = kthLargest(keys, k);
  const head = matches.filter((_, i) => keys[i]! >= cut);
  sortMatches(index, head, sort);
  return head.slice(0, k);
}

/**
 * The k-th largest value (k >= 1) by quickselect on a copy: linear, where sorting every key of a
 * query matching 100,000 articles took several milliseconds.
 */
export function kthLargest(keys: Float64Array, k: number): number {
  const a = keys.slice();
  const want = Math.max(0, a.length - Math.max(1, k)); // its index in ascending order
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  return a[want]!;
}
