/**
 * A saved page's safe rewrite for the original view, on a page full of what must not survive: scripts
 * (also inside SVG), handlers, frames, `<base>`, refreshes, links out, remote pictures, `@import`,
 * remote CSS pictures; and what must: its text, its own pictures (data URIs, `_files` files, lazy
 * `data-src`), its own stylesheets, inlined, with their pictures resolved against the sheet's URL.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { MediaStore } from '../../src-main/archive/catalog/media-store.js';
import { OriginalsStore } from '../../src-main/archive/catalog/originals-store.js';
import { holdPicture, prepareOriginal, saveOriginal } from '../../src-main/archive/catalog/original-page.js';
import type { SavedResource } from '../../src-main/archive/ingest/formats/saved-page.js';
import { tempDir } from '../helpers/tmp.js';
import { GIF, JPEG, PNG } from '../fixtures/pictures.js';

const PAGE_URL = 'file:///saved/新闻_files/../新闻.html';
const held: Record<string, SavedResource> = {
  'file:///saved/%E6%96%B0%E9%97%BB_files/photo.jpg': { url: '', contentType: 'image/jpeg', bytes: JPEG },
  'file:///saved/%E6%96%B0%E9%97%BB_files/site.css': {
    url: '',
    contentType: 'text/css',
    bytes: Buffer.from(
      '@import url(http://cdn.example/x.css); .logo{background:url(img/logo.gif)} p{color:#333}',
    ),
  },
  'file:///saved/%E6%96%B0%E9%97%BB_files/img/logo.gif': { url: '', contentType: 'image/gif', bytes: GIF },
  'file:///saved/%E6%96%B0%E9%97%BB_files/drawing.svg': {
    url: '',
    contentType: 'image/svg+xml',
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  },
};
const asked: string[] = [];
const page = {
  url: PAGE_URL,
  resource: async (url: string) => {
    asked.push(url);
    return held[url];
  },
};

const HOSTILE = `<!doctype html><html><head><meta charset="gb2312">
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<base href="http://evil.example/"><title>女儿出嫁</title>
<link rel="stylesheet" href="新闻_files/site.css"><link rel="icon" href="http://evil.example/favicon.ico">
<link rel="prefetch" href="http://evil.example/next"><script src="http://evil.example/a.js"></script>
<style>@import "http://evil.example/y.css"; body{background:url('http://evil.example/bg.png')}</style>
</head><body onload="steal()">
<script>window.parent.marker = 1</script><noscript><img src="http://evil.example/pixel.gif"></noscript>
<h1 onclick="x()">郑板桥画了几笔兰花</h1>
<p style="background-image:url(http://evil.example/p.png)">正文<a href="http://evil.example/" target="_top">链接</a></p>
<img src="新闻_files/photo.jpg" alt="兰花" srcset="http://evil.example/2x.jpg 2x">
<img src="http://evil.example/remote.jpg" alt="远程图片">
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" data-src="http://x/y.jpg" alt="内嵌">
<img src="blank.gif" data-original="新闻_files/photo.jpg" alt="懒加载">
<img src="新闻_files/drawing.svg" alt="矢量图">
<img src="javascript:alert(1)" alt="脚本">
<iframe src="http://evil.example/ad"></iframe><object data="http://evil.example/x.swf"></object>
<embed src="http://evil.example/e"><video src="http://evil.example/v.mp4" poster="http://evil.example/p.jpg"></video>
<form action="http://evil.example/post"><input name="q" formaction="http://evil.example/"></form>
<svg><a xlink:href="http://evil.example/"><use href="#sym"/><image href="http://evil.example/i.png"/></a>
<script>alert(2)</script></svg>
<table background="http://evil.example/t.png"><tr><td>表格</td></tr></table>
</body></html>`;

describe('prepareOriginal', () => {
  it('keeps the page and its own pictures and stylesheets, and nothing that runs or reaches out', async () => {
    const media = new MediaStore(await tempDir());
    const out = await prepareOriginal(HOSTILE, page, media);
    const { document } = parseHTML(out);

    expect(document.querySelector('title')?.textContent).toBe('女儿出嫁');
    expect(document.querySelector('h1')?.textContent).toBe('郑板桥画了几笔兰花');
    expect(document.querySelector('p')?.textContent).toBe('正文链接');
    expect(document.querySelector('td')?.textContent).toBe('表格');
    expect(document.querySelectorAll('meta[charset]')).toHaveLength(1);
    expect(document.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');

    for (const gone of ['script', 'noscript', 'iframe', 'object', 'embed', 'video', 'form', 'base', 'link']) {
      expect(document.querySelectorAll(gone), gone).toHaveLength(0);
    }
    expect(document.querySelector('meta[http-equiv]')).toBeNull();
    expect(out).not.toMatch(/evil\.example/);
    expect(out).not.toMatch(/\son[a-z]+=/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(document.querySelector('a')?.hasAttribute('href')).toBe(false);
    expect(document.querySelector('use')?.getAttribute('href')).toBe('#sym');

    const images = [...document.querySelectorAll('img')].map((img) => ({
      alt: img.getAttribute('alt'),
      src: img.getAttribute('src'),
      srcset: img.getAttribute('srcset'),
    }));
    const jpeg = `yuelan-media:${(await media.put(JPEG))!}`;
    const gif = `yuelan-media:${(await media.put(GIF))!}`;
    expect(images).toEqual([
      { alt: '兰花', src: jpeg, srcset: null },
      { alt: '远程图片', src: null, srcset: null },
      { alt: '内嵌', src: gif, srcset: null },
      { alt: '懒加载', src: jpeg, srcset: null },
      { alt: '矢量图', src: null, srcset: null },
      { alt: '脚本', src: null, srcset: null },
    ]);

    const css = [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(css).toContain('p{color:#333}');
    // The sheet's picture is resolved against the sheet's own URL (…_files/img/logo.gif).
    expect(css).toContain(`.logo{background:url("${gif}")}`);
    expect(css).not.toMatch(/@import/);
    expect(document.querySelector('p')?.getAttribute('style')).toBe('background-image:none');
    // The container is asked only for addresses it could hold (never javascript: and the like).
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((u) => !/^(https?|file):/.test(u))).toEqual([]);
  });

  it('saveOriginal keeps the rewrite in the originals store under a content key', async () => {
    const dir = await tempDir();
    const stores = { media: new MediaStore(dir), originals: new OriginalsStore(dir) };
    const key = await saveOriginal(
      '<p>一段</p><img src="data:image/png;base64,' + Buffer.from(PNG).toString('base64') + '">',
      {
        resource: async () => undefined,
      },
      stores,
    );
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const stored = (await stores.originals.read(key!))!;
    expect(stored).toContain('<p>一段</p>');
    expect(stored).toMatch(/<img src="yuelan-media:[0-9a-f]{64}\.png">/);
    expect(stored).not.toContain('base64');
  });
});

describe('holdPicture', () => {
  it('holds data URIs and the archive’s files, never a picture only on the web', async () => {
    const media = new MediaStore(await tempDir());
    const pngUri = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
    expect(await holdPicture(pngUri, page, media)).toMatch(/\.png$/);
    expect(await holdPicture('新闻_files/photo.jpg', page, media)).toMatch(/\.jpg$/);
    expect(await holdPicture('http://evil.example/x.jpg', page, media)).toBeUndefined();
    expect(await holdPicture('data:image/svg+xml,<svg onload="alert(1)"/>', page, media)).toBeUndefined();
    expect(await holdPicture('data:text/html,<script>1</script>', page, media)).toBeUndefined();
    expect(await holdPicture('', page, media)).toBeUndefined();
  });
});
