/**
 * A search asked while the index is being built (an import's update, or a first build of millions of
 * articles that takes minutes) is answered from what the build has committed so far, not held until
 * the build ends.
 */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { tempDir } from '../helpers/tmp.js';

describe('a search during an index build', () => {
  it('is answered from the chunks committed so far', async () => {
    const feed = MemoryFeed.of(1000);
    // The build gets stuck reading article 700's body: it never ends by itself.
    feed.hangOn = 's700';
    const stuck = new Promise<void>((resolve) => (feed.onHang = resolve));
    const commits: number[] = [];
    const service = await SearchService.open(feed, await tempDir(), {
      defer: true,
      build: { chunkDocs: 50, workers: 0, onCommit: (seq: number) => commits.push(seq) },
    });
    let built = false;
    void service.refresh().then(() => (built = true));
    await stuck;
    const { total, hits } = await service.search({ q: '', limit: 1000 });
    const ids = hits.map((h) => h.article.id);
    expect(built).toBe(false);
    expect(commits.length).toBeGreaterThan(0);
    // What was committed is found, and nothing past the build's last commit.
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(commits.at(-1)!);
    expect(ids).toContain('s1');
    expect(ids).not.toContain('s999');
  });
});
