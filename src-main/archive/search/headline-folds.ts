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
import { Matches } from './search-engine.js';
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

/** The index's folds: per doc its fold (-1 for a readable article), each fold's docs and readable doc. */
export interface IndexFolds {
  group: Int32Array;
  members: number[][];
  /** Per fold, the newest readable doc of the same title, or -1. */
  readable: Int32Array;
}

const indexFolds = new WeakMap<SearchIndex, { stamp: string; folds: IndexFolds }>();

export function foldsOf(index: SearchIndex): IndexFolds {
  // Adding a doc grows the list, removing one grows the dead count: either changes the stamp.
  const stamp = `${index.docs.length}:${index.dead}`;
  const cached = indexFolds.get(index);
  if (cached && cached.stamp === stamp) return cached.folds;
  const kind = index.kindRanks();
  const group = new Int32Array(index.docs.length).fill(-1);
  const members: number[][] = [];
  const byKey = new Map<string, number>();
  for (let d = 0; d < index.docs.length; d++) {
    const doc = index.docs[d];
    if (!doc || kind[d] !== 0) continue;
    let g = byKey.get(doc.titleKey);
    if (g === undefined) {
      g = members.length;
      byKey.set(doc.titleKey, g);
      members.push([]);
    }
    members[g]!.push(d);
    group[d] = g;
  }
  const readable = new Int32Array(members.length).fill(-1);
  for (let d = 0; d < index.docs.length; d++) {
    const doc = index.docs[d];
    if (!doc || kind[d] === 0) continue;
    const g = byKey.get(doc.titleKey);
    if (g === undefined) continue;
    const r = readable[g]!;
    if (r < 0 || (doc.time ?? -Infinity) > (index.docs[r]!.time ?? -Infinity)) readable[g] = d;
  }
  const folds = { group, members, readable };
  indexFolds.set(index, { stamp, folds });
  return folds;
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
  const { group, members } = foldsOf(index);
  const kind = index.kindRanks();
  const best = new Int32Array(members.length).fill(-1);
  const time = (d: number): number => index.docs[d]?.time ?? (sort === 'oldest' ? Infinity : -Infinity);
  let folded = false;
  for (let i = 0; i < matches.length; i++) {
    const d = matches.d[i]!;
    const g = group[d]!;
    if (g < 0 || members[g]!.length < 2) continue;
    const at = best[g]!;
    if (at < 0) best[g] = i;
    else {
      folded = true;
      const o = matches.d[at]!;
      const better =
        sort === 'oldest'
          ? time(d) < time(o) || (time(d) === time(o) && d < o)
          : time(d) > time(o) || (time(d) === time(o) && d > o);
      if (better) best[g] = i;
    }
  }
  const counts = { readable: 0, headlines: 0 };
  const out = folded ? new Matches() : matches;
  for (let i = 0; i < matches.length; i++) {
    const d = matches.d[i]!;
    const g = group[d]!;
    if (g >= 0 && members[g]!.length > 1 && best[g] !== i) continue;
    if (kind[d] === 0) counts.headlines++;
    else counts.readable++;
    if (folded) out.push(d, matches.tier[i]!, matches.sub[i]!);
  }
  return { matches: out, counts };
}
