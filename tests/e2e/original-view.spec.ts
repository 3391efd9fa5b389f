/**
 * Saved pages end to end (#12), against the serve shell: a folder holding a WARC, an MHTML file, a
 * SingleFile page and a "Save page as, complete" folder (written by the import tests' generators) is
 * imported; an article shows its picture from the archive, a remote picture as a placeholder, and what
 * the page told under its title; the original view shows the saved page in a sandbox. The page's HTML
 * holds a `<script>` that would set a marker and an `<img src="http://…">`: nothing runs, and every
 * request the page makes goes to the app's own origin. Then the sandbox and the route's CSP alone (a
 * stored original that kept its script, as if the rewrite had missed it) hold just the same.
 */
import type { Page, Request } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from './serve-fixture';
import { markedTexts, selectInBlocks } from './highlights';
import { expectAccessible } from './accessibility';
import { BODY, mhtmlFile, newsHtml, png, warcFile } from '../helpers/saved-pages';
import { patternPng } from '../fixtures/pictures';
import { OriginalsStore } from '../../src-main/archive/catalog/originals-store';
import { shoot } from './screenshots';

const TITLE = '女儿出嫁，郑板桥画了几笔兰花当嫁妆';
const CAPTION = '郑板桥《兰花图》（资料图）';

let folder = '';
/** Stands in for the web: a server on another port that counts every request reaching it. */
let remote: Server;
const remoteHits: string[] = [];
let REMOTE = '';

/** What the page's own script would do, were it ever to run. */
const hostileScript = (): string =>
  `<script>document.documentElement.setAttribute('data-marker','ran'); fetch('${REMOTE}/beacon');</script>`;

function write(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(folder, path)), { recursive: true });
  writeFileSync(join(folder, path), bytes);
}

test.beforeAll(async () => {
  remote = createServer((req, res) => {
    remoteHits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.end(png(9));
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  REMOTE = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
  folder = mkdtempSync(join(tmpdir(), 'yuelan-saved-e2e-'));
  const page = (title: string, time: string, src: string, extra = ''): string =>
    newsHtml({ title, time, paragraphs: BODY, images: [{ src, caption: `${title}配图` }], extra });
  const warcUrl = 'https://www.news.cn/politics/20240305/a.htm';
  write(
    'archive/news.warc.gz',
    warcFile(
      [
        {
          type: 'response',
          uri: warcUrl,
          date: '2024-03-06T01:00:00Z',
          contentType: 'text/html; charset=utf-8',
          payload: page('全国人大二次会议在京开幕', '2024-03-05 09:30', 'pic1.png', hostileScript()),
        },
        {
          type: 'response',
          uri: 'https://www.news.cn/politics/20240305/pic1.png',
          contentType: 'image/png',
          payload: png(1),
        },
      ],
      { gzip: true },
    ),
  );
  const mhtUrl = 'https://news.163.com/24/0305/a.html';
  write(
    'spring.mhtml',
    mhtmlFile(
      [
        {
          contentType: 'text/html; charset=utf-8',
          location: mhtUrl,
          encoding: 'quoted-printable',
          body: Buffer.from(page('网易新闻：春耕时节田间地头忙', '2024-03-05 08:00', 'm.png')),
        },
        {
          contentType: 'image/png',
          location: 'https://news.163.com/24/0305/m.png',
          encoding: 'base64',
          body: png(3),
        },
      ],
      { url: mhtUrl },
    ),
  );
  write(
    'singlefile.html',
    page(
      '凤凰网：博物馆里的新春文化活动',
      '2024-02-10 10:00',
      `data:image/png;base64,${png(4).toString('base64')}`,
    ),
  );
  write('complete/story_files/lanhua.png', patternPng(640, 360));
  write(
    'complete/story.html',
    newsHtml({
      title: TITLE,
      time: '2019年06月15日',
      paragraphs: BODY,
      images: [
        { src: 'story_files/lanhua.png', caption: CAPTION },
        { src: `${REMOTE}/photo.jpg`, caption: '远程的现场照片' },
      ],
      extra: hostileScript(),
    }),
  );
});

test.afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await new Promise<void>((resolve) => remote.close(() => resolve()));
});

