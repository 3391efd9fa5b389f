/**
 * Recall and ranking table for issue 4: each behaviour is a row (query → expected first result),
 * over the seed imported with the real importer and over a small generated corpus.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { foldFast } from '../../src-main/archive/search/search-text.js';
import type { SearchHit } from '../../src-main/archive/search/search-types.js';
import { loadPinyin, matchPinyin, titlePinyin } from '../../src-main/archive/search/pinyin.js';
import { writeCorpus } from '../../bench/corpus.js';
import { exactTruth } from '../../bench/truth.js';
import { tempDir } from '../helpers/tmp.js';

const MAIN = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';
const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');

/** Every range must cut the returned string at a place that folds to part of the query. */
function expectRangesInside(text: string, ranges: [number, number][]): void {
  for (const [s, e] of ranges) {
    expect(s).toBeGreaterThanOrEqual(0);
    expect(e).toBeLessThanOrEqual(text.length);
    expect(e).toBeGreaterThan(s);
  }
}

describe('seed: recall and ranking table', () => {
  let search: SearchService;
  beforeAll(async () => {
    const dir = await tempDir();
    const catalog = await CatalogStore.open(dir);
    await importPaths(catalog, [SEEDS]);
    search = await SearchService.open(catalog, dir);
  });

  const rows: { behaviour: string; q: string; first: string; marked?: string }[] = [
    { behaviour: 'exact phrase in title', q: '党建', first: MAIN, marked: '党建' },
    { behaviour: 'longer phrase in title', q: '近邻党建', first: MAIN, marked: '近邻党建' },
    { behaviour: 'Traditional query', q: '黨建', first: MAIN, marked: '党建' },
    { behaviour: 'Traditional phrase', q: '近鄰黨建', first: MAIN, marked: '近邻党建' },
    { behaviour: 'full-width Latin', q: 'ＡＩ', first: '北京“高精尖”企业扎根AI、医药支柱产业', marked: 'AI' },
    { behaviour: 'lower-case Latin', q: 'ai', first: '北京“高精尖”企业扎根AI、医药支柱产业', marked: 'AI' },
    { behaviour: 'space inside a phrase', q: '近邻党建 主心骨', first: MAIN, marked: '近邻党建“主心骨' },
    {
      behaviour: 'punctuation inside a phrase',
      q: '近邻党建“主心骨”',
      first: MAIN,
      marked: '近邻党建“主心骨',
    },
    { behaviour: 'typo (one wrong character)', q: '近邻党律主心骨', first: MAIN },
    { behaviour: 'swapped terms', q: '主心骨 近邻党建', first: MAIN },
    { behaviour: 'pinyin, full', q: 'dangjian', first: MAIN, marked: '党建' },
    { behaviour: 'pinyin, full, longer', q: 'jinlindangjian', first: MAIN, marked: '近邻党建' },
    { behaviour: 'pinyin, initials', q: 'jldj', first: MAIN, marked: '近邻党建' },
    { behaviour: 'pinyin with spaces', q: 'jin lin dang jian', first: MAIN, marked: '近邻党建' },
    {
      behaviour: 'pinyin being typed (last syllable cut)',
      q: 'jinlindangj',
      first: MAIN,
      marked: '近邻党建',
    },
    {
      behaviour: 'ties by recency (07:39 before 07:37)',
      q: '月饼',
      first: '中秋节没卖完的月饼,都这样处理了',
    },
    { behaviour: 'teaser title', q: '交通安全', first: '东莞整治各类交通违法 进一步筑牢交通安全防线' },
    { behaviour: 'body-only phrase', q: '邻里警察', first: MAIN },
    { behaviour: 'label split off, title found', q: '中成药集采', first: '中成药集采谁将受益' },
  ];

  it.each(rows)('$behaviour: $q', async ({ q, first, marked }) => {
    const r = await search.search({ q });
    expect(r.hits[0]?.article.title).toBe(first);
    const hit = r.hits[0]!;
    expectRangesInside(hit.article.title, hit.titleRanges);
    if (marked) expect(hit.titleRanges.map(([s, e]) => hit.article.title.slice(s, e))).toContain(marked);
  });

  it('gives a ~80-character context around the best body match, ranges into the returned text', async () => {
    const r = await search.search({ q: '邻里警察' });
    const ctx = r.hits[0]!.context!;
    expect(ctx.text.length).toBeGreaterThan(40);
    expect(ctx.text.length).toBeLessThanOrEqual(84);
    expect(ctx.ranges.map(([s, e]) => ctx.text.slice(s, e))).toEqual(['邻里警察']);
  });

  it('prefers the exact phrase for the context when the query has spaces', async () => {
    const ctx = (await search.search({ q: '近邻党建 主心骨' })).hits[0]!.context!;
    expect(ctx.ranges.map(([s, e]) => ctx.text.slice(s, e))).toContain('近邻党建“主心骨');
  });

  it('lists the newest articles for an empty query', async () => {
    const r = await search.search({ q: '', limit: 3 });
    expect(r.total).toBe(35);
    expect(r.hits.map((h) => h.article.publishedAt)).toEqual([
      '2022-09-13T08:49:19+08:00',
      '2022-09-13T08:47:29+08:00',
      '2022-09-13T08:44:56+08:00',
    ]);
    const oldest = await search.search({ q: '', limit: 1, sort: 'oldest' });
    expect(oldest.hits[0]!.article.publishedAt).toBe('2022-09-09T08:10:30+08:00');
  });

  it('says so and suggests close titles when nothing matches', async () => {
    const none = await search.search({ q: '量子计算机芯片' });
    expect(none.total).toBe(0);
    expect(none.hits).toEqual([]);
    const near = await search.search({ q: '党建大会召开' });
    if (near.total === 0) expect(near.suggestions).toContain(MAIN);
    else expect(near.hits[0]!.article.title).toBe(MAIN);
  });

  it('filters by kind, date range, source and ids, and sorts', async () => {
    const full = await search.search({ q: '党建', kinds: ['full'] });
    expect(full.hits.map((h) => h.article.kind)).toEqual(['full']);
    expect((await search.search({ q: '党建', kinds: ['headline'] })).total).toBe(0);
    expect((await search.search({ q: '', from: '2022-09-09', to: '2022-09-09' })).total).toBe(5);
    expect(
      (await search.search({ q: '质量', to: '2022-09-09' })).hits.every((h) =>
        h.article.publishedAt!.startsWith('2022-09-09'),
      ),
    ).toBe(true);
    expect((await search.search({ q: '党建', from: '2022-09-14' })).total).toBe(0);
    const source = full.hits[0]!.article.sources[0]!;
    expect((await search.search({ q: '党建', source })).total).toBe(1);
    expect((await search.search({ q: '党建', source: '/nowhere.txt' })).total).toBe(0);
    const ids = (await search.search({ q: '月饼' })).hits.map((h) => h.article.id);
    expect((await search.search({ q: '月饼', onlyIds: [ids[1]!] })).hits.map((h) => h.article.id)).toEqual([
      ids[1],
    ]);
    const oldest = await search.search({ q: '月饼', sort: 'oldest' });
    expect(oldest.hits.map((h) => h.article.id)).toEqual([ids[1], ids[0]]);
  });

  it('pages with limit and offset', async () => {
    const all = await search.search({ q: '', limit: 100 });
    const page = await search.search({ q: '', limit: 10, offset: 10 });
    expect(page.hits.map((h) => h.article.id)).toEqual(all.hits.slice(10, 20).map((h) => h.article.id));
  });
});

