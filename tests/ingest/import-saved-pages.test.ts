/**
 * The whole import of saved pages, through the parse worker, into a real catalog on disk: a folder of
 * a WARC (gzip), a WACZ, an MHTML file, a SingleFile page and a "Save page as, complete" folder, plus
 * broken files (a truncated gzip, a zip bomb, binary bytes named .html, an HTML file over the size
 * limit), each imported or rejected with its reason and none stopping the rest. Articles carry their
 * format, url, capture time, pictures (in body records, with media files on disk) and originals.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths, removeSource } from '../../src-main/archive/ingest/import-files.js';
import { ParsePool, type ParseOutcome } from '../../src-main/archive/ingest/parse-pool.js';
import type { SavedJob } from '../../src-main/archive/ingest/formats/read-saved.js';
import type { ParsedArticle } from '../../src-main/archive/ingest/parsed-page.js';
import { articleId } from '../../src-main/archive/ingest/article-id.js';
import type { ImportReport } from '../../src-main/archive/model.js';
import { BODY, mhtmlFile, newsHtml, png, warcFile, zipFile } from '../helpers/saved-pages.js';

let dir: string;
let pages: string;
let data: string;
let catalog: CatalogStore;
let report: ImportReport;

const WARC_URL = 'https://www.news.cn/politics/20240305/a.htm';
const TITLES = {
  warc: '全国人大二次会议在京开幕',
  second: '政府工作报告提出今年发展主要预期目标',
  wacz: '澎湃新闻：一座城市的早高峰观察',
  mhtml: '网易新闻：春耕时节田间地头忙',
  singleFile: '凤凰网：博物馆里的新春文化活动',
  complete: '女儿出嫁，郑板桥画了几笔兰花当嫁妆',
  undated: '一篇没有印出发布时间的报道标题',
};

function page(title: string, time: string | undefined, image?: string): string {
  return newsHtml({
    title,
    ...(time ? { time } : {}),
    paragraphs: BODY,
    ...(image ? { images: [{ src: image, caption: `${title}配图` }] } : {}),
  });
}

async function put(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(pages, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, bytes);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yuelan-saved-'));
  pages = join(dir, 'pages');
  data = join(dir, 'data');
  const warc = warcFile(
    [
      {
        type: 'response',
        uri: WARC_URL,
        date: '2024-03-06T01:00:00Z',
        contentType: 'text/html; charset=utf-8',
        payload: page(TITLES.warc, '2024-03-05 09:30', 'pic1.png'),
      },
      {
        type: 'response',
        uri: 'https://www.news.cn/politics/20240305/pic1.png',
        contentType: 'image/png',
        payload: png(1),
      },
      { type: 'revisit', uri: WARC_URL, date: '2024-03-07T01:00:00Z', contentType: 'text/html' },
      {
        type: 'response',
        uri: 'https://www.news.cn/b.htm',
        date: '2024-03-06T01:00:02Z',
        contentType: 'text/html',
        payload: page(TITLES.second, '2024-03-05'),
      },
    ],
    { gzip: true },
  );
  await put('archive/news.warc.gz', warc);
  await put('archive/cut.warc.gz', warc.subarray(0, warc.length - 300));
  const waczWarc = warcFile(
    [
      {
        type: 'response',
        uri: 'https://www.thepaper.cn/1',
        contentType: 'text/html',
        payload: page(TITLES.wacz, '2024-03-04 07:00', 'p.png'),
      },
      { type: 'response', uri: 'https://www.thepaper.cn/p.png', contentType: 'image/png', payload: png(2) },
    ],
    { gzip: true },
  );
  await put(
    'archive/paper.wacz',
    zipFile([
      {
        name: 'pages/pages.jsonl',
        data: Buffer.from(`{"format":"json-pages-1.0"}\n{"url":"https://www.thepaper.cn/1"}\n`),
      },
      { name: 'archive/data.warc.gz', data: waczWarc },
    ]),
  );
  await put(
    'archive/bomb.wacz',
    zipFile([{ name: 'archive/x.warc', data: Buffer.alloc(20 * 1024 * 1024), deflate: true }]),
  );
  const url = 'https://news.163.com/24/0305/a.html';
  await put(
    'mht/spring.mhtml',
    mhtmlFile(
      [
        {
          contentType: 'text/html; charset=utf-8',
          location: url,
          encoding: 'quoted-printable',
          body: Buffer.from(page(TITLES.mhtml, '2024-03-05 08:00', 'm.png')),
        },
        {
          contentType: 'image/png',
          location: 'https://news.163.com/24/0305/m.png',
          encoding: 'base64',
          body: png(3),
        },
      ],
      { url },
    ),
  );
  await put(
    'singlefile.html',
    page(TITLES.singleFile, '2024-02-10 10:00', `data:image/png;base64,${png(4).toString('base64')}`),
  );
  await put('complete/story_files/pic.png', png(5));
  await put('complete/story_files/frame.html', page('框架页面里的另一篇文章标题', '2024-01-01 00:00'));
  await put('complete/story.html', page(TITLES.complete, '2019年06月15日08:18', 'story_files/pic.png'));
  await put('undated.htm', page(TITLES.undated, undefined));
  await put('broken/binary.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0, 0xff, 0xfe, 0, 7]));
  await put('broken/huge.html', Buffer.alloc(50 * 1024 * 1024 + 1, 0x61));
  catalog = await CatalogStore.open(data);
  report = await importPaths(catalog, [pages]);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importing a folder of saved pages', () => {
  it('imports every format and rejects the broken files with their reasons', () => {
    expect(report.files).toEqual({ imported: 7, unchanged: 0, duplicate: 0, rejected: 3 });
    const reasons = Object.fromEntries(
      report.rejected.map((r) => [r.path.slice(pages.length + 1), r.reason.code]),
    );
    expect(reasons).toEqual({
      'archive/bomb.wacz': 'tooLarge',
      'broken/binary.html': 'binary',
      'broken/huge.html': 'tooLarge',
    });
    expect(report.partial?.map((p) => [p.path.slice(pages.length + 1), p.reason.code])).toEqual([
      ['archive/cut.warc.gz', 'truncated'],
    ]);
    expect(report.formats).toEqual({
      warc: { files: 2, articles: 3 },
      wacz: { files: 1, articles: 1 },
      mhtml: { files: 1, articles: 1 },
      html: { files: 3, articles: 3 },
    });
  });

  it('keeps each article with its format, url, capture time and published time', () => {
    const byTitle = new Map(catalog.listArticles().map((a) => [a.title, a]));
    expect([...byTitle.keys()].sort()).toEqual(Object.values(TITLES).sort());
    const warc = byTitle.get(TITLES.warc)!;
    expect(warc).toMatchObject({
      kind: 'full',
      format: 'warc',
      url: WARC_URL,
      capturedAt: '2024-03-06T01:00:00Z',
      publishedAt: '2024-03-05T09:30+08:00',
      publishedPrecision: 'minute',
    });
    expect(warc.id).toBe(articleId(TITLES.warc, '2024-03-05T09:30+08:00'));
    expect(byTitle.get(TITLES.second)).toMatchObject({
      publishedAt: '2024-03-05',
      publishedPrecision: 'day',
    });
    // The same page from the whole and the cut archive is one article listing both files.
    expect(warc.sources.map((s) => s.slice(pages.length + 1)).sort()).toEqual([
      'archive/cut.warc.gz',
      'archive/news.warc.gz',
    ]);
    expect(byTitle.get(TITLES.wacz)).toMatchObject({ format: 'wacz', url: 'https://www.thepaper.cn/1' });
    expect(byTitle.get(TITLES.mhtml)).toMatchObject({
      format: 'mhtml',
      url: 'https://news.163.com/24/0305/a.html',
    });
    expect(byTitle.get(TITLES.complete)).toMatchObject({
      format: 'html',
      publishedAt: '2019-06-15T08:18+08:00',
    });
    for (const a of byTitle.values()) expect(a.original).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps pictures in the body records, each held one in the media store with its size', async () => {
    const media = new Set(await readdir(join(data, 'media')));
    for (const title of [TITLES.warc, TITLES.wacz, TITLES.mhtml, TITLES.singleFile, TITLES.complete]) {
      const meta = catalog.listArticles().find((a) => a.title === title)!;
      expect(meta).not.toHaveProperty('images');
      const article = await (await CatalogStore.open(data)).getArticle(meta.id);
      const held = article!.images!.filter((im) => im.media);
      expect(held, title).toHaveLength(1);
      expect(media.has(held[0]!.media!)).toBe(true);
      // Its own size, read from the picture (the pages state none): the reader reserves its room.
      expect(held[0]).toMatchObject({ width: 2, height: 2 });
      const figure = article!.blocks!.find((b) => b.type === 'figure');
      expect(figure?.image).toBe(article!.images!.indexOf(held[0]!));
    }
    expect(media.size).toBe(5);
  });

  it('records the container facts on each source', () => {
    const source = (name: string) => catalog.getSource(join(pages, name))!;
    expect(source('archive/news.warc.gz')).toMatchObject({
      status: 'imported',
      format: 'warc',
      pages: { total: 2, rejected: 0 },
    });
    expect(source('archive/news.warc.gz').reason).toBeUndefined();
    expect(source('archive/cut.warc.gz')).toMatchObject({
      status: 'imported',
      reason: { code: 'truncated' },
      pages: { total: 1, rejected: 0 },
    });
    expect(source('mht/spring.mhtml')).toMatchObject({ format: 'mhtml', encoding: 'utf-8' });
    expect(catalog.getSource(join(pages, 'complete/story_files/frame.html'))).toBeUndefined();
  });

  it('imports a low-confidence page but lists it on its source and in the report', () => {
    const path = join(pages, 'undated.htm');
    expect(report.lowConfidence).toEqual([{ path, title: TITLES.undated, warnings: ['noTime'] }]);
    expect(catalog.getSource(path)!.lowConfidence).toEqual([{ title: TITLES.undated, warnings: ['noTime'] }]);
  });

  it('a second import reads nothing again; removing the whole archive keeps the cut one', async () => {
    const again = await importPaths(catalog, [pages]);
    expect(again.files).toEqual({ imported: 0, unchanged: 7, duplicate: 0, rejected: 3 });
    expect(await removeSource(catalog, join(pages, 'archive/news.warc.gz'))).toBe(true);
    const titles = catalog.listArticles().map((a) => a.title);
    expect(titles).toContain(TITLES.warc);
    expect(titles).not.toContain(TITLES.second);
    const warc = await catalog.getArticle(articleId(TITLES.warc, '2024-03-05T09:30+08:00'));
    expect(warc!.blocks!.length).toBeGreaterThan(0);
    expect(warc!.images!.some((im) => im.media)).toBe(true);
  });
});

describe('a web archive of many pages', () => {
  it('hands its articles over in batches, their bodies written as it is read: 300 pages, 300 articles', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'yuelan-many-'));
    try {
      const records = Array.from({ length: 300 }, (_, n) => ({
        type: 'response' as const,
        uri: `https://www.news.cn/p${n}.htm`,
        contentType: 'text/html; charset=utf-8',
        payload: page(
          `第${n + 1}篇：多页网页归档里的一篇报道`,
          `2024-03-${String(1 + (n % 28)).padStart(2, '0')} 09:30`,
        ),
      }));
      await writeFile(join(folder, 'many.warc'), warcFile(records));
      const store = await CatalogStore.open(join(folder, 'data'));
      const result = await importPaths(store, [folder]);
      expect(result.formats).toEqual({ warc: { files: 1, articles: 300 } });
      expect(store.getSource(join(folder, 'many.warc'))!.pages).toEqual({ total: 300, rejected: 0 });
      const reopened = await CatalogStore.open(join(folder, 'data'));
      for (const n of [1, 150, 257, 300]) {
        const meta = reopened.listArticles().find((a) => a.title.startsWith(`第${n}篇`))!;
        expect((await reopened.getArticle(meta.id))!.blocks!.length, `page ${n}`).toBeGreaterThan(0);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

/** A pool whose worker sends two pages of an archive and then stops, as on a page that hangs. */
class StoppingPool extends ParsePool {
  override parseSaved(
    _job: SavedJob,
    onArticles?: (articles: ParsedArticle[]) => void,
  ): Promise<ParseOutcome> {
    const article = (n: number): ParsedArticle => ({
      title: `停下之前的第${n}篇报道`,
      kind: 'full',
      publishedAt: `2024-03-0${n}T09:30+08:00`,
      blocks: [{ type: 'paragraph', text: BODY[0]! }],
      format: 'warc',
      page: n,
    });
    onArticles?.([article(1), article(2)]);
    return Promise.resolve({ ok: false, reason: 'could not parse: stopped after 60 s' });
  }
}

describe('a web archive whose worker stops part-way', () => {
  it('keeps the pages it sent before, marked with why the rest is missing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'yuelan-stop-'));
    try {
      const path = join(folder, 'stops.warc');
      await writeFile(
        path,
        warcFile([{ type: 'response', uri: 'https://a.cn/', contentType: 'text/html', payload: 'x' }]),
      );
      const store = await CatalogStore.open(join(folder, 'data'));
      const result = await importPaths(store, [path], { parser: new StoppingPool() });
      expect(result.files.imported).toBe(1);
      expect(result.partial).toEqual([{ path, reason: { code: 'parse', detail: 'stopped after 60 s' } }]);
      expect(store.getSource(path)).toMatchObject({
        pages: { total: 3, rejected: 1 },
        reason: { code: 'parse' },
      });
      const titles = store
        .listArticles()
        .map((a) => a.title)
        .sort();
      expect(titles).toEqual(['停下之前的第1篇报道', '停下之前的第2篇报道']);
      const first = store.listArticles().find((a) => a.title === titles[0])!;
      expect((await store.getArticle(first.id))!.blocks).toEqual([{ type: 'paragraph', text: BODY[0] }]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
