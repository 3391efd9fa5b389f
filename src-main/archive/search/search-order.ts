/**
 * The order of a query's matches: by relevance (tier, then how readable, then closeness, then
 * recency), newest or oldest first. The page shown is picked without sorting every match (one number
 * per match and a selection), since a common query matches a third of a large archive.
 */
import type { SearchIndex } from './search-index.js';
import type { Match, Matches } from './matches.js';
import type { Recency } from './coarse-ranks.js';

/**
 * Newer first (of two live docs; ties: the later doc first), by the time rank: no time read, and
 * the exact ranks read only when the keys tie (see Recency).
 */
export function cmpTime(index: SearchIndex, a: number, b: number, recency = index.recency()): number {
  const { key, exact } = recency;
  return key[a]! - key[b]! || exact(a) - exact(b);
}

/** Past this many matches, sorting them all reads every time rank (not a few where they lie). */
const EXACT_EACH = 4096;

function sortMatches(index: SearchIndex, matches: Match[], sort: 'relevance' | 'newest' | 'oldest'): void {
  const kind = index.kindRanks();
  // Newer first is the lower time rank (as cmpTime): a few read where they lie (and remembered),
  // many read whole.
  const rank =
    sort === 'oldest'
      ? undefined
      : matches.length > EXACT_EACH
        ? (
            (ranks: Uint32Array) => (d: number) =>
              ranks[d]!
          )(index.timeRank())
        : index.recency().exact;
  // Within a tier, what can be read first: a full article, then a teaser, then a headline only.
  if (sort === 'relevance')
    matches.sort(
      (a, b) => b.tier - a.tier || kind[b.d]! - kind[a.d]! || b.sub - a.sub || rank!(a.d) - rank!(b.d),
    );
  else if (sort === 'newest') matches.sort((a, b) => rank!(a.d) - rank!(b.d));
  else
    matches.sort((a, b) => {
      const ta = index.time(a.d) ?? Infinity;
      const tb = index.time(b.d) ?? Infinity;
      return ta - tb || a.d - b.d;
    });
}

/**
 * The first `k` matches in `sort` order without sorting them all: one composite number per match
 * (relevance rounded, then the recency key), a selection to find the k-th, a full sort of the few
 * at or above it (with a coarse recency key, the docs tied with the k-th are among them: see Recency).
 */
export function topMatches(
  index: SearchIndex,
  matches: Matches,
  sort: 'relevance' | 'newest' | 'oldest',
  k: number,
  recency: Recency = index.recency(),
): Match[] {
  // Select; while the selection holds unsettled tiers, settle the best few (4 times more each round,
  // so a query with thousands of them settles in a few rounds, not thousands) and select again. A
  // settled tier only goes down, so what was left out stays out.
  const n = matches.length;
  if (n <= Math.max(64, k * 2)) return allMatches(index, matches, sort).slice(0, k);
  // The keys are worked out once; a settled match's key is worked out again (only its tier moves).
  const key = orderKey(index, matches, sort, recency);
  // Kept for the next query up to KEPT_KEYS (a query matching 1.35 million docs made 11 MB of keys).
  let keys = keyBuffer.subarray(0, n);
  if (keyBuffer.length < n) {
    keys = new Float64Array(n);
    if (n <= KEPT_KEYS) keyBuffer = keys;
  }
  for (let i = 0; i < n; i++) keys[i] = key(i);
  for (let batch = k; ; batch *= 4) {
    const cut = kthLargest(keys, k);
    const head: Match[] = [];
    let unsettled = false;
    for (let i = 0; i < n; i++)
      if (keys[i]! >= cut) {
        head.push(matches.at(i));
        if (matches.check[i]) unsettled = true;
      }
    if (!unsettled) {
      sortMatches(index, head, sort);
      return head.slice(0, k);
    }
    const best = batch * 4 >= n ? -Infinity : kthLargest(keys, batch);
    for (let i = 0; i < n; i++) if (keys[i]! >= best && matches.settle(i)) keys[i] = key(i);
  }
}