describe('ranking tiers: title, then snippet, then body, then fuzzy; ties by recency', () => {
  let search: SearchService;
  let catalog: CatalogStore;
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    catalog = await CatalogStore.open(dir);
    const put = async (
      id: string,
      title: string,
      time: string,
      snippet: string,
      body: string[],
    ): Promise<void> => {
      const sha = id.padEnd(16, '0');
      await catalog.putBodies(sha, {
        [id]: { blocks: body.map((text) => ({ type: 'paragraph' as const, text })) },
      });
      catalog.putArticle({
        id,
        title,
        kind: 'full',
        publishedAt: `2023-01-${time}T08:00:00+08:00`,
        snippet,
        sources: [`/src/${id}.txt`],
        bodyRef: sha,
      });
    };
    await put('aa01', '山区茶叶丰收 茶农增收', '01', '茶园里一片忙碌。', ['茶叶价格稳定,收购有序。']);
    await put('aa02', '乡村振兴新气象', '05', '山区茶叶丰收,收购商纷至沓来。', ['村里修了路。']);
    await put('aa03', '县里召开经济工作会议', '09', '会议总结全年工作。', [
      '会上提到山区茶叶丰收带动了就业。',
    ]);
    await put('aa04', '秋季旅游火热', '10', '游客增多。', ['山区茶业丰收节吸引游客。']);
    await put('aa05', '另一篇山区茶叶丰收报道', '03', '旧闻。', ['山区茶叶丰收。']);
    await catalog.flush();
    search = await SearchService.open(catalog, dir);
  });

  it('orders title > snippet > body > fuzzy, newer first inside a tier', async () => {
    const r = await search.search({ q: '山区茶叶丰收' });
    expect(r.hits.map((h) => h.article.id)).toEqual(['aa05', 'aa01', 'aa02', 'aa03', 'aa04']);
    expect(r.total).toBe(5);
  });

  it('orders a one-word query the same way (title and snippet told from postings alone)', async () => {
    const r = await search.search({ q: '丰收' });
    expect(r.hits.map((h) => h.article.id)).toEqual(['aa05', 'aa01', 'aa02', 'aa04', 'aa03']);
  });

  it('sorts newest and oldest on request', async () => {
    expect((await search.search({ q: '山区茶叶丰收', sort: 'newest' })).hits[0]!.article.id).toBe('aa04');
    expect((await search.search({ q: '山区茶叶丰收', sort: 'oldest' })).hits[0]!.article.id).toBe('aa01');
  });

  it('highlights Traditional text in its original characters', async () => {
    await catalog.putBodies('bb01000000000000', {
      bb01: { blocks: [{ type: 'paragraph', text: '這是一篇關於近鄰黨建的報道。' }] },
    });
    catalog.putArticle({
      id: 'bb01',
      title: '臺灣鄉親參與近鄰黨建',
      kind: 'full',
      publishedAt: '2023-02-01T08:00:00+08:00',
      sources: ['/src/bb01.txt'],
      bodyRef: 'bb01000000000000',
    });
    // The index reads committed changes only (as an import commits its batches before it refreshes).
    await catalog.flush();
    await search.refresh();
    const hit = (await search.search({ q: '近邻党建' })).hits[0]!;
    expect(hit.article.id).toBe('bb01');
    expect(hit.titleRanges.map(([s, e]) => hit.article.title.slice(s, e))).toEqual(['近鄰黨建']);
    expect(hit.context!.ranges.map(([s, e]) => hit.context!.text.slice(s, e))).toEqual(['近鄰黨建']);
  });

  it('persists the index in its own file and reopens it without rebuilding', async () => {
    await catalog.flush();
    const { existsSync } = await import('node:fs');
    const seq = search.index.seq;
    const told: unknown[] = [];
    const again = await SearchService.open(await CatalogStore.open(dir), dir, {
      onProgress: (p) => told.push(p),
    });
    expect(existsSync(join(dir, 'search', 'index.db'))).toBe(true);
    // Nothing indexed again: no progress, the same change number.
    expect(told).toEqual([]);
    expect(again.index.seq).toBe(seq);
    expect((await again.search({ q: '近邻党建' })).hits[0]!.article.id).toBe('bb01');
    expect(again.size).toBe(6);
  });

  it('drops deleted articles on refresh', async () => {
    catalog.deleteArticle('aa05');
    await catalog.flush();
    await search.refresh();
    expect(search.size).toBe(5);
    expect((await search.search({ q: '山区茶叶丰收' })).hits.map((h) => h.article.id)).not.toContain('aa05');
  });

  it('searches notes and quotes with the same folding', async () => {
    const hits = await search.searchNotes('黨建', [
      { id: 'n1', articleId: 'aa01', text: '记一笔:近邻党建做得好' },
      { id: 'n2', articleId: 'aa02', text: '无关的笔记' },
    ]);
    expect(hits.map((h) => h.id)).toEqual(['n1']);
    const [s, e] = hits[0]!.context.ranges[0]!;
    expect(hits[0]!.context.text.slice(s, e)).toBe('党建');
  });
});

