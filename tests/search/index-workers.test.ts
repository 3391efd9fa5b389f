/**
 * A build whose articles are analysed in worker threads (index-workers.ts) gives exactly the index
 * the build thread alone gives: from nothing, and when it follows the changes after it.
 */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { TermsPool, inlineAnalyzer } from '../../src-main/archive/search/index-workers.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

describe('an index built with worker threads', () => {
  it('analyses every article as the build thread does', async () => {
    const feed = MemoryFeed.of(300);
    const batch = await Promise.all(
      feed.changesSince(0, 300).map(async ({ article }) => ({
        article,
        blocks: (await feed.getBody(article.id))?.blocks.map((b) => b.text),
      })),
    );
    const pool = new TermsPool(2);
    try {
      const [a, b] = await Promise.all([pool.analyze(batch.slice(0, 150)), pool.analyze(batch.slice(150))]);
      const inline = await inlineAnalyzer().analyze(batch);
      expect([...a!, ...b!]).toEqual(inline);
      expect(inline.some((t) => t.chars > 0)).toBe(true);
    } finally {
      pool.close();
    }
  });

  it('answers as a build without them, from nothing and after changes', async () => {
    const feed = MemoryFeed.of(1200);
    const pooled = await SearchService.open(feed, await tempDir(), { build: { chunkDocs: 100, workers: 2 } });
    const inline = await SearchService.open(feed, await tempDir(), { build: { chunkDocs: 100, workers: 0 } });
    expect(pooled.size).toBe(1200);
    expect(await resultsOf(pooled)).toEqual(await resultsOf(inline));

    for (let i = 5; i < 1200; i += 7) feed.remove(`s${i}`);
    for (let i = 6; i < 1200; i += 7) {
      const a = syntheticArticle(i);
      feed.put({ ...a, title: `${a.title} 更新` });
    }
    for (let i = 1201; i <= 1500; i++) feed.put(syntheticArticle(i));
    await pooled.refresh();
    await inline.refresh();
    expect(pooled.size).toBe(feed.size);
    expect(await resultsOf(pooled)).toEqual(await resultsOf(inline));
    expect((await pooled.searchIds({ q: '更新' })).length).toBeGreaterThan(100);
    await pooled.close();
    await inline.close();
  });
});