let keyBuffer = new Float64Array(0);
/** Keys kept from one query to the next, as the matches are (32 MB at most: matches.ts). */
const KEPT_KEYS = 1 << 22;

/** One number per match whose order is `sort`'s (ties aside): relevance rounded, then recency. */
function orderKey(
  index: SearchIndex,
  matches: Matches,
  sort: 'relevance' | 'newest' | 'oldest',
  { key: rankKey, span }: Recency,
): (i: number) => number {
  const { d, tier, sub } = matches;
  const kind = index.kindRanks();
  const recency = (i: number): number => span - rankKey[d[i]!]!; // larger = newer
  if (sort === 'newest') return recency;
  if (sort === 'oldest') return (i) => span - recency(i);
  // tier, then readability (sub is under 3, so sub * 1000 stays below one kind step), then sub.
  return (i) => (tier[i]! * 10_000 + kind[d[i]!]! * 3000 + Math.round(sub[i]! * 1000)) * span + recency(i);
}

/** Every match in `sort` order (for exports and bulk actions, which want them all). */
export function allMatches(
  index: SearchIndex,
  matches: Matches,
  sort: 'relevance' | 'newest' | 'oldest',
): Match[] {
  matches.settleAll();
  const all = Array.from({ length: matches.length }, (_, i) => matches.at(i));
  sortMatches(index, all, sort);
  return all;
}

/**
 * The k-th largest value (k >= 1): for a page's few, one pass keeping the k largest in a heap; else
 * quickselect on a copy. Linear, where sorting every key of a query matching 100,000 articles took
 * several milliseconds.
 */
export function kthLargest(keys: Float64Array, k: number): number {
  const want = Math.max(1, k);
  if (want <= HEAP_K && want < keys.length) return kthByHeap(keys, want);
  // The copy is made in a buffer kept for the next call (up to KEPT_KEYS: a larger one is the call's own).
  if (kthScratch.length < keys.length) {
    const buffer = new Float64Array(keys.length);
    if (keys.length <= KEPT_KEYS) kthScratch = buffer;
    buffer.set(keys);
    return quickselect(buffer, want);
  }
  const a = kthScratch.subarray(0, keys.length);
  a.set(keys);
  return quickselect(a, want);
}

/** The want-th largest of `a` (reordering it). */
function quickselect(a: Float64Array, want: number): number {
  const at = Math.max(0, a.length - want); // its index in ascending order
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
    if (at <= j) hi = j;
    else if (at >= i) lo = i;
    else break;
  }
  return a[at]!;
}

let kthScratch = new Float64Array(0);
/** Up to this k the heap pass is used (most keys are then one comparison each). */
const HEAP_K = 1024;
const heap = new Float64Array(HEAP_K);

/**
 * The k-th largest (k < keys.length): a min-heap of the k largest seen. The keys are read from the
 * last: matches come in doc order, and later docs are mostly newer, so read from the first most keys
 * would beat the heap's least and sift it down.
 */
function kthByHeap(keys: Float64Array, k: number): number {
  const last = keys.length - 1;
  for (let i = 0; i < k; i++) {
    // Sift up.
    let c = i;
    const v = keys[last - i]!;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (heap[p]! <= v) break;
      heap[c] = heap[p]!;
      c = p;
    }
    heap[c] = v;
  }
  for (let i = last - k; i >= 0; i--) {
    const v = keys[i]!;
    if (v <= heap[0]!) continue;
    // Replace the smallest and sift down.
    let c = 0;
    for (;;) {
      let m = 2 * c + 1;
      if (m >= k) break;
      if (m + 1 < k && heap[m + 1]! < heap[m]!) m++;
      if (heap[m]! >= v) break;
      heap[c] = heap[m]!;
      c = m;
    }
    heap[c] = v;
  }
  return heap[0]!;
}
