/**
 * A query that finds nothing suggests the titles nearest to it. For Chinese text those are ranked
 * from the engine's count of the query's tokens in each title, without reading the titles: the same
 * suggestions as reading every touched title.
 */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { runQuery } from '../../src-main/archive/search/search-engine.js';
import { suggest } from '../../src-main/archive/search/suggest.js';
import { parseQuery } from '../../src-main/archive/search/search-text.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { tempDir } from '../helpers/tmp.js';

describe('titles suggested for a query that finds nothing', () => {
  it('are the same whether the engine counts their tokens or the titles are read', async () => {
    const feed = MemoryFeed.of(1500);
    const { index } = await SearchService.open(feed, await tempDir());
    const context = { index, title: (d: number) => feed.getMeta(index.doc(d)!.id)?.title, docsFor: () => [] };
    for (const q of [
      '党建量子芯片',
      '城市基层火星探测',
      '党建 火星探测',
      '街道量子芯片',
      '基层治理 量子芯片',
    ]) {
      const pq = parseQuery(q);
      const run = runQuery(index, pq, undefined, index.recency());
      expect(run.matches.length, q).toBe(0);
      expect(run.touched.length, q).toBeGreaterThan(20);
      expect(run.titleTokens, q).toBeDefined();
      const counted = await suggest(context, pq, run.touched, 6, run.titleTokens);
      const read = await suggest(context, pq, run.touched, 6);
      expect(counted.length, q).toBeGreaterThan(0);
      expect(counted, q).toEqual(read);
    }
  }, 60_000);
});
