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
import { STREAM } from '../../src-main/archive/search/recency-stream.js';
import { TIER } from '../../src-main/archive/search/matches.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { SearchQuery } from '../../src-main/archive/search/search-types.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { INDEX_QUERIES } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';
import { answersAsFullPass, pageAnswers, resetBitsetPages, scrambledFeed } from '../helpers/bitset-pages.js';

afterEach(resetBitsetPages);

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
  '互助会',
  // Pinyin: spelt in full, by initials, two letters, two words, and a word some titles hold as it is.
  'dangjian',
  'jldj',
  'dj',
  'jinlin dangjian',
  'zhuxingu',
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
    // A filter by kind keeps the bitsets' way.
    { q, kinds: ['full' as const, 'brief' as const], limit: 30 },
    { q, kinds: ['headline' as const], sort: 'newest' as const, limit: 20, offset: 10 },
  ]),
  // Every match of a pinyin query: the page reaches its last classes.
  ...['dangjian', 'jinlin dangjian', 'jldj'].map((q) => ({ q, limit: 1000 })),
];

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
      // Found by its pinyin and holding it as a word, in the title or only in the snippet.
      'Dangjian 党建周刊',
      '党建手记',
      '互助小组帮助会员',
      '互助会进社区',
    ];
    for (let i = 0; i < 45; i++) {
      const a = syntheticArticle(2400 + i);
      const title = `${scattered[i % scattered.length]}${i}`;
      // A title holding both bigrams of `互助会` but not the word, whose snippet holds it: it settles
      // to the snippet's tier, also while the page has not needed the snippet sets yet.
      const brief = title.startsWith('党建手记')
        ? { kind: 'brief' as const, snippet: 'dangjian 专栏手记' }
        : title.startsWith('互助小组')
          ? { kind: 'brief' as const, snippet: `社区互助会成立${i}` }
          : {};
      feed.put({ ...a, id: `x${i}`, title, ...brief });
    }
    const dir = await tempDir();
    // The queries reach far: pages of hundreds, folds, several tiers.
    const probe = await SearchService.open(feed, dir);
    expect((await probe.search({ q: '党建', limit: 200 })).total).toBeGreaterThan(300);
    // A pinyin query's matches of each tier: the word in a title, spelt (in the pinyin's tier also
    // when the snippet holds the word), the word in a snippet.
    const hits = (await probe.search({ q: 'dangjian', limit: 1000 })).hits;
    const tierOf = (title: string): number[] => [
      ...new Set(hits.filter((h) => h.article.title.startsWith(title)).map((h) => h.score)),
    ];
    expect(tierOf('Dangjian')).toEqual([TIER.titlePhrase]);
    expect(tierOf('党建手记')).toEqual([TIER.titlePinyin]);
    expect(new Set(hits.map((h) => h.score))).toEqual(new Set([TIER.titlePhrase, TIER.titlePinyin]));
    await probe.close();
    await answersAsFullPass(feed, dir, QUERIES, () => {
      for (let i = 5; i < 2400; i += 9) feed.remove(`s${i}`);
      for (let i = 2401; i <= 2600; i++) feed.put(syntheticArticle(i));
    });
  });

  it('answers as the full pass when the docs were not numbered oldest first, in blocks of any size', async () => {
    const service = await SearchService.open(scrambledFeed(3000), await tempDir());
    const full = await pageAnswers(service, QUERIES, false);
    expect(await pageAnswers(service, QUERIES, true)).toEqual(full);
    // Blocks of one word (32 docs): a pass stops at the first block older than its cut.
    STREAM.blockWords = 1;
    expect(await pageAnswers(service, QUERIES, true)).toEqual(full);
    STREAM.batchMost = 5;
    expect(await pageAnswers(service, QUERIES, true)).toEqual(full);
    await service.close();
  });
});
