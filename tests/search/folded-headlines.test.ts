/**
 * Readable first and repeated headlines folded (#13), as a table of expected orders over pages
 * imported with the real importer (tests/fixtures/folded-headlines.ts): within a tier a full article,
 * then a teaser, then headlines only; the tiers still first; the headline-only entries of one title
 * (folded as search folds: Traditional, case) one row with every page that listed it; a headline
 * whose article can be read points at it; readable only; counts, totals and pages count rows. The
 * article list and the timeline's days fold alike.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import {
  articleDays,
  listArticles,
  searchArchive,
  type ArchiveSearch,
} from '../../src-main/archive/archive-queries.js';
import type { ListedArticle } from '../../src-main/archive/search/search-types.js';
import {
  BRIEF,
  FULL,
  NEWER,
  NEWEST,
  NEWEST_TRAD,
  NINGBO,
  TAIWAN_OWN,
  WENZHOU,
  writeFoldPages,
} from '../fixtures/folded-headlines.js';
import { tempDir } from '../helpers/tmp.js';

const row = (a: ListedArticle): string => `${a.kind}:${a.title}`;
const full = (t: string): string => `full:${t}`;
const brief = (t: string): string => `brief:${t}`;
const headline = (t: string): string => `headline:${t}`;

let core: ArchiveCore;
let pages: string;
beforeAll(async () => {
  const dir = await tempDir();
  pages = await writeFoldPages(join(dir, 'pages'));
  core = await ArchiveCore.open(join(dir, 'data'));
  const report = await core.importPaths([pages]);
  expect(report.files.imported).toBe(3);
});

describe('search: ranking and folding table', () => {
  const rows: { rule: string; request: ArchiveSearch; order: string[] }[] = [
    {
      rule: 'within one tier: full, teaser, then headline-only rows, newest first',
      request: { q: '城市更新' },
      order: [full(FULL), brief(BRIEF), headline(NEWEST), headline(NEWER), headline(FULL)],
    },
    {
      rule: 'tiers first: a headline with the phrase in its title before a full article with it in the body',
      request: { q: '焕发新活力' },
      order: [headline(NEWEST), full(FULL)],
    },
    {
      rule: 'newest ignores readability; a fold stands at its newest listing',
      request: { q: '城市更新', sort: 'newest' },
      order: [headline(NEWEST), headline(NEWER), full(FULL), brief(BRIEF), headline(FULL)],
    },
    {
      rule: 'oldest: a fold stands at its oldest listing (here the Traditional page)',
      request: { q: '城市更新', sort: 'oldest' },
      order: [headline(NEWEST_TRAD), headline(FULL), brief(BRIEF), full(FULL), headline(NEWER)],
    },
    {
      rule: 'readable only: no headline-only rows',
      request: { q: '城市更新', readable: true },
      order: [full(FULL), brief(BRIEF)],
    },
    {
      rule: 'headlines only (kind filter): still folded',
      request: { q: '城市更新', kinds: ['headline'] },
      order: [headline(NEWEST), headline(NEWER), headline(FULL)],
    },
    {
      rule: 'readable only with headlines only: nothing',
      request: { q: '城市更新', kinds: ['headline'], readable: true },
      order: [],
    },
    {
      rule: 'a Traditional query meets both spellings of the title, as one row',
      request: { q: '老街區煥發' },
      order: [headline(NEWEST), full(FULL)],
    },
    {
      rule: 'the date filter applies before folding',
      request: { q: '城市更新', from: '2022-09-14', to: '2022-09-16' },
      order: [headline(NEWEST), headline(NEWER)],
    },
    {
      rule: 'nothing typed: every row newest first, each fold once',
      request: { q: '', sort: 'newest' },
      order: [
        headline(NEWEST),
        headline(NEWER),
        full(WENZHOU),
        headline(NINGBO),
        full(FULL),
        brief(BRIEF),
        headline(FULL),
        full(TAIWAN_OWN),
      ],
    },
  ];

  it.each(rows)('$rule', async ({ request, order }) => {
    const r = await searchArchive(core, { limit: 50, ...request });
    expect(r.hits.map((h) => row(h.article))).toEqual(order);
    expect(r.total).toBe(order.length);
    const headlines = order.filter((o) => o.startsWith('headline:')).length;
    expect(r.counts).toEqual({ readable: order.length - headlines, headlines });
  });

  it('a folded row lists every page and time; a headline whose article can be read points at it', async () => {
    const r = await searchArchive(core, { q: '城市更新' });
    const byTitle = new Map(r.hits.map((h) => [row(h.article), h.article]));
    const short = (a: ListedArticle | undefined) =>
      a?.listings?.map((l) => `${l.source.split('/').pop()} ${l.publishedAt}`);
    expect(short(byTitle.get(headline(NEWEST)))).toEqual([
      'page1.txt 2022-09-16T10:00:00+08:00',
      'page3.txt 2022-09-10T08:00:00+08:00',
    ]);
    expect(short(byTitle.get(headline(NEWER)))).toEqual([
      'page1.txt 2022-09-15T09:00:00+08:00',
      'page2.txt 2022-09-14T09:00:00+08:00',
    ]);
    expect(byTitle.get(headline(FULL))?.readableId).toBe(byTitle.get(full(FULL))?.id);
    expect(short(byTitle.get(headline(FULL)))).toEqual([
      'page2.txt 2022-09-12T10:00:00+08:00',
      'page3.txt 2022-09-11T09:00:00+08:00',
    ]);
    expect(byTitle.get(headline(NEWEST))?.readableId).toBeUndefined();
    expect(byTitle.get(full(FULL))?.listings).toBeUndefined();
    // With a date filter, only the listings inside it.
    const dated = await searchArchive(core, { q: '城市更新', from: '2022-09-14', to: '2022-09-16' });
    expect(dated.hits.map((h) => h.article.listings?.length)).toEqual([1, 2]);
  });

  it('pages count rows: offset and limit walk the folded list without repeats', async () => {
    const all = await searchArchive(core, { q: '', sort: 'newest', limit: 50 });
    const walked: string[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const page = await searchArchive(core, { q: '', sort: 'newest', limit: 3, offset });
      expect(page.total).toBe(8);
      walked.push(...page.hits.map((h) => row(h.article)));
    }
    expect(walked).toEqual(all.hits.map((h) => row(h.article)));
    const second = await searchArchive(core, { q: '城市更新', limit: 2, offset: 2 });
    expect(second.hits.map((h) => row(h.article))).toEqual([headline(NEWEST), headline(NEWER)]);
  });
});

describe('the article list and the timeline fold alike', () => {
  it('lists each fold once, at its newest (or oldest) listing, with the counts by kind', () => {
    const newest = listArticles(core.catalog, { limit: 50 });
    expect(newest.articles.map(row)).toEqual([
      headline(NEWEST),
      headline(NEWER),
      full(WENZHOU),
      headline(NINGBO),
      full(FULL),
      brief(BRIEF),
      headline(FULL),
      full(TAIWAN_OWN),
    ]);
    expect(newest.total).toBe(8);
    expect(newest.counts).toEqual({ readable: 4, headlines: 4 });
    expect(newest.articles[0]!.listings).toHaveLength(2);
    expect(newest.articles[3]!.listings).toHaveLength(1);
    expect(newest.articles[6]!.readableId).toBe(newest.articles[4]!.id);

    const oldest = listArticles(core.catalog, { limit: 50, sort: 'oldest' });
    expect(oldest.articles.map(row)).toEqual([
      full(TAIWAN_OWN),
      headline(NEWEST_TRAD),
      headline(FULL),
      brief(BRIEF),
      full(FULL),
      headline(NINGBO),
      headline(NEWER),
      full(WENZHOU),
    ]);

    const readable = listArticles(core.catalog, { limit: 50, readable: true });
    expect(readable.articles.map(row)).toEqual([full(WENZHOU), full(FULL), brief(BRIEF), full(TAIWAN_OWN)]);
    expect(readable.counts).toEqual({ readable: 4, headlines: 0 });
    expect(listArticles(core.catalog, { offset: 2, limit: 2 }).articles.map(row)).toEqual([
      full(WENZHOU),
      headline(NINGBO),
    ]);
  });

  it("counts the list's rows per day, so a day's place in the list follows from them", () => {
    expect(articleDays(core.catalog)).toEqual([
      { day: '2022-09-16', count: 1 },
      { day: '2022-09-15', count: 1 },
      { day: '2022-09-14', count: 1 },
      { day: '2022-09-13', count: 3 },
      { day: '2022-09-12', count: 1 },
      { day: '2022-09-10', count: 1 },
    ]);
    expect(articleDays(core.catalog, { readable: true })).toEqual([
      { day: '2022-09-14', count: 1 },
      { day: '2022-09-13', count: 2 },
      { day: '2022-09-10', count: 1 },
    ]);
  });
});
