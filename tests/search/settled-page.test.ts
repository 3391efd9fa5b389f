/**
 * A page of results is the head of the full order: tiers that need a doc's strings (phrase or pieces,
 * in the title or the snippet) are settled only for the matches that reach the page, and that gives
 * exactly the page that settling every match first gives.
 */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { allMatches, runQuery, topMatches } from '../../src-main/archive/search/search-engine.js';
import { parseQuery } from '../../src-main/archive/search/search-text.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { tempDir } from '../helpers/tmp.js';

describe('the page shown', () => {
  it('is the head of the order of every match with its tier settled', async () => {
    const { index } = await SearchService.open(MemoryFeed.of(1500), await tempDir());
    let unsettled = 0;
    for (const q of ['近邻党建', '城市基层党建', '主心骨 近邻党建', '街道管理体质改革', '基层 治理'])
      for (const sort of ['relevance', 'newest', 'oldest'] as const)
        for (const k of [1, 20, 40]) {
          const pq = parseQuery(q);
          const lazy = runQuery(index, pq, undefined, index.recency()).matches;
          unsettled += lazy.check.filter((c) => c).length;
          const page = topMatches(index, lazy, sort, k, index.recency());
          const eager = runQuery(index, pq, undefined, index.recency()).matches;
          const all = allMatches(index, eager, sort);
          expect(all.length, q).toBeGreaterThan(k);
          expect(
            page.map((m) => [m.d, m.tier]),
            `${q} ${sort} ${k}`,
          ).toEqual(all.slice(0, k).map((m) => [m.d, m.tier]));
        }
    // The page was picked before most tiers were settled.
    expect(unsettled).toBeGreaterThan(100);
  }, 60_000);
});
