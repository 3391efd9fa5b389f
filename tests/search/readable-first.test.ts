/**
 * Readable first (#13): within one match tier a full article ranks before a teaser, and a teaser
 * before a headline only, whatever their times; the tiers themselves still come first. Expected
 * orders are written out, over pages imported with the real importer.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { tempDir } from '../helpers/tmp.js';

const FULL = '厦门推进城市更新 打造宜居“新样板”';
const BRIEF = '泉州城市更新项目集中开工 总投资超百亿';
const NEWER = '漳州城市更新提速 三年完成改造';
const NEWEST = '福州城市更新观察 老街区焕发新活力';

const PAGE = [
  [
    '今年以来，厦门把城市更新作为提升城市品质的重要抓手，老街区焕发新活力，一批老旧小区完成改造。',
    '打造宜居“新样板”',
    '在湖里区，改造后的街巷干净整洁，居民的获得感明显增强。相关负责人表示，下一步将继续完善长效机制。',
    '(本报记者 林晓)',
  ].join('\n'),
  `${BRIEF}近日，泉州市一批城市更新项目集中开工...`,
  `${BRIEF}\n2022-09-13 07:10:00`,
  `${FULL}\n2022-09-13 08:00:00`,
  `${NEWER}\n2022-09-15 09:00:00`,
  `${NEWEST}\n2022-09-16 10:00:00`,
  `宁波中秋消费市场活力涌动 销售额突破4000万元\n2022-09-13 08:22:57`,
].join('\n-\n');

describe('readable first: ranking table', () => {
  let search: SearchService;
  beforeAll(async () => {
    const dir = await tempDir();
    const pages = await tempDir();
    await writeFile(join(pages, 'page.txt'), PAGE);
    const catalog = await CatalogStore.open(dir);
    const report = await importPaths(catalog, [pages]);
    expect(report.files.imported).toBe(1);
    search = await SearchService.open(catalog, dir);
  });

  const rows: { rule: string; q: string; order: string[] }[] = [
    {
      rule: 'one tier (title phrase): full, then teaser, then headlines only, newest first among them',
      q: '城市更新',
      order: [FULL, BRIEF, NEWEST, NEWER],
    },
    {
      rule: 'tiers first: a headline with the phrase in its title before a full article with it in the body',
      q: '焕发新活力',
      order: [NEWEST, FULL],
    },
    {
      rule: 'newest, when asked, ignores readability',
      q: '城市更新 newest',
      order: [NEWEST, NEWER, FULL, BRIEF],
    },
  ];

  it.each(rows)('$rule', async ({ q, order }) => {
    const sort = q.endsWith(' newest') ? 'newest' : 'relevance';
    const r = await search.search({ q: q.replace(/ newest$/, ''), sort });
    expect(r.hits.map((h) => h.article.title)).toEqual(order);
    const kinds = r.hits.map((h) => h.article.kind);
    if (sort === 'relevance' && q === '城市更新')
      expect(kinds).toEqual(['full', 'brief', 'headline', 'headline']);
  });

  it('answers searches asked together as it answers them one at a time', async () => {
    // The service reuses one set of match arrays: a search waiting for its bodies must keep its own.
    const queries = ['城市更新', '焕发新活力', '中秋', '没有这个词'];
    const alone = [];
    for (const q of queries) alone.push(await search.search({ q }));
    const together = await Promise.all(queries.map((q) => search.search({ q })));
    const strip = (r: { hits: unknown[]; total: number; suggestions?: string[] }) => ({
      hits: r.hits,
      total: r.total,
      suggestions: r.suggestions,
    });
    expect(together.map(strip)).toEqual(alone.map(strip));
    expect(alone.map((r) => r.total)).toEqual([4, 2, 1, 0]);
  });
});
