/**
 * Folding repeated headlines. Each page lists about 30 headlines, so one story is listed by many
 * pages, often with different listing times (and so as different headline-only entries). A result
 * list shows the headline-only entries of one title as one row: the first in the list's order stands
 * for them, with every page that listed the title (`listings`) and, when the archive holds an article
 * of that title that can be read, that article (`readableId`). Titles are compared folded as search
 * folds them (NFKC, case, Traditional to Simplified, without spaces and punctuation).
 *
 * Two forms over the same rule: over the catalog's metadata (the article list, the timeline's days)
 * and over the search index's documents (search results, folded before paging so totals and pages
 * count rows, not entries).
 */
import type { ArticleMeta } from '../model.js';
import type { SearchIndex } from './search-index.js';
import { Matches } from './matches.js';
import type { KindCounts, ListedArticle, Listing } from './search-types.js';
import { foldFast, stripSeparators } from './search-text.js';

/** The folded form of a title that decides which headlines are one. */
export function foldKey(title: string): string {
  return stripSeparators(foldFast(title));
}

/** Every (page, time) of a fold's entries, newest first. */
export function listingsOf(members: readonly ArticleMeta[]): Listing[] {
  const out: Listing[] = [];
  for (const m of members)
    for (const source of m.sources)
      out.push({ id: m.id, source, ...(m.publishedAt ? { publishedAt: m.publishedAt } : {}) });
  return out.sort(
    (a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.source.localeCompare(b.source),
  );
}

/** Articles as list entries: a headline carries its fold's listings and readable article. */
export function asListed(
  a: ArticleMeta,
  members: readonly ArticleMeta[] | undefined,
  readableId: string | undefined,
): ListedArticle {
  if (a.kind !== 'headline') return a;
  return {
    ...a,
    listings: listingsOf(members && members.length ? members : [a]),
    ...(readableId ? { readableId } : {}),
  };
}

/** A list folded: its rows in order, each headline row's fold, and the counts by kind. */
export interface FoldedList {
  rows: ArticleMeta[];
  members: Map<string, ArticleMeta[]>;
  readable: Map<string, string>;
  keyOf: Map<string, string>;
  counts: KindCounts;
}

/**
 * Folds a list already in order (or, with `readableOnly`, drops its headline-only entries). A
 * headline row is the first entry of its fold in that order.
 */
export function foldList(ordered: readonly ArticleMeta[], readableOnly = false): FoldedList {
  const members = new Map<string, ArticleMeta[]>();
  const readable = new Map<string, string>();
  const keyOf = new Map<string, string>();
  const rows: ArticleMeta[] = [];
  const counts = { readable: 0, headlines: 0 };
  for (const a of ordered) {
    if (a.kind === 'headline') {
      if (readableOnly) continue;
      const key = foldKey(a.title);
      keyOf.set(a.id, key);
      const list = members.get(key);
      if (list) {
        list.push(a);
        continue;
      }
      members.set(key, [a]);
      counts.headlines++;
    } else {
      counts.readable++;
      if (!readableOnly) {
        const key = foldKey(a.title);
        if (!readable.has(key)) readable.set(key, a.id);
      }
    }
    rows.push(a);
  }
  return { rows, members, readable, keyOf, counts };
}

/** One row of a folded list as an entry (with its listings and readable article). */
export function listedRow(list: FoldedList, a: ArticleMeta): ListedArticle {
  const key = list.keyOf.get(a.id);
  return key === undefined ? a : asListed(a, list.members.get(key), list.readable.get(key));
}

/**
 * The index's folds: per doc its fold (-1 for a readable article), each fold's docs and readable doc.
 * A fold's docs are `list[start[g] .. start[g + 1])`: one array for all of them, not an array per
 * fold (millions of folds in a large archive).
 */
export interface IndexFolds {
  group: Int32Array;
  start: Uint32Array;
  list: Uint32Array;
  /** Per fold, the newest readable doc of the same title, or -1. */
  readable: Int32Array;
}

/** How many headline docs fold `g` holds. */
export function foldSize(folds: IndexFolds, g: number): number {
  return folds.start[g + 1]! - folds.start[g]!;
}

/** The headline docs of fold `g`, in doc order. */
export function foldMembers(folds: IndexFolds, g: number): Uint32Array {
  return folds.list.subarray(folds.start[g]!, folds.start[g + 1]!);
}

let bestBuffer = new Int32Array(0);

const indexFolds = new WeakMap<SearchIndex, { stamp: string; folds: IndexFolds }>();

export function foldsOf(index: SearchIndex): IndexFolds {
  // Every doc added or dying changes the stamp.
  const stamp = index.stamp;
  const cached = indexFolds.get(index);
  if (cached && cached.stamp === stamp) return cached.folds;
  const kind = index.kindRanks();
  const { time, alive, group: docGroup } = index.docView();
  const n = kind.length;
  // The index keeps a fold id per doc (docs of one folded title share it; -1 while a build from
  // nothing is under way: folds come at its end). Per index fold: its live headlines and its newest
  // readable doc.
  let ids = 0;
  for (let d = 0; d < n; d++) if (docGroup[d]! >= ids) ids = docGroup[d]! + 1;
  const size = new Uint32Array(ids);
  for (let d = 0; d < n; d++) {
    const g = docGroup[d]!;
    if (kind[d] === 0 && alive[d] === 1 && g >= 0) size[g]!++;
  }
  const newest = new Int32Array(ids).fill(-1);
  // A missing time is the oldest.
  const at = (d: number): number => (Number.isNaN(time[d]!) ? -Infinity : time[d]!);
  for (let d = 0; d < n; d++) {
    const g = docGroup[d]!;
    if (kind[d] === 0 || alive[d] !== 1 || g < 0 || size[g] === 0) continue;
    const r = newest[g]!;
    if (r < 0 || at(d) > at(r)) newest[g] = d;
  }
  // Only real folds are kept, renumbered: several headlines, or one with an article to read. A
  // headline alone under its title (most of them) is no fold (-1), so a query's matches skip the fold
  // arrays, and those arrays hold a slot per real fold, not per title (millions in a large archive).
  const compact = new Int32Array(ids).fill(-1);
  let folds = 0;
  for (let g = 0; g < ids; g++) if (size[g]! >= 2 || (size[g] === 1 && newest[g]! >= 0)) compact[g] = folds++;
  const group = new Int32Array(n).fill(-1);
  const start = new Uint32Array(folds + 1);
  for (let d = 0; d < n; d++) {
    const g = docGroup[d]!;
    if (kind[d] !== 0 || alive[d] !== 1 || g < 0 || compact[g]! < 0) continue;
    group[d] = compact[g]!;
    start[group[d]! + 1]!++;
  }
  for (let g = 0; g < folds; g++) start[g + 1]! += start[g]!;
  const list = new Uint32Array(start[folds]!);
  const next = start.slice(0, folds);
  for (let d = 0; d < n; d++) {
    const g = group[d]!;
    if (g >= 0) list[next[g]!++] = d;
  }
  const readable = new Int32Array(folds);
  for (let g = 0; g < ids; g++) if (compact[g]! >= 0) readable[compact[g]!] = newest[g]!;
  const result = { group, start, list, readable };
  indexFolds.set(index, { stamp, folds: result });
  return result;
}

/**
 * The matches with one per fold of headlines: the newest of each (the oldest when the list is
 * oldest first). Members of one fold share their title, so they match in the same tier.
 */
export function foldMatches(
  index: SearchIndex,
  matches: Matches,
  sort: 'relevance' | 'newest' | 'oldest',
): { matches: Matches; counts: KindCounts } {
  const folds = foldsOf(index);
  const { group } = folds;
  const kind = index.kindRanks();
  // Per fold, 1 + the position of its best match so far (0: none); zeroed again below, so a query
  // allocates nothing per fold (millions in a large archive).
  if (bestBuffer.length < folds.readable.length) bestBuffer = new Int32Array(folds.readable.length);
  const best = bestBuffer;
  const time = (d: number): number => index.time(d) ?? (sort === 'oldest' ? Infinity : -Infinity);
  let folded = false;
  for (let i = 0; i < matches.length; i++) {
    const d = matches.d[i]!;
    const g = group[d]!;
    if (g < 0 || foldSize(folds, g) < 2) continue;
    const at = best[g]! - 1;
    if (at < 0) best[g] = i + 1;
    else {
      folded = true;
      const o = matches.d[at]!;
      const better =
        sort === 'oldest'
          ? time(d) < time(o) || (time(d) === time(o) && d < o)
          : time(d) > time(o) || (time(d) === time(o) && d > o);
      if (better) best[g] = i + 1;
    }
  }
  const counts = { readable: 0, headlines: 0 };
  const out = folded ? new Matches() : matches;
  out.settler = matches.settler;
  for (let i = 0; i < matches.length; i++) {
    const d = matches.d[i]!;
    const g = group[d]!;
    if (g >= 0 && foldSize(folds, g) > 1 && best[g] !== i + 1) continue;
    if (kind[d] === 0) counts.headlines++;
    else counts.readable++;
    if (folded) out.push(d, matches.tier[i]!, matches.sub[i]!, matches.check[i]!);
  }
  for (let i = 0; i < matches.length; i++) {
    const g = group[matches.d[i]!]!;
    if (g >= 0) best[g] = 0;
  }
  return { matches: out, counts };
}
