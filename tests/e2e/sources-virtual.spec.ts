/**
 * Sources at scale (#15): 3,000 generated pages in three folders, imported by the real serve shell.
 * The list is a feed of which only a window of rows is in the DOM, pages come as it scrolls, the keys
 * move from file to file (End reaches the last file without loading what lies between), a file
 * removed from the keyboard comes back with Undo, and a folder picked in the folder list narrows the
 * list. The source picker of the search offers a few hundred files and says how many more match.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WINDOW } from '../../src-renderer/src/lib/list-window';
import { writeTinyPages } from '../fixtures/tiny-pages';
import { api } from './api-call';
import { expect, test } from './serve-fixture';

const FILES = 3000;
let root = '';
test.describe.configure({ mode: 'serial' });
test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const feed = (page: Page) => page.getByRole('feed', { name: '来源文件' });
const rows = (page: Page) => feed(page).getByRole('article');
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      pos: Number(el?.getAttribute('aria-posinset')),
      name: el?.querySelector('.source-name')?.textContent,
    };
  });

test('a feed of 3,000 files: a small DOM, paging, keys, remove with Undo, a folder', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  test.setTimeout(240_000);
  root = mkdtempSync(join(tmpdir(), 'yuelan-sources-many-'));
  const folders = await writeTinyPages(root, FILES, { perFolder: 1000 });
  const report = await api<{ files: { imported: number } }>(request, token, 'archive:import', {
    paths: [root],
  });
  expect(report.files.imported).toBe(FILES);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto(appUrl('/'));
  await page.getByRole('navigation').getByRole('button', { name: /^来源/ }).click();
  // The seed file and the 3,000 pages, of which a window is rendered.
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', String(FILES + 1));
  expect(await rows(page).count()).toBeLessThan(40);

  // Scrolled halfway: the rows there come (their page is fetched), the DOM stays small.
  const asked: number[] = [];
  page.on('request', (r) => {
    if (r.url().includes('archive:sourcesPage'))
      asked.push((r.postDataJSON() as { offset?: number }).offset ?? 0);
  });
  await page.locator('main.wide-pane').evaluate((m) => (m.scrollTop = m.scrollHeight / 2));
  // The row in the middle of the window is one from the middle of the list.
  const atCentre = () =>
    page.evaluate(
      () =>
        document.elementFromPoint(600, 400)?.closest('article')?.querySelector('.source-name')?.textContent,
    );
  await expect.poll(atCentre).toMatch(/^page-001[3-6]\d\d\.txt$/);
  await expect(rows(page).filter({ hasText: '正在载入' })).toHaveCount(0);
  expect(await rows(page).count()).toBeLessThan(40);
  expect(Math.min(...asked)).toBeGreaterThan(1000);

  // Keys: Tab from the find box reaches the list; End and Home go to the last and the first file.
  await page.locator('main.wide-pane').evaluate((m) => (m.scrollTop = 0));
  await page.getByLabel('查找来源文件').focus();
  await page.keyboard.press('Tab');
  expect((await focusedRow(page)).pos).toBe(1);
  await page.keyboard.press('End');
  await expect.poll(async () => (await focusedRow(page)).pos).toBe(FILES + 1);
  await expect(page.locator(':focus')).toBeInViewport();
  await page.keyboard.press('Home');
  await expect.poll(async () => (await focusedRow(page)).pos).toBe(1);

  // A folder from the folder list: only its 1,000 files, in name order.
  await page.getByRole('button', { name: `只看文件夹 ${folders[2]}/ 中的文件` }).click();
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', '1000');
  await expect(rows(page).first()).toContainText('page-002000.txt');
  await feed(page).locator('article[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('PageDown');
  expect(await focusedRow(page)).toEqual({ pos: 4, name: 'page-002003.txt' });
  await page.keyboard.press('End');
  await expect.poll(() => focusedRow(page)).toEqual({ pos: 1000, name: 'page-002999.txt' });
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedRow(page)).toEqual({ pos: 999, name: 'page-002998.txt' });
  await expect(page.locator(':focus')).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(40);
  await page.screenshot({ path: 'test-results/screenshots/sources-many-end.png' });

  // Remove it from the keyboard: Tab to its Remove button; then Ctrl+Z brings it back.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAccessibleName('移除 page-002998.txt');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: '已移除来源 page-002998.txt' })).toBeVisible();
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', '999');
  await expect(rows(page).filter({ hasText: 'page-002998.txt' })).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', '1000');
  await expect(rows(page).filter({ hasText: 'page-002998.txt' })).toHaveCount(1);

  // The find box narrows the folder's files, then every folder's once the folder is let go.
  await page.locator('main.wide-pane').evaluate((m) => (m.scrollTop = 0));
  await page.getByLabel('查找来源文件').fill('page-00150');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByText('没有符合条件的文件。')).toBeVisible();
  await page.getByRole('button', { name: '显示全部文件夹的文件' }).click();
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', '10');
  await expect(rows(page).first()).toContainText('page-001500.txt');
  await expect(page.getByRole('radiogroup', { name: '按状态筛选' })).toContainText('全部 10');
  await page.screenshot({ path: 'test-results/screenshots/sources-many-filtered.png', fullPage: true });

  // The search's source picker: the first few hundred files, and how many more there are.
  await page.getByRole('navigation').getByRole('button', { name: /^搜索/ }).click();
  await page.getByRole('button', { name: /^筛选/ }).click();
  const picker = page.locator('#search-source');
  await picker.focus();
  await expect(picker.locator('option[disabled]')).toHaveText(
    `还有 ${FILES + 1 - 300} 个文件：输入文字缩小范围`,
  );
  await expect(picker.locator('optgroup option')).toHaveCount(300);
  await page.getByLabel('查找来源…').fill('page-0029');
  await expect(picker.locator('optgroup option')).toHaveCount(100);
  await expect(picker.locator('option[disabled]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/**
 * 100,000 source files (answered by a route mock; the rest is the real shell): more than one window
 * of rows is laid out at a time, End reaches the last file fetching only its page, and scrolling to
 * the bottom of the window moves it on with the rows in view kept.
 */
