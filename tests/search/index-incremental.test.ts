/**
 * The index follows the catalog's change feed: after articles are added, removed and changed it
 * answers exactly as an index built afresh from the same catalog; an article written again with
 * nothing the index keeps changed is not indexed again; and a second connection (another process)
 * catches up with what the first committed instead of indexing it again.
 */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { IndexProgress } from '../../src-main/archive/model.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

describe('an index updated from the change feed', () => {
  it('answers as a fresh build after articles are added, removed and changed', async () => {
    const feed = MemoryFeed.of(900);
    const seen: IndexProgress[] = [];
    // Small chunks: many segments, merged while the update runs (dead docs dropped then).
    const dir = await tempDir();
    const service = await SearchService.open(feed, dir, {
      build: { chunkDocs: 50 },
      onProgress: (p) => seen.push(p),
    });
    expect(service.size).toBe(900);
    const kept = ['s3', 's17', 's500'];
    const docs = kept.map((id) => service.index.docOf(id));
    let changed = 0;
    for (let i = 10; i < 900; i += 15) feed.remove(`s${i}`);
    for (let i = 11; i < 900; i += 15, changed++) {
      const a = syntheticArticle(i);
      feed.put({ ...a, title: `${a.title} 更新` });
    }
    for (let i = 12; i < 900; i += 15) {
      const a = syntheticArticle(i);
      if (a.kind !== 'headline') continue;
      // A headline whose article came in full: same id, now readable.
      feed.put({
        ...a,
        kind: 'full',
        bodyRef: `u${i}`,
        body: ['近邻党建做得好,居民点赞。'],
        snippet: '近邻党建',
      });
      changed++;
    }
    for (let i = 901; i <= 1020; i++, changed++) feed.put(syntheticArticle(i));
    for (const id of kept) feed.put(feed.get(id)!); // written again, nothing the index keeps changed
    seen.length = 0;
    await service.refresh();
    // Only the changes were read: every article written since, once.
    expect(seen[0]).toEqual({ done: 0, total: changed + kept.length });
    expect(kept.map((id) => service.index.docOf(id))).toEqual(docs);
    expect(service.index.docOf('s10')).toBeUndefined();

    const fresh = await SearchService.open(feed, await tempDir());
    expect(service.size).toBe(feed.size);
    expect(fresh.size).toBe(feed.size);
    expect(await resultsOf(service)).toEqual(await resultsOf(fresh));
    // The update's new titles and bodies are what is found.
    expect((await service.searchIds({ q: '更新' })).length).toBeGreaterThan(50);
    expect(await service.searchIds({ q: '居民点赞' })).toEqual(await fresh.searchIds({ q: '居民点赞' }));

    // Written with the arrays and opened again: the live count is the snapshot's (not counted again),
    // and it leaves out the docs removed and those indexed again under a new number.
    service.index.snapshotIfDue(true);
    await service.close();
    const again = await SearchService.open(feed, dir);
    expect(again.index.docCount).toBeGreaterThan(feed.size);
    expect(again.size).toBe(feed.size);
    expect(await resultsOf(again)).toEqual(await resultsOf(fresh));
    await again.close();
    await fresh.close();
  }, 120_000);

  it("catches up with another connection's commits instead of indexing them again", async () => {
    const feed = MemoryFeed.of(300);
    const dir = await tempDir();
    const first = await SearchService.open(feed, dir);
    const told: IndexProgress[] = [];
    const second = await SearchService.open(feed, dir, { onProgress: (p) => told.push(p) });
    for (let i = 301; i <= 360; i++) feed.put(syntheticArticle(i));
    feed.remove('s7');
    await first.refresh();
    expect(first.size).toBe(359);
    const r = await second.search({ q: '党建' });
    expect(told).toEqual([]);
    expect(second.size).toBe(359);
    expect(r.total).toBe((await first.search({ q: '党建' })).total);
    expect(await resultsOf(second)).toEqual(await resultsOf(first));
  }, 60_000);
});
