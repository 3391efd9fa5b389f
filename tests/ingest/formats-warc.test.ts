/**
 * WARC and WACZ files written here, read by the container modules (formats/warc.ts, wacz.ts,
 * read-saved.ts) as the parse worker reads them: pages with their pictures from the same archive,
 * revisits and repeated captures folded, capture times kept apart from published times, plain and
 * gzip, and the broken shapes (a truncated gzip, a Content-Length that lies, a zip bomb).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSaved } from '../../src-main/archive/ingest/formats/read-saved.js';
import { readHead, sniffFormat } from '../../src-main/archive/ingest/formats/sniff.js';
import { fileSource, indexWarc } from '../../src-main/archive/ingest/formats/warc.js';
import {
  BODY,
  encodeGbk,
  newsHtml,
  png,
  warcFile,
  zipFile,
  type WarcRecordSpec,
} from '../helpers/saved-pages.js';

let dir: string;
let data: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yuelan-warc-'));
  data = join(dir, 'data');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PAGE_URL = 'https://www.news.cn/politics/20240305/a.htm';
const PIC_URL = 'https://www.news.cn/politics/20240305/pic1.png';

function records(): WarcRecordSpec[] {
  const html = newsHtml({
    title: '全国人大二次会议在京开幕',
    time: '2024-03-05 09:30',
    paragraphs: BODY,
    images: [{ src: 'pic1.png', caption: '会场一景' }],
  });
  return [
    {
      type: 'request',
      uri: PAGE_URL,
      payload: 'GET /politics/20240305/a.htm HTTP/1.1\r\nHost: www.news.cn\r\n\r\n',
    },
    {
      type: 'response',
      uri: PAGE_URL,
      date: '2024-03-06T01:00:00Z',
      contentType: 'text/html; charset=utf-8',
      payload: html,
    },
    {
      type: 'response',
      uri: PIC_URL,
      date: '2024-03-06T01:00:01Z',
      contentType: 'image/png',
      payload: png(1),
    },
    { type: 'revisit', uri: PAGE_URL, date: '2024-03-07T01:00:00Z', contentType: 'text/html' },
    {
      type: 'response',
      uri: 'https://www.news.cn/missing.htm',
      status: 404,
      contentType: 'text/html',
      payload: 'x',
    },
  ];
}

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('WARC', () => {
  for (const gzip of [false, true]) {
    it(`reads a ${gzip ? 'gzip' : 'plain'} WARC: one page, its picture from the archive, the revisit folded`, async () => {
      const path = await write(gzip ? 'a.warc.gz' : 'a.warc', warcFile(records(), { gzip }));
      expect(sniffFormat(await readHead(path), 'x.bin')).toEqual(
        gzip ? { format: 'warc', gzip: true } : { format: 'warc' },
      );
      const out = await readSaved({ path, format: 'warc', dataDir: data });
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      expect(out.page.pages).toEqual({ total: 1, rejected: 0 });
      expect(out.page.partial).toBeUndefined();
      const [a] = out.page.articles;
      expect(a).toMatchObject({
        title: '全国人大二次会议在京开幕',
        kind: 'full',
        format: 'warc',
        url: PAGE_URL,
        capturedAt: '2024-03-06T01:00:00Z',
        publishedAt: '2024-03-05T09:30+08:00',
        page: 0,
      });
      expect(a!.blocks!.some((b) => BODY.includes(b.text))).toBe(true);
      const media = a!.images?.find((im) => im.media)?.media;
      expect(media).toMatch(/^[0-9a-f]{64}\.png$/);
      expect(await readdir(join(data, 'media'))).toContain(media);
    });
  }

  it('repeated captures of one URL fold into the latest', async () => {
    const recs = records();
    const later = {
      ...recs[1]!,
      date: '2024-03-08T00:00:00Z',
      payload: newsHtml({
        title: '全国人大二次会议在京开幕（更新）',
        time: '2024-03-05 09:30',
        paragraphs: BODY,
      }),
    };
    const path = await write('b.warc', warcFile([...recs, later]));
    const out = await readSaved({ path, format: 'warc', dataDir: data });
    expect(out.ok && out.page.articles.map((a) => a.title)).toEqual(['全国人大二次会议在京开幕（更新）']);
  });

  it('a truncated gzip WARC gives the pages before the cut, marked truncated', async () => {
    const second = newsHtml({ title: '第二篇报道的标题在这里', time: '2024-03-05 10:00', paragraphs: BODY });
    const bytes = warcFile(
      [
        ...records(),
        { type: 'response', uri: 'https://www.news.cn/b.htm', contentType: 'text/html', payload: second },
      ],
      { gzip: true },
    );
    const path = await write('cut.warc.gz', bytes.subarray(0, bytes.length - 200));
    const out = await readSaved({ path, format: 'warc', dataDir: data });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.page.articles.map((a) => a.title)).toEqual(['全国人大二次会议在京开幕']);
    expect(out.page.partial?.code).toBe('truncated');
  });

  it('a record whose Content-Length lies ends the reading there, with the reason', async () => {
    const recs = records();
    const bad: WarcRecordSpec = {
      type: 'resource',
      uri: 'https://www.news.cn/x.txt',
      contentType: 'text/plain',
      payload: 'abc',
      lieLength: 1,
    };
    const path = await write('lie.warc', warcFile([...recs, bad, recs[2]!]));
    const index = await indexWarc(fileSource(path));
    expect(index.truncated).toMatch(/Content-Length/);
    const out = await readSaved({ path, format: 'warc', dataDir: data });
    expect(out.ok && out.page.partial?.code).toBe('truncated');
    expect(out.ok && out.page.articles).toHaveLength(1);

    const long: WarcRecordSpec = { ...bad, lieLength: 1_000_000 };
    const path2 = await write('long.warc', warcFile([...recs, long]));
    const out2 = await readSaved({ path: path2, format: 'warc', dataDir: data });
    expect(out2.ok && out2.page.partial?.detail).toMatch(/ends before its Content-Length/);
  });

  it('a request record without header lines (as browsertrix writes them) does not derail the index', async () => {
    const bare: WarcRecordSpec = {
      type: 'request',
      uri: PIC_URL,
      payload: 'GET /politics/20240305/pic1.png\r\n\r\n',
    };
    const recs = records();
    const path = await write('bare.warc.gz', warcFile([bare, ...recs], { gzip: true }));
    const index = await indexWarc(fileSource(path));
    expect(index.truncated).toBeUndefined();
    expect(index.captures.map((c) => c.url)).toEqual([PAGE_URL, PIC_URL]);
  });

  it("decodes a page by its HTTP header's charset when the page declares none", async () => {
    const html = newsHtml({
      title: '广东省级报纸的电子版报道',
      time: '2024-03-05 09:30',
      paragraphs: BODY,
      charset: '',
    });
    const path = await write(
      'gbk.warc',
      warcFile([
        {
          type: 'response',
          uri: 'https://epaper.example.cn/a.htm',
          contentType: 'text/html; charset=GBK',
          payload: encodeGbk(html),
        },
      ]),
    );
    const out = await readSaved({ path, format: 'warc', dataDir: data });
    expect(out.ok && out.page.articles[0]!.title).toBe('广东省级报纸的电子版报道');
    expect(out.ok && out.encoding).toMatch(/gbk|gb18030/);
  });

  it('a WARC without an HTML page is rejected as no article', async () => {
    const path = await write('pics.warc', warcFile([records()[2]!]));
    const out = await readSaved({ path, format: 'warc', dataDir: data });
    expect(out).toEqual({ ok: false, reason: 'not an article: the archive holds no HTML page' });
  });
});

describe('WACZ', () => {
  function wacz(extra: { name: string; data: Uint8Array; deflate?: boolean }[] = [], gzip = true): Buffer {
    const pages = [
      JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }),
      JSON.stringify({ id: '1', url: PAGE_URL, ts: '2024-03-06T01:00:00Z', title: 'x' }),
    ].join('\n');
    return zipFile([
      { name: 'datapackage.json', data: Buffer.from('{"profile":"data-package"}') },
      { name: 'pages/pages.jsonl', data: Buffer.from(pages), deflate: true },
      {
        name: `archive/data.warc${gzip ? '.gz' : ''}`,
        data: warcFile(
          [
            ...records(),
            // An HTML record the pages list does not name (a frame): not a page.
            {
              type: 'response',
              uri: 'https://ads.example/frame.html',
              contentType: 'text/html',
              payload: newsHtml({ title: '广告框架页面标题', paragraphs: BODY }),
            },
          ],
          { gzip },
        ),
      },
      ...extra,
    ]);
  }

  it('reads the pages its pages.jsonl lists, with their pictures', async () => {
    const path = await write('a.wacz', wacz());
    expect(sniffFormat(await readHead(path), 'a.bin').format).toBe('wacz');
    const out = await readSaved({ path, format: 'wacz', dataDir: data });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.page.articles.map((a) => [a.title, a.format, a.url])).toEqual([
      ['全国人大二次会议在京开幕', 'wacz', PAGE_URL],
    ]);
    expect(out.page.articles[0]!.images?.some((im) => im.media)).toBe(true);
  });

  it('matches its page list by URL as parsed, and a list naming none of its pages lists nothing', async () => {
    const warc = warcFile(records(), { gzip: true });
    const listing = (url: string): Buffer => Buffer.from(`{"format":"json-pages-1.0"}\n{"url":"${url}"}\n`);
    for (const [name, url] of [
      ['case.wacz', 'https://WWW.NEWS.CN/politics/20240305/a.htm#top'],
      ['other.wacz', 'https://elsewhere.example/'],
    ] as const) {
      const path = await write(
        name,
        zipFile([
          { name: 'pages/pages.jsonl', data: listing(url) },
          { name: 'archive/a.warc.gz', data: warc },
        ]),
      );
      const out = await readSaved({ path, format: 'wacz', dataDir: data });
      expect(out.ok && out.page.articles.map((a) => a.url), name).toEqual([PAGE_URL]);
    }
  });

  it('reads a deflated WARC entry too', async () => {
    const bytes = wacz([], false);
    const path = await write('d.wacz', bytes);
    const out = await readSaved({ path, format: 'wacz', dataDir: data });
    expect(out.ok && out.page.articles).toHaveLength(1);
  });

  it('refuses a zip shaped like a bomb before inflating it', async () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const path = await write('bomb.wacz', zipFile([{ name: 'archive/x.warc', data: zeros, deflate: true }]));
    const out = await readSaved({ path, format: 'wacz', dataDir: data });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/^too large: .*zip bomb/);
  });

  it('a zip that is not a WACZ is binary', async () => {
    const path = await write('x.wacz', zipFile([{ name: 'readme.txt', data: Buffer.from('hello') }]));
    const out = await readSaved({ path, format: 'wacz', dataDir: data });
    expect(!out.ok && out.reason).toMatch(/^binary:/);
  });
});
