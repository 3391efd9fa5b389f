/**
 * A search's filters as one test per doc number, from the index's arrays (kind, time, alive) and, for
 * a source or a list of ids, the set of their docs: no catalog lookup per doc, which at millions of
 * docs would be most of a query.
 */
import { archiveDayEnd, archiveDayStart } from '../../../src-shared/archive-day.js';
import { kindRank } from './doc-state.js';
import type { IndexFeed } from './index-feed.js';
import type { SearchIndex } from './search-index.js';
import type { SearchQuery } from './search-types.js';

/** Whether a query filters its articles (by kind, ids, source or dates). */
export function filters(q: SearchQuery): boolean {
  return !!(q.kinds?.length || q.onlyIds || q.source || q.from || q.to);
}

/** The filters of `q` as a test per doc; undefined when every doc in the postings passes. */
export function docFilter(
  index: SearchIndex,
  feed: Pick<IndexFeed, 'articleIdsOfSource'>,
  q: SearchQuery,
): ((d: number) => boolean) | undefined {
  const kinds = q.kinds?.length ? new Set(q.kinds.map(kindRank)) : undefined;
  const only = q.onlyIds ? index.docsOf(q.onlyIds) : undefined;
  const source = q.source ? index.docsOf(feed.articleIdsOfSource(q.source)) : undefined;
  const from = q.from ? archiveDayStart(q.from) : undefined;
  const to = q.to ? archiveDayEnd(q.to) : undefined;
  // Postings may name docs that died (until a merge drops them): they never match.
  if (!kinds && !only && !source && from === undefined && to === undefined)
    return index.dead ? (d) => index.alive(d) : undefined;
  const rank = index.kindRanks();
  return (d) => {
    if (!index.alive(d)) return false;
    if (only && !only.has(d)) return false;
    if (source && !source.has(d)) return false;
    if (kinds && !kinds.has(rank[d]!)) return false;
    if (from !== undefined || to !== undefined) {
      const time = index.time(d);
      if (time == null) return false;
      if (from !== undefined && time < from) return false;
      if (to !== undefined && time >= to) return false;
    }
    return true;
  };
}
