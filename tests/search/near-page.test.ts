/**
 * A query with near misses (docs holding all its tokens but one or two) and no filter gets its page,
 * total and counts from bitsets (near-misses.ts, exact-page.ts). It must answer as the full pass
 * does, which lists every near miss, has fuse.js score the closest 40 and folds and orders them all:
 * every page by relevance and newest first, at offsets reaching past the head, with exact matches
 * among the near misses, with dead docs, tied recency keys, small batches and docs not numbered
 * oldest first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exactPage } from '../../src-main/archive/search/exact-page.js';
import { STREAM } from '../../src-main/archive/search/recency-stream.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { NEAR, runQuery, TIER, topMatches } from '../../src-main/archive/search/search-engine.js';
import { foldMatches } from '../../src-main/archive/search/index-folds.js';
import { parseQuery } from '../../src-main/archive/search/search-text.js';
import type { SearchQuery } from '../../src-main/archive/search/search-types.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { tempDir } from '../helpers/tmp.js';
import { answersAsFullPass, pageAnswers, resetBitsetPages, scrambledFeed } from '../helpers/bitset-pages.js';
import { rng } from '../../bench/corpus.js';

// The bench's archives have tens of thousands of candidates; these have hundreds.
const BITS_FROM = NEAR.bitsFrom;
beforeEach(() => {
  NEAR.bitsFrom = 0;
});
afterEach(() => {
  NEAR.bitsFrom = BITS_FROM;
  resetBitsetPages();
});

/**
 * Typos of the synthetic titles' clauses (one or two characters wrong), one with two terms, and a
 * typo some added titles hold as it is (exact matches among its near misses).
 */
const TYPOS = [
  '街道管理体质改革',
  '党员接单方试开展',
  '居民小区是社会治里',
  '凝聚起强大组织立',
  '成为城市基层党建破体',
  '街道 管理体质改革',
  '破解在职党员报道',
];
const QUERIES: SearchQuery[] = TYPOS.flatMap((q) => [
  { q, limit: 30 },
  { q, limit: 20, offset: 30 },
  { q, limit: 300 },
  { q, sort: 'newest' as const, limit: 30 },
  { q, sort: 'newest' as const, limit: 20, offset: 50 },
  { q, kinds: ['headline' as const, 'full' as const], limit: 40 },
  { q, kinds: ['brief' as const], sort: 'newest' as const, limit: 20 },
]);

/** The clauses the typos were made from. */
const CLAUSES = [
  '如何下好街道管理体制改革',
  '党员接单方式开展志愿服务活动',
  '居民小区是社会治理的最基本单元',
  '凝聚起强大组织力行动力战斗力',
  '成为城市基层党建破题的关键一环',
  '破解在职党员报到身到心未到的问题',
];
const OTHER =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研';

/**
 * Titles near each clause, made by a seeded hand: a character or two dropped, changed or added, of
 * every kind, some listed twice (a fold), and titles holding a typo as typed (exact matches among
 * its near misses): fuse.js then scores the closest few differently, and reorders them.
 */
function withNearTitles(feed: MemoryFeed, from: number): void {
  const r = rng(20261203);
  const char = (): string => OTHER[Math.floor(r() * OTHER.length)]!;
  let i = 0;
  const put = (title: string): void => {
    const a = syntheticArticle(from + i);
    feed.put({ ...a, id: `t${i++}`, title });
  };
  for (const clause of CLAUSES)
    for (let v = 0; v < 24; v++) {
      const at = Math.floor(r() * clause.length);
      const edits = [
        clause.slice(0, at) + clause.slice(at + 1),
        clause.slice(0, at) + char() + clause.slice(at + 1),
        clause.slice(0, at) + char() + char() + clause.slice(at),
        char() + clause.slice(0, at) + char() + clause.slice(at + 2),
      ];
      const title = edits[v % edits.length]!;
      put(title);
      if (v % 5 === 0) put(title);
    }
  for (let v = 0; v < 12; v++) put(v % 2 ? '推进街道管理体质改革试点' : `破解在职党员报道难题${v % 3}`);
}

