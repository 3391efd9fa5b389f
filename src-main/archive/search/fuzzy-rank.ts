/**
 * A query's near misses (docs holding most of its tokens, not all): fuse.js ranks the best few, and
 * the rest that hold at least half the tokens follow them (see search-engine.ts).
 */
import Fuse from 'fuse.js';
import type { ParsedQuery } from './search-text.js';
import type { SearchIndex } from './search-index.js';
import { cmpTime, kthLargest } from './search-order.js';
import type { Recency } from './coarse-ranks.js';
import { TIER, type Matches } from './matches.js';

/** Near misses fuse.js ranks. */
export const FUZZY_RANKED = 40;

/**
 * fuse.js over the best few fuzzy candidates: it orders them and drops weak short-query guesses. The
 * ranked head and the rest (at least half the tokens) are added to `out`.
 */
export function rankFuzzy(
  index: SearchIndex,
  pq: ParsedQuery,
  fuzzyD: Float64Array,
  fuzzySub: Float64Array,
  count: number,
  /** Docs matched exactly after all (by their pinyin); undefined when none was. */
  isExact: ((d: number) => boolean) | undefined,
  out: Matches,
  recency?: Recency,
): void {
  // Positions in fuzzyD of the candidates, and the head's marks, in buffers kept across queries (a
  // common typo has a hundred thousand candidates, millions at a million pages; past 2^22 the buffers
  // are the call's own).
  let buffers = scratch;
  if (buffers.idx.length < count) {
    buffers = { idx: new Uint32Array(count), inHead: new Uint8Array(count) };
    if (count <= 1 << 22) scratch = buffers;
  }
  const { idx, inHead } = buffers;
  let m = 0;
  for (let i = 0; i < count; i++) if (!isExact?.(fuzzyD[i]!)) idx[m++] = i;
  let head: number[]; // positions in fuzzyD
  if (!recency || m <= FUZZY_RANKED * 4) {
    head = Array.from(idx.subarray(0, m)).sort(
      (a, b) => fuzzySub[b]! - fuzzySub[a]! || cmpTime(index, fuzzyD[a]!, fuzzyD[b]!, recency),
    );
  } else {
    // Pick the head by one number per candidate (closeness, then recency) and a selection, instead
    // of sorting thousands of candidates with a comparator.
    const { key, span } = recency;
    const keys = new Float64Array(m);
    for (let j = 0; j < m; j++)
      keys[j] = Math.round(fuzzySub[idx[j]!]! * 1e6) * span + (span - key[fuzzyD[idx[j]!]!]!);
    const cut = kthLargest(keys, FUZZY_RANKED);
    head = [];
    for (let j = 0; j < m; j++) if (keys[j]! >= cut) head.push(idx[j]!);
    head.sort((a, b) => fuzzySub[b]! - fuzzySub[a]! || cmpTime(index, fuzzyD[a]!, fuzzyD[b]!, recency));
  }
  head = head.slice(0, FUZZY_RANKED);
  for (const i of head) inHead[i] = 1;
  const scores = fuseScores(
    index,
    pq,
    head.map((i) => fuzzyD[i]!),
  );
  head.forEach((i, h) => {
    const fs = scores[h];
    // Below half the tokens the bigrams alone are weak evidence: keep only what fuse.js also finds.
    if (fuzzySub[i]! < 0.5 && fs === undefined) return;
    out.push(fuzzyD[i]!, TIER.fuzzy, fuzzySub[i]! + (fs === undefined ? 0 : 1 - fs));
  });
  for (let j = 0; j < m; j++) {
    const i = idx[j]!;
    if (!inHead[i] && fuzzySub[i]! >= 0.5) out.push(fuzzyD[i]!, TIER.fuzzy, fuzzySub[i]!);
  }
  for (const i of head) inHead[i] = 0;
}

let scratch = { idx: new Uint32Array(0), inHead: new Uint8Array(0) };

/**
 * fuse.js's score of each doc against the query (lower is closer; undefined: not found), from its
 * title (weighed three times) and snippet: the near misses' head (here and near-misses.ts).
 */
export function fuseScores(
  index: SearchIndex,
  pq: ParsedQuery,
  docs: readonly number[],
): (number | undefined)[] {
  const fuse = new Fuse(
    docs.map((d, i) => {
      const doc = index.doc(d);
      return { i, title: doc?.titleKey ?? '', snippet: doc?.snippetKey ?? '' };
    }),
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
  const scores: (number | undefined)[] = docs.map(() => undefined);
  for (const r of fuse.search(pq.phraseKey.slice(0, 32))) scores[r.item.i] = r.score ?? 1;
  return scores;
}
