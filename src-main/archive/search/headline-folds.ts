/**
 * Folding repeated headlines. Each page lists about 30 headlines, so one story is listed by many
 * pages, often with different listing times (and so as different headline-only entries). A result
 * list shows the headline-only entries of one title as one row: the first in the list's order stands
 * for them, with every page that listed the title (`listings`) and, when the archive holds an article
 * of that title that can be read, that article (`readableId`). Titles are compared folded as search
 * folds them (NFKC, case, Traditional to Simplified, without spaces and punctuation).
 *
 * Two forms over the same rule: over the catalog's metadata (the article list, the timeline's days),
 * here, and over the search index's documents (search results, folded before paging so totals and
 * pages count rows, not entries): index-folds.ts.
 */
import type { ArticleMeta } from '../model.js';
import type { KindCounts, ListedArticle, Listing } from './search-types.js';
import { titleFold } from './search-text.js';

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
      const key = titleFold(a.title);
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
        const key = titleFold(a.title);
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
