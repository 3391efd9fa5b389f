/**
 * A query whose matches are all exact and that has no filter gets its page, total and counts from the
 * match bitsets (exact-page.ts). It must answer as the full pass over every match does: every page
 * (by relevance and newest first, at offsets), totals, counts and folds, for one token and for
 * phrases whose tier is settled from the strings, with docs dead in the postings, and with coarse
 * recency keys that tie (a batch's cut then falls among many docs, ordered by their exact ranks), in
 * batches of any size, whatever order the docs were numbered in (a batch's pass visits blocks of docs
 * newest first).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EXACT_PAGE } from '../../src-main/archive/search/exact-page.js';
import { COARSE } from '../../src-main/archive/search/coarse-ranks.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { SearchQuery } from '../../src-main/archive/search/search-types.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { INDEX_QUERIES } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

afterEach(() => {
  EXACT_PAGE.on = true;
  EXACT_PAGE.batchMost = 1 << 14;
  EXACT_PAGE.blockWords = 32;
  COARSE.bits = 16;
});

/** Common single tokens, phrases, several terms, and words of the synthetic titles and bodies. */
const WORDS = [
  '党建',
  '近邻党建',
  '城市基层党建',
  '主心骨',
  '街道',
  '社区',
  '服务',
  '居民',
  '主心骨 近邻党建',
  '党建 社区',
  '厦门',
];
const QUERIES: SearchQuery[] = [
  ...INDEX_QUERIES,
  ...WORDS.flatMap((q) => [
    { q, limit: 30 },
    { q, limit: 20, offset: 40 },
    { q, limit: 200 },
    { q, sort: 'newest' as const, limit: 30 },
    { q, sort: 'newest' as const, limit: 20, offset: 60 },
    { q, sort: 'oldest' as const, limit: 20 },
  ]),
];

/** Every answer of the queries, with the bitsets' way on or off. */
async function answers(service: SearchService, on: boolean): Promise<unknown[]> {
  EXACT_PAGE.on = on;
  const out: unknown[] = [];
  for (const query of QUERIES) {
    const r = await service.search(query);
    out.push({
      query,
      total: r.total,
      counts: r.counts,
      hits: r.hits.map((h) => [h.article.id, h.score, h.article.listings?.map((l) => l.id)]),
    });
  }
  return out;
}

describe('the page of exact matches from their bitsets', () => {
  it('answers as the full pass: pages, totals, counts and folds, with dead docs and tied keys', async () => {
    const feed = MemoryFeed.of(2400);
    // Titles holding every bigram of a query but not its phrase (`主心骨`, `党建 社区`: their tier
    // settles lower than their bits allow), among the newest, of every kind: the phrase's own matches
    // must come first.
    const scattered = [
      '近邻党员共建党建阵地',
      '主心里的心骨',
      '党建与社区共建社区',
      '主心骨干部讲党课',
      '党建工作进社区共建社区',
    ];
    for (let i = 0; i < 40; i++) {
      const a = syntheticArticle(2400 + i);
      feed.put({ ...a, id: `x${i}`, title: `${scattered[i % scattered.length]}${i}` });
    }
    const dir = await tempDir();
    const service = await SearchService.open(feed, dir);
    const fast = await answers(service, true);
    expect(fast).toEqual(await answers(service, false));
    // The queries reach far: pages of hundreds, folds, several tiers.
    const common = (await service.search({ q: '党建', limit: 200 })).total;
    expect(common).toBeGreaterThan(300);

    // Docs die and come: the postings still name the dead ones until a merge.
    for (let i = 5; i < 2400; i += 9) feed.remove(`s${i}`);
    for (let i = 2401; i <= 2600; i++) feed.put(syntheticArticle(i));
    await service.refresh();
    expect(service.index.dead).toBeGreaterThan(0);
    const afterChange = await answers(service, true);
    expect(afterChange).toEqual(await answers(service, false));
    expect(afterChange).not.toEqual(fast);
    await service.close();

    // Reopened with coarse recency keys (2,600 docs in a few keys): ties settle by exact rank.
    COARSE.bits = 4;
    const coarse = await SearchService.open(feed, dir);
    expect(coarse.index.recency().span).toBeLessThan(20);
    expect(await answers(coarse, true)).toEqual(afterChange);
    expect(await answers(coarse, false)).toEqual(afterChange);
    // A class read in many small batches, each up to a cut among tied keys.
    EXACT_PAGE.batchMost = 5;
    expect(await answers(coarse, true)).toEqual(afterChange);
    await coarse.close();
  });

  it('answers as the full pass when the docs were not numbered oldest first, in blocks of any size', async () => {
    // Put in a scrambled order (an archive imported by file name, not by date): the newest docs lie
    // anywhere among the doc numbers.
    const feed = new MemoryFeed();
    const order = Array.from({ length: 3000 }, (_, i) => i + 1).sort(
      (a, b) => ((a * 2654435761) % 4093) - ((b * 2654435761) % 4093) || a - b,
    );
    for (const i of order) feed.put(syntheticArticle(i));
    const service = await SearchService.open(feed, await tempDir());
    const full = await answers(service, false);
    expect(await answers(service, true)).toEqual(full);
    // Blocks of one word (32 docs): a pass stops at the first block older than its cut.
    EXACT_PAGE.blockWords = 1;
    expect(await answers(service, true)).toEqual(full);
    EXACT_PAGE.batchMost = 5;
    expect(await answers(service, true)).toEqual(full);
    await service.close();
  });
});
