/**
 * HTML files and MHTML saves written here, read as the parse worker reads them: sniffing by content
 * (not by name), a SingleFile page's inlined pictures and its saved-from comment, a "Save page as,
 * complete" page's `_files` folder (read for pictures, never walked for pages, nothing outside it
 * read), and MHTML in quoted-printable and base64 with a GBK part and `cid:` pictures.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSaved } from '../../src-main/archive/ingest/formats/read-saved.js';
import { readHead, sniffFormat } from '../../src-main/archive/ingest/formats/sniff.js';
import { mhtmlPage, decodeQuotedPrintable } from '../../src-main/archive/ingest/formats/mhtml.js';
import { collectFiles } from '../../src-main/archive/ingest/collect-files.js';
import { DEFAULT_EXTENSIONS } from '../../src-main/archive/ingest/import-files.js';
import { BODY, encodeGbk, mhtmlFile, newsHtml, png, quotedPrintable } from '../helpers/saved-pages.js';

let dir: string;
let data: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yuelan-html-'));
  data = join(dir, 'data');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, bytes);
  return path;
}

async function mediaFiles(): Promise<string[]> {
  return readdir(join(data, 'media')).catch(() => []);
}

describe('sniffing', () => {
  it('goes by content: an HTML document named .txt is HTML, markup inside a text dump is text', async () => {
    const doc = await write('page.txt', newsHtml({ title: '标题', paragraphs: BODY }));
    expect(sniffFormat(await readHead(doc), 'page.txt').format).toBe('html');
    const dump = await write(
      'dump.txt',
      `<div class="content"><p>${BODY[0]}</p></div>\n-\n标题\n2024-03-05 09:30:00\n`,
    );
    expect(sniffFormat(await readHead(dump), 'dump.txt').format).toBe('text');
    const named = await write('odd.html', 'plain words, no markup at all');
    expect(sniffFormat(await readHead(named), 'odd.html').format).toBe('html');
    const mht = await write(
      'a.bin',
      mhtmlFile([{ contentType: 'text/html', encoding: '8bit', body: Buffer.from('<html></html>') }], {
        url: 'https://a.cn/',
      }),
    );
    expect(sniffFormat(await readHead(mht), 'a.bin').format).toBe('mhtml');
  });

  it('finds the opener after a byte-order mark, blanks, comments and an XML declaration, and nowhere else', () => {
    const html = (text: string, bom: number[] = []) =>
      sniffFormat(Uint8Array.from([...bom, ...Buffer.from(text, 'latin1')]), 'x.txt').format;
    expect(html('<html><body>')).toBe('html');
    expect(html(' \t\r\n\u000b\u000c\u00a0<!DOCTYPE html>', [0xef, 0xbb, 0xbf])).toBe('html');
    expect(html('\n<!-- saved from url=(0022)https://a.cn/ -->\n<?xml version="1.0"?><html lang="zh">')).toBe(
      'html',
    );
    const utf16 = [0xff, 0xfe, ...[...'  <html>'].flatMap((c) => [c.charCodeAt(0), 0])];
    expect(sniffFormat(Uint8Array.from(utf16), 'x.txt').format).toBe('html');
    expect(html('')).toBe('text');
    expect(html('x<html>')).toBe('text');
    expect(html('\u0085<html>')).toBe('text');
    expect(html('新闻 <html>')).toBe('text');
    expect(html('<p>not a document</p>')).toBe('text');
  });
});

describe('HTML files', () => {
  it('a SingleFile page: data-URI pictures kept, its url and saved date read from its comment', async () => {
    const picture = `data:image/png;base64,${png(7).toString('base64')}`;
    const html = newsHtml({
      title: '澎湃新闻报道的一篇文章标题',
      time: '2024-03-05 09:30:12',
      paragraphs: BODY,
      images: [{ src: picture, caption: '现场照片' }],
    }).replace(
      '<html lang="zh-CN">',
      '<html lang="zh-CN"><!--\n Page saved with SingleFile \n url: https://www.thepaper.cn/newsDetail_forward_1 \n saved date: Tue Mar 05 2024 10:00:00 GMT+0800 (China Standard Time)\n-->',
    );
    const path = await write('singlefile.html', html);
    const out = await readSaved({ path, format: 'html', bytes: Buffer.from(html), dataDir: data });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const [a] = out.page.articles;
    expect(a).toMatchObject({
      title: '澎湃新闻报道的一篇文章标题',
      format: 'html',
      url: 'https://www.thepaper.cn/newsDetail_forward_1',
      capturedAt: '2024-03-05T02:00:00.000Z',
      publishedAt: '2024-03-05T09:30:12+08:00',
    });
    expect(a!.page).toBeUndefined();
    const image = a!.images?.find((im) => im.media);
    expect(image?.url).toBeUndefined(); // a data URI is not kept as an address
    expect(await mediaFiles()).toEqual([image!.media]);
    expect(a!.original).toMatch(/^[0-9a-f]{64}$/);
    expect(await readdir(join(data, 'originals'))).toContain(`${a!.original}.html`);
  });

  it('"Save page as, complete": pictures from its _files folder, the folder itself no pages', async () => {
    await write('secret.png', png(99));
    await write('人民网报道_files/pic.png', png(3));
    await write('人民网报道_files/frame.html', newsHtml({ title: '框架里的页面', paragraphs: BODY }));
    await write('人民网报道_files/app.js', 'document.title = "x"');
    const html = newsHtml({
      title: '女儿出嫁，郑板桥画了几笔兰花当嫁妆',
      time: '2019年06月15日08:18',
      paragraphs: BODY,
      images: [
        { src: './人民网报道_files/pic.png', caption: '兰花图' },
        { src: '../secret.png', caption: '外面的图' },
        { src: 'http://www.people.com.cn/remote.jpg', caption: '远程图片' },
      ],
      preamble: '<!-- saved from url=(0044)http://culture.people.com.cn/n1/2019/a.html -->\n',
    });
    const path = await write('人民网报道.html', html);
    const out = await readSaved({ path, format: 'html', bytes: Buffer.from(html), dataDir: data });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const [a] = out.page.articles;
    expect(a!.url).toBe('http://culture.people.com.cn/n1/2019/a.html');
    expect(a!.capturedAt).toBeUndefined();
    const held = a!.images!.filter((im) => im.media);
    expect(held).toHaveLength(1); // the _files picture; ../secret.png is outside the folder
    expect(await mediaFiles()).toEqual([held[0]!.media]);
    const remote = a!.images!.find((im) => im.url?.startsWith('http://www.people.com.cn/'));
    expect(remote?.media).toBeUndefined();

    await rm(data, { recursive: true }); // its originals/ are HTML too
    const walk = await collectFiles([dir], DEFAULT_EXTENSIONS);
    expect(walk.files.map((f) => f.slice(dir.length + 1))).toEqual(['人民网报道.html']);
  });
});

describe('MHTML', () => {
  const url = 'https://news.163.com/24/0305/09/ABC.html';

  it('quoted-printable UTF-8 HTML and a base64 picture by Content-Location', async () => {
    const html = newsHtml({
      title: '网易新闻的一篇报道标题',
      time: '2024-03-05 09:30',
      paragraphs: BODY,
      images: [{ src: 'pic.png', caption: '配图' }],
    });
    const bytes = mhtmlFile(
      [
        {
          contentType: 'text/html; charset="utf-8"',
          location: url,
          encoding: 'quoted-printable',
          body: Buffer.from(html),
        },
        {
          contentType: 'image/png',
          location: 'https://news.163.com/24/0305/09/pic.png',
          encoding: 'base64',
          body: png(11),
        },
      ],
      { url },
    );
    const parsed = mhtmlPage(bytes);
    expect(parsed.ok && Buffer.from(parsed.page.html).toString('utf8')).toBe(html);
    const path = await write('a.mhtml', bytes);
    const out = await readSaved({ path, format: 'mhtml', bytes, dataDir: data });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.page.articles[0]).toMatchObject({
      title: '网易新闻的一篇报道标题',
      format: 'mhtml',
      url,
      capturedAt: '2024-03-05T02:00:00.000Z',
    });
    expect(out.page.articles[0]!.images?.some((im) => im.media)).toBe(true);
  });

  it('a base64 GBK part decodes by its charset; cid: pictures resolve', async () => {
    const html = newsHtml({
      title: '凤凰网的一篇报道标题',
      time: '2024-03-05 09:30',
      paragraphs: BODY,
      charset: 'gbk',
      images: [{ src: 'cid:pic-1@mhtml.blink', caption: '图片说明' }],
    });
    const bytes = mhtmlFile(
      [
        { contentType: 'text/html; charset=gbk', location: url, encoding: 'base64', body: encodeGbk(html) },
        { contentType: 'image/png', contentId: 'pic-1@mhtml.blink', encoding: 'base64', body: png(12) },
      ],
      { url },
    );
    const path = await write('gbk.mht', bytes);
    const out = await readSaved({ path, format: 'mhtml', bytes, dataDir: data });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.encoding).toMatch(/gbk|gb18030/);
    expect(out.page.articles[0]!.title).toBe('凤凰网的一篇报道标题');
    expect(out.page.articles[0]!.blocks!.some((b) => BODY.includes(b.text))).toBe(true);
    expect(out.page.articles[0]!.images?.some((im) => im.media)).toBe(true);
  });

  it('quoted-printable decoding keeps bytes and joins soft line breaks', () => {
    const text = Buffer.from(`${'长'.repeat(60)}=\n`, 'utf8');
    expect(Buffer.from(decodeQuotedPrintable(quotedPrintable(text))).equals(text)).toBe(true);
  });

  it('an MHTML file without an HTML part is no article', async () => {
    const bytes = mhtmlFile(
      [{ contentType: 'image/png', location: 'https://a.cn/p.png', encoding: 'base64', body: png(1) }],
      { url },
    );
    const out = await readSaved({ path: join(dir, 'x.mht'), format: 'mhtml', bytes, dataDir: data });
    expect(out).toEqual({ ok: false, reason: 'not an article: the MHTML file holds no HTML part' });
  });
});