describe('the page of near misses from bitsets', () => {
  it('answers as the full pass: pages past the head, totals, counts and folds, with dead docs and tied keys', async () => {
    const feed = MemoryFeed.of(3000);
    withNearTitles(feed, 3000);
    const dir = await tempDir();
    const service = await SearchService.open(feed, dir);

    // The bitsets' way is taken for every typo, and the typos reach both exact matches and near
    // misses of every kind.
    const index = service.index;
    for (const q of TYPOS) {
      const run = runQuery(index, parseQuery(q), undefined, index.recency(), undefined, true);
      expect(run.exact?.near, q).toBeDefined();
      // Also with a filter by kind (headlines and full articles).
      const kept = runQuery(
        index,
        parseQuery(q),
        (d) => index.kindRanks()[d] !== 1,
        index.recency(),
        undefined,
        true,
        [0, 2],
      );
      expect(kept.exact?.near, q).toBeDefined();
    }
    // Past 12 tokens the full pass (a bitset a token would be too many): a clause of 15 characters.
    const long = parseQuery('破解在职党员报到身到心未到的问体');
    const longRun = runQuery(index, long, undefined, index.recency(), undefined, true);
    expect(longRun.exact).toBeUndefined();
    expect(longRun.matches.length).toBeGreaterThan(0);
    const mixed = await service.search({ q: '街道管理体质改革', limit: 300 });
    expect(mixed.hits.some((h) => h.score >= TIER.body)).toBe(true);
    expect(mixed.hits.filter((h) => h.score < TIER.body).length).toBeGreaterThan(60);
    expect(new Set(mixed.hits.map((h) => h.article.kind)).size).toBe(3);

    await service.close();
    await answersAsFullPass(feed, dir, QUERIES, () => {
      for (let i = 4; i < 3000; i += 7) feed.remove(`s${i}`);
      for (let i = 3200; i <= 3400; i++) feed.put(syntheticArticle(i));
    });
  });

  it("gives each match the tier and closeness the full pass gives, fuse.js's raise included", async () => {
    const feed = MemoryFeed.of(3000);
    withNearTitles(feed, 3000);
    const service = await SearchService.open(feed, await tempDir());
    const index = service.index;
    const recency = index.recency();
    const raised = new Set<number>();
    for (const q of TYPOS)
      for (const sort of ['relevance', 'newest'] as const) {
        const pq = parseQuery(q);
        const full = runQuery(index, pq, undefined, recency);
        const folded = foldMatches(index, full.matches, sort);
        const want = topMatches(index, folded.matches, sort, 400, recency).map((m) => [m.d, m.tier, m.sub]);
        const run = runQuery(index, pq, undefined, recency, undefined, true);
        const got = exactPage(index, run.exact!, sort, 400, recency);
        const near = run.exact!.near;
        expect(got.page.map((m) => [m.d, m.tier, m.sub])).toEqual(want);
        expect(got.total).toBe(folded.matches.length);
        for (const h of near!.head) if (h.sub >= 1.5) raised.add(h.sub);
      }
    // fuse.js raised some of the heads, and not all of them alike.
    expect(raised.size).toBeGreaterThan(3);
    await service.close();
  });

  it('answers as the full pass when the docs were not numbered oldest first', async () => {
    const feed = scrambledFeed(3000);
    withNearTitles(feed, 3000);
    const service = await SearchService.open(feed, await tempDir());
    const full = await pageAnswers(service, QUERIES, false);
    expect(await pageAnswers(service, QUERIES, true)).toEqual(full);
    STREAM.blockWords = 1;
    STREAM.batchMost = 5;
    expect(await pageAnswers(service, QUERIES, true)).toEqual(full);
    await service.close();
  });
});