describe('generated corpus (bench generator, real importer)', () => {
  let search: SearchService;
  let catalog: CatalogStore;
  beforeAll(async () => {
    const dir = await tempDir();
    await writeCorpus(join(dir, 'corpus'), 40);
    catalog = await CatalogStore.open(join(dir, 'data'));
    await importPaths(catalog, [join(dir, 'corpus')]);
    search = await SearchService.open(catalog, join(dir, 'data'));
  }, 60_000);

  it('finds every exact-substring match (recall 1.0)', async () => {
    const truths = await exactTruth(catalog, ['党建', '邻里警察', '主心骨', '月饼']);
    for (const [q, truth] of truths) {
      const got = new Set(await search.searchIds({ q }));
      expect(truth.length).toBeGreaterThan(0);
      expect(truth.filter((id) => !got.has(id))).toEqual([]);
    }
  });

  it('finds by pinyin exactly the titles whose pinyin matches (no title missed by the trigram postings)', async () => {
    await loadPinyin();
    const articles = [...catalog.storedArticles()];
    for (const letters of ['dangjian', 'jinlindangjian', 'jldj', 'jiedao', 'shequ', 'sq', 'dj']) {
      const truth = articles.filter((a) => matchPinyin(titlePinyin(a.title), letters)).map((a) => a.id);
      expect(truth.length, letters).toBeGreaterThan(0);
      expect(new Set(await search.searchIds({ q: letters })), letters).toEqual(new Set(truth));
    }
  });

  it('ranks a full title first, in Simplified, Traditional and with a typo', async () => {
    const fulls = [...catalog.storedArticles()].filter((a) => a.kind === 'full').slice(0, 5);
    expect(fulls.length).toBeGreaterThan(0);
    const isFirst = (hits: SearchHit[], title: string): boolean =>
      foldFast(hits[0]!.article.title) === foldFast(title);
    for (const a of fulls) {
      const simplified = foldFast(a.title);
      expect(isFirst((await search.search({ q: simplified })).hits, a.title)).toBe(true);
      const chars = [...simplified.replace(/\s+/g, '')];
      const typo = chars.map((c, i) => (i === 3 ? '鑫' : c)).join('');
      const r = await search.search({ q: typo });
      expect(r.hits.slice(0, 3).some((h) => foldFast(h.article.title) === simplified)).toBe(true);
    }
  });
});
