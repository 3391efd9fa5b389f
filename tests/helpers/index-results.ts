/**
 * What a search index answers, as plain data to compare two indexes with (a resumed build and a clean
 * one, an updated index and a fresh one): every matching id in rank order, the first page of hits
 * with their scores and folds, totals and counts, for queries of every kind and with filters.
 */
import type { SearchService } from '../../src-main/archive/search/search-service.js';
import type { SearchQuery } from '../../src-main/archive/search/search-types.js';

export const INDEX_QUERIES: SearchQuery[] = [
  { q: '党建' },
  { q: '近邻党建' },
  { q: '城市基层党建' },
  { q: '主心骨' },
  { q: '街' },
  { q: 'dangjian' },
  { q: 'jldj' },
  { q: 'dj' },
  { q: '主心骨 近邻党建' },
  { q: '街道管理体质改革' },
  { q: '量子计算机芯片' },
  { q: '4' },
  { q: '' },
  { q: '党建', sort: 'newest' },
  { q: '', sort: 'oldest', limit: 40 },
  { q: '党建', kinds: ['full', 'brief'] },
  { q: '', kinds: ['headline'] },
  { q: '党建', source: '/synthetic/p3.txt' },
  { q: '', from: '2015-01-01', to: '2015-01-01' },
  { q: '党建', onlyIds: ['s5', 's40', 's41', 's99', 's300'] },
];

export async function resultsOf(service: SearchService, queries = INDEX_QUERIES): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const query of queries) {
    const r = await service.search({ limit: 30, ...query });
    out.push({
      query,
      ids: query.q ? await service.searchIds(query) : undefined,
      total: r.total,
      counts: r.counts,
      hits: r.hits.map((h) => [
        h.article.id,
        h.score,
        h.article.listings?.map((l) => l.id),
        h.article.readableId,
      ]),
      suggestions: r.suggestions,
    });
  }
  return out;
}
