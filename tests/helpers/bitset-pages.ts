/**
 * What the tests of the pages worked out from bitsets (exact-page.ts, near-misses.ts) share: a
 * query set's answers with that way on or off, and the runs that must answer alike (after docs die
 * and come, with coarse recency keys, in small batches), and a feed numbered in a scrambled order.
 */
import { expect } from 'vitest';
import { EXACT_PAGE } from '../../src-main/archive/search/exact-page.js';
import { STREAM } from '../../src-main/archive/search/recency-stream.js';
import { COARSE } from '../../src-main/archive/search/coarse-ranks.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { SearchQuery } from '../../src-main/archive/search/search-types.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from './memory-feed.js';

/** Back to the defaults (for afterEach). */
export function resetBitsetPages(): void {
  EXACT_PAGE.on = true;
  STREAM.batchMost = 1 << 14;
  STREAM.blockWords = 32;
  COARSE.bits = 16;
}

/** Every answer of the queries, with the bitsets' way on or off. */
export async function pageAnswers(
  service: SearchService,
  queries: SearchQuery[],
  on: boolean,
): Promise<unknown[]> {
  EXACT_PAGE.on = on;
  const out: unknown[] = [];
  for (const query of queries) {
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

/**
 * The bitsets' way answers the queries as the full pass: on `feed` as it is, after `change` (docs die
 * and come: the postings still name the dead ones until a merge), reopened with coarse recency keys
 * (ties settle by exact rank), and with classes read in many small batches, each up to a cut among
 * tied keys.
 */
export async function answersAsFullPass(
  feed: MemoryFeed,
  dir: string,
  queries: SearchQuery[],
  change: () => void,
): Promise<void> {
  const service = await SearchService.open(feed, dir);
  const fast = await pageAnswers(service, queries, true);
  expect(fast).toEqual(await pageAnswers(service, queries, false));

  change();
  await service.refresh();
  expect(service.index.dead).toBeGreaterThan(0);
  const afterChange = await pageAnswers(service, queries, true);
  expect(afterChange).toEqual(await pageAnswers(service, queries, false));
  expect(afterChange).not.toEqual(fast);
  await service.close();

  COARSE.bits = 4;
  const coarse = await SearchService.open(feed, dir);
  expect(coarse.index.recency().span).toBeLessThan(20);
  expect(await pageAnswers(coarse, queries, true)).toEqual(afterChange);
  expect(await pageAnswers(coarse, queries, false)).toEqual(afterChange);
  STREAM.batchMost = 5;
  expect(await pageAnswers(coarse, queries, true)).toEqual(afterChange);
  await coarse.close();
}

/**
 * Articles 1 .. n put in a scrambled order (an archive imported by file name, not by date): the
 * newest docs lie anywhere among the doc numbers.
 */
export function scrambledFeed(n: number): MemoryFeed {
  const feed = new MemoryFeed();
  const order = Array.from({ length: n }, (_, i) => i + 1).sort(
    (a, b) => ((a * 2654435761) % 4093) - ((b * 2654435761) % 4093) || a - b,
  );
  for (const i of order) feed.put(syntheticArticle(i));
  return feed;
}