/**
 * Every request the page (and its frames) makes, from now on, and those the browser blocked itself
 * before sending (a CSP's refusal: such a request never leaves the browser).
 */
function recordRequests(page: Page): { urls: string[]; blocked: string[] } {
  const urls: string[] = [];
  const blocked: string[] = [];
  page.on('request', (r: Request) => urls.push(r.url()));
  page.on('requestfailed', (r: Request) => {
    if (/^csp$|BLOCKED_BY_CSP/i.test(r.failure()?.errorText ?? '')) blocked.push(r.url());
  });
  return { urls, blocked };
}

function offOrigin(urls: string[], origin: string): string[] {
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && u !== 'about:blank');
}

test('a saved page: its picture from the archive, its facts, and the original in a sandbox', async ({
  page,
  request,
  appUrl,
  token,
  baseURL,
}) => {
  const res = await request.post('/api/call/archive:import', {
    headers: { 'X-Yuelan-Token': token },
    data: { paths: [folder] },
  });
  const report = (await res.json()) as {
    ok: boolean;
    value: { formats?: Record<string, { files: number }> };
  };
  expect(report.ok).toBe(true);
  expect(Object.keys(report.value.formats ?? {}).sort()).toEqual(['html', 'mhtml', 'warc']);

  const requests = recordRequests(page);
  await page.goto(appUrl('/'));
  await page.getByRole('combobox', { name: '搜索档案' }).fill('郑板桥画了几笔兰花');
  await expect(page.getByRole('option').first()).toContainText(TITLE);
  await page.keyboard.press('Enter');
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(TITLE);

  // The picture the archive holds, from the archive's own route, with its caption as text.
  const figure = article.locator('figure').filter({ hasText: CAPTION });
  const img = figure.locator('img');
  await expect(img).toHaveAttribute('src', /^\/archive\/media\/[0-9a-f]{64}\.png\?token=/);
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(640);
  await expect(figure.locator('figcaption')).toHaveText(CAPTION);
  // The remote one: a placeholder with its alt text, never a request.
  await expect(article.getByRole('img', { name: '远程的现场照片' })).toContainText('图片未存档');
  // Under the title: the time as printed (a date alone), the source and the editor.
  await expect(article.locator('.article-meta time')).toHaveText('2019年6月15日');
  await expect(article.getByText('来源：新华社')).toBeVisible();
  await expect(article.getByText('责任编辑：王伟')).toBeVisible();
  await expect(article.getByText('格式：HTML')).toBeVisible();
  await shoot(page, 'reader-saved-page');
  await expectAccessible(page, 'saved page');

  // The original view, from the keyboard.
  const toggle = article.getByRole('button', { name: '原网页' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const frameElement = article.locator('iframe');
  await expect(frameElement).toHaveAttribute('sandbox', '');
  const frame = page.frameLocator('article iframe');
  await expect(frame.locator('h1')).toHaveText(TITLE);
  const framed = frame.locator('img[src*="/archive/media/"]');
  await expect(framed).toHaveCount(1);
  await expect
    .poll(() => framed.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBe(640);
  // The script did not run, and nothing but the app's own origin was asked for anything.
  await expect(frame.locator('html')).not.toHaveAttribute('data-marker', 'ran');
  await expect(frame.locator('script')).toHaveCount(0);
  await shoot(page, 'reader-original-view');
  // (No axe check here: axe runs by injecting script into every frame, and none runs in this one.)
  // The rewrite left nothing to even try: no request off the app's origin, none reached the web.
  expect(offOrigin(requests.urls, baseURL!)).toEqual([]);
  expect(requests.urls.some((u) => u.includes('/archive/original/'))).toBe(true);
  expect(remoteHits).toEqual([]);

  // Back to the text.
  await article.getByRole('button', { name: '正文' }).click();
  await expect(article.locator('iframe')).toHaveCount(0);
  await expect(figure.locator('figcaption')).toHaveText(CAPTION);

  // A highlight from a paragraph into the caption: captions are text, anchored like any block.
  await page.keyboard.press('Escape');
  const captionBlock = Number(await figure.locator('figcaption').getAttribute('data-block'));
  const selected = await selectInBlocks(page, { block: 0, offset: 20 }, { block: captionBlock, offset: 6 });
  expect(selected.replace(/\s+/g, '')).toBe(`${BODY[0]!.slice(20)}${CAPTION.slice(0, 6)}`);
  await page.getByRole('dialog', { name: '新建高亮' }).getByRole('button', { name: '绿色' }).click();
  await expect(page.getByRole('dialog', { name: '编辑高亮' })).toBeVisible();
  const expected = { text: `${BODY[0]!.slice(20)}${CAPTION.slice(0, 6)}`, blocks: [0, captionBlock] };
  expect(Object.values(await markedTexts(page))).toEqual([expected]);
  // Opened again after a reload, the highlight is found in its place.
  await page.reload();
  await page.getByRole('combobox', { name: '搜索档案' }).fill('郑板桥画了几笔兰花');
  await expect(page.getByRole('option').first()).toContainText(TITLE);
  await page.keyboard.press('Enter');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await page.keyboard.press('Escape');
  await expect.poll(async () => Object.values(await markedTexts(page))).toEqual([expected]);
  await article.getByRole('img', { name: '远程的现场照片' }).scrollIntoViewIfNeeded();
  await shoot(page, 'reader-saved-page-placeholder');
  await page.emulateMedia({ colorScheme: 'dark' });
  await article.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
  await shoot(page, 'reader-saved-page-dark');
  await expectAccessible(page, 'saved page, dark');
});

test('the sandbox and the CSP alone hold a stored original that kept its script', async ({
  page,
  appUrl,
  serve,
  baseURL,
}) => {
  // As if the rewrite had missed everything: a script, a handler, a remote picture, a link out.
  const key = (await new OriginalsStore(serve.dataDir).put(
    `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url=${REMOTE}/away"></head>
<body onload="document.body.dataset.loaded='ran'"><h1>未经改写的原网页</h1>
<script>document.documentElement.setAttribute('data-marker','ran'); fetch('${REMOTE}/beacon');</script>
<img src="${REMOTE}/photo.jpg" alt="远程"><link rel="stylesheet" href="${REMOTE}/s.css">
<a id="out" href="${REMOTE}/">出去</a></body></html>`,
  ))!;
  const requests = recordRequests(page);
  await page.goto(appUrl('/'));
  await expect(page.getByRole('combobox', { name: '搜索档案' })).toBeVisible();
  const src = `/archive/original/${key}`;
  // The frame as OriginalView makes it (the token as the app's HTTP bridge adds it).
  await page.evaluate(
    ([path, t]) => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', '');
      frame.id = 'raw';
      frame.src = `${path}?token=${t}`;
      document.body.append(frame);
    },
    [src, serve.token],
  );
  const frame = page.frameLocator('#raw');
  await expect(frame.locator('h1')).toHaveText('未经改写的原网页');
  // A link out (the rewrite would have taken its address away): the app page's CSP (frame-src
  // 'self') keeps the frame from navigating anywhere but the app's own origin.
  await frame.locator('#out').click();
  await expect(frame.locator('html')).not.toHaveAttribute('data-marker', 'ran');
  await expect(frame.locator('body')).not.toHaveAttribute('data-loaded', 'ran');
  // What the page tried was refused by the browser itself; nothing reached the "web".
  await expect.poll(() => offOrigin(requests.urls, baseURL!).length).toBeGreaterThan(0);
  expect(offOrigin(requests.urls, baseURL!).filter((u) => !requests.blocked.includes(u))).toEqual([]);
  expect(remoteHits).toEqual([]);
});