test('a feed of 100,000 files is a window that moves; End fetches only the last page', async ({
  page,
  appUrl,
}) => {
  const MANY = 100_000;
  const asked: number[] = [];
  await page.route('**/api/call/archive:sourcesPage', async (route) => {
    const req = route.request().postDataJSON() as { offset?: number; limit?: number; folders?: boolean };
    const offset = req.offset ?? 0;
    const limit = Math.max(0, Math.min(req.limit ?? 100, MANY - offset));
    asked.push(offset);
    const name = (i: number) =>
      `/archive/f${String(Math.floor(i / 100)).padStart(4, '0')}/page-${String(i).padStart(6, '0')}.txt`;
    const sources = Array.from({ length: limit }, (_, k) => ({
      path: name(offset + k),
      status: 'imported',
      articles: 3,
    }));
    const counts = { all: MANY, imported: MANY, unchanged: 0, duplicate: 0, rejected: 0 };
    const folders = req.folders
      ? Array.from({ length: MANY / 100 }, (_, f) => ({
          folder: `/archive/f${String(f).padStart(4, '0')}/`,
          files: 100,
        }))
      : undefined;
    await route.fulfill({
      json: { ok: true, value: { sources, total: MANY, counts, ...(folders ? { folders } : {}) } },
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(appUrl('/'));
  await page.getByRole('navigation').getByRole('button', { name: /^来源/ }).click();
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', String(MANY));
  await expect(rows(page).first()).toContainText('page-000000.txt');

  asked.length = 0;
  await feed(page).locator('article[tabindex="0"]').focus();
  await page.keyboard.press('End');
  await expect.poll(() => focusedRow(page)).toEqual({ pos: MANY, name: 'page-099999.txt' });
  await expect(page.locator(':focus')).toBeInViewport();
  expect(asked.every((o) => o >= MANY - 200)).toBe(true);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedRow(page)).toEqual({ pos: MANY - 1, name: 'page-099998.txt' });
  expect(await rows(page).count()).toBeLessThan(40);

  // Home, then to the bottom of the first window: it moves on, the rows in view stay.
  await page.keyboard.press('Home');
  await expect.poll(() => focusedRow(page)).toEqual({ pos: 1, name: 'page-000000.txt' });
  const pane = page.locator('main.wide-pane');
  await pane.evaluate((m) => (m.scrollTop = m.scrollHeight));
  await expect
    .poll(async () => Number(await rows(page).last().getAttribute('aria-posinset')))
    .toBeGreaterThan(WINDOW - 100);
  await expect
    .poll(() => pane.evaluate((m) => m.scrollHeight - m.scrollTop - m.clientHeight))
    .toBeGreaterThan(WINDOW * 10);
  expect(await rows(page).count()).toBeLessThan(40);
  await page.screenshot({ path: 'test-results/screenshots/sources-100k-window.png' });
  expect(errors).toEqual([]);
});
