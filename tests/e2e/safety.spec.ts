/**
 * Two promises, end to end in the browser: hostile archive text (markup, script-like attributes,
 * javascript: URLs, bidi and zero-width characters, a 100,000-character line) is shown as text and
 * runs nothing; and a whole session (search, read, bookmark, highlight) makes no request that leaves
 * the app.
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from './serve-fixture';

const HOSTILE = join(process.cwd(), 'tests/fixtures/hostile/hostile.txt');
const HOSTILE_TITLE = '恶意页面测试 脚本不得执行';
const SEED_TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';

async function importHostilePage(page: Page, token: string): Promise<void> {
  const res = await page.request.post(`/api/call/archive:import`, {
    headers: { 'X-Yuelan-Token': token },
    data: { paths: [HOSTILE] },
  });
  expect((await res.json()).ok).toBe(true);
}

test('hostile archive text is shown as text and runs nothing', async ({ page, appUrl, token }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await importHostilePage(page, token);
  await page.goto(appUrl('/'));
  await page.getByRole('combobox', { name: '搜索档案' }).fill('恶意页面测试');
  const first = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first();
  await expect(first).toContainText(HOSTILE_TITLE);
  await first.click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(HOSTILE_TITLE);

  // The markup is visible as characters...
  for (const text of [
    '<svg/onload=window.__pwned=1>这一行以标签开头',
    '<details open ontoggle="window.__pwned=4">展开</details>',
    '<object data="javascript:window.__pwned=3"></object>',
    'javascript:window.__pwned=5',
  ]) {
    await expect(article).toContainText(text);
  }
  // ...and never became elements.
  expect(await article.locator('svg[onload], details, object, iframe, script').count()).toBe(0);
  expect(await article.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // Bidi overrides are dropped at import (they could reorder what the reader sees); zero-width
  // characters are kept as text; the long line is all there and does not widen the page.
  const texts = await article.locator('.article-body [data-block]').allTextContents();
  expect(texts.some((t) => t.includes('双向控制字符:这是反转的文字结束'))).toBe(true);
  expect(texts.some((t) => /[\u202a-\u202e\u2066-\u2069]/u.test(t))).toBe(false);
  expect(texts.some((t) => t.includes('零\u200b宽\u200d字'))).toBe(true);
  expect(texts.some((t) => t.length === 100_000 && /^长+$/.test(t))).toBe(true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/safety-hostile.png' });
  expect(dialogs).toEqual([]);
});

test('a whole session makes no request that leaves the app', async ({ page, appUrl, baseURL }) => {
  const outside: string[] = [];
  const origin = baseURL!;
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))
      outside.push(url);
  });
  await page.goto(appUrl('/'));
  // Search, read, bookmark...
  await page.getByRole('combobox', { name: '搜索档案' }).fill('近邻党建');
  await page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first().click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  const bookmark = page.getByRole('button', { name: '加入书签' });
  await bookmark.click();
  await expect(bookmark).toHaveAttribute('aria-pressed', 'true');
  // ...highlight the opening words...
  await page.evaluate(() => {
    const p = document.querySelector('.article-body p[data-block]')!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode();
    while (text && (text.textContent ?? '').length < 6) text = walker.nextNode();
    window.getSelection()!.setBaseAndExtent(text!, 0, text!, 6);
    p.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  });
  const toolbar = page.getByRole('dialog', { name: '新建高亮' });
  await toolbar.getByRole('button', { name: '黄色' }).click();
  const mark = page.locator('.article-body mark.hl').first();
  await expect(mark).toBeVisible();
  // ...other views, and the app loaded again.
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();
  await expect(page.getByRole('listbox', { name: '全部文章' }).getByRole('option').first()).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: /^书签/ }).click();
  await expect(page.getByRole('listbox', { name: '书签' }).getByRole('option')).toHaveCount(1);
  await page.goBack().catch(() => undefined);
  await page.goto(appUrl('/'));
  // The app reopens on the last view, Bookmarks.
  await expect(page.getByRole('listbox', { name: '书签' }).getByRole('option')).toHaveCount(1);
  expect(outside).toEqual([]);
});
