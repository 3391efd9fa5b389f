/**
 * An index opened from its copy holds the time ranks coarse (each shifted right to fit 16 bits, the
 * exact ones read where they lie for the docs whose keys tie). Here they are made far coarser than a
 * real index's (a key for every 256 docs), so almost every order between two matches is a tie that
 * only the exact ranks settle: every query, page and full ordering must answer as the exact ranks do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COARSE } from '../../src-main/archive/search/coarse-ranks.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { INDEX_QUERIES, resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

const N = 3000;
const QUERIES = [
  ...INDEX_QUERIES,
  { q: '党建', sort: 'newest' as const, limit: 100 },
  { q: '主心骨', sort: 'newest' as const, offset: 40 },
  { q: '街道', limit: 100 },
];

afterEach(() => {
  COARSE.bits = 16;
});

describe('coarse time ranks', () => {
  it('rank every query as the exact time ranks do, before and after a change', async () => {
    const feed = MemoryFeed.of(N);
    const dir = await tempDir();
    const built = await SearchService.open(feed, dir);
    // As built, the ranks are held whole.
    expect(built.index.recency().key).toBeInstanceOf(Uint32Array);
    const expected = await resultsOf(built, QUERIES);
    // A query without hits: its suggestions order by recency too.
    const suggestions = (await built.search({ q: '城市量子党建', limit: 10 })).suggestions;
    expect(suggestions?.length).toBeGreaterThan(1);
    await built.close();

    COARSE.bits = 4; // 3,000 docs in 12 keys
    const coarse = await SearchService.open(feed, dir);
    const recency = coarse.index.recency();
    expect(recency.key).toBeInstanceOf(Uint16Array);
    expect(recency.span).toBeLessThan(16);
    expect(await resultsOf(coarse, QUERIES)).toEqual(expected);
    expect((await coarse.search({ q: '城市量子党建', limit: 10 })).suggestions).toEqual(suggestions);

    // A change: the ranks are worked out again, whole, and still answer as a fresh build does.
    for (let i = N + 1; i <= N + 200; i++) feed.put(syntheticArticle(i));
    feed.remove('s7');
    await coarse.refresh();
    expect(coarse.index.recency().key).toBeInstanceOf(Uint32Array);
    COARSE.bits = 16;
    const fresh = await SearchService.open(feed, await tempDir());
    expect(await resultsOf(coarse, QUERIES)).toEqual(await resultsOf(fresh, QUERIES));
    await coarse.close();
    await fresh.close();
  }, 120_000);
});
