/**
 * Which docs are live, as bitsets kept per index state: for the passes over every doc of the
 * bitsets' way (exact-page.ts, near-misses.ts), which drop the dead docs (postings name them until a
 * merge drops them) and those of kinds a filter leaves out.
 */
import type { SearchIndex } from './search-index.js';
import type { DocSet } from './doc-set.js';
import type { ExactSets } from './exact-matches.js';
import { popcount } from './candidates.js';
import { foldMembers, foldsOf, foldSize, type IndexFolds } from './index-folds.js';

/**
 * Per index state (its stamp): live docs of each kind rank, live docs of any kind, and docs in a fold
 * of several headlines.
 */
export interface DocBits {
  stamp: string;
  kinds: [Uint32Array, Uint32Array, Uint32Array];
  live: Uint32Array;
  multi: Uint32Array;
}
const docBitsOf = new WeakMap<SearchIndex, DocBits>();

export function docBits(index: SearchIndex, folds: IndexFolds): DocBits {
  const known = docBitsOf.get(index);
  if (known?.stamp === index.stamp) return known;
  const ranks = index.kindRanks();
  const words = (ranks.length + 31) >>> 5;
  const kinds: DocBits['kinds'] = [new Uint32Array(words), new Uint32Array(words), new Uint32Array(words)];
  // A dead doc's rank has DEAD added: it is in none of them.
  for (let d = 0; d < ranks.length; d++) {
    const r = ranks[d]!;
    if (r < 3) kinds[r]![d >>> 5]! |= 1 << (d & 31);
  }
  const live = new Uint32Array(words);
  for (let w = 0; w < words; w++) live[w] = kinds[0][w]! | kinds[1][w]! | kinds[2][w]!;
  const multi = new Uint32Array(words);
  for (let g = 0; g < folds.readable.length; g++)
    if (foldSize(folds, g) >= 2) for (const d of foldMembers(folds, g)) multi[d >>> 5]! |= 1 << (d & 31);
  const bits = { stamp: index.stamp, kinds, live, multi };
  docBitsOf.set(index, bits);
  return bits;
}

let onlyBuffer = new Uint32Array(0);
/**
 * The live docs (of the kind ranks `only`, a filter by kind: headline, teaser, article), one bitset:
 * a pass over millions of docs reads one word a word rather than three. With `only`, in a buffer
 * kept for the next query.
 */
export function liveDocs(index: SearchIndex, only?: readonly number[]): Uint32Array {
  const { kinds, live } = docBits(index, foldsOf(index));
  if (!only) return live;
  if (onlyBuffer.length !== live.length) onlyBuffer = new Uint32Array(live.length);
  const out = onlyBuffer.fill(0);
  for (const r of only) {
    const k = kinds[r];
    if (k) for (let w = 0; w < out.length; w++) out[w]! |= k[w]!;
  }
  return out;
}

/**
 * Drop the dead docs from `sets.all` (postings name them until a merge drops them), and those of
 * kinds a filter leaves out (`live`: see liveDocs), and count what is left. Called before exactPage.
 */
export function liveMatches(index: SearchIndex, sets: ExactSets, live = liveDocs(index)): number {
  const { lo, hi, bits: a } = sets.all;
  let count = 0;
  for (let w = lo; w < hi; w++) count += popcount((a[w] = a[w]! & live[w]!));
  return count;
}

/** Keep only the docs of `set` that are in `live` (see liveDocs). */
export function keepLive(set: DocSet, live: Uint32Array): void {
  const bits = set.bits;
  for (let w = set.lo; w < set.hi; w++) bits[w] = bits[w]! & live[w]!;
}
