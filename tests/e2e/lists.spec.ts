/**
 * The result lists on a larger archive (#17 items 3-7, #13): 200 generated pages in the seed's
 * format (tests/fixtures/page-generator.ts, over 6,000 entries) and three pages whose headlines repeat
 * (tests/fixtures/folded-headlines.ts), imported into this spec's own serve shell.
 *
 * - The outer frame never scrolls: wheeling far down a long list leaves the window where it is.
 * - Search results and All articles page on scroll to the true end, past the first 200.
 * - A new query or sort starts at the top with the first result selected.
 * - A hit whose text matched opens at its first match, marked, the find bar counting the others.
 * - A sidebar click puts the keyboard in that view's list.
 * - A headline listed on several pages is one row that opens (click, →/←) to those pages; a headline
 *   whose article can be read opens that article; counts say "N 篇文章 · M 条仅标题"; "readable only"
 *   in All articles is remembered across a reload.
 */
import type { Locator, Page } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePage } from '../fixtures/page-generator';
import { FULL, NEWEST, writeFoldPages } from '../fixtures/folded-headlines';
import { api } from './api-call';
import { expect, test } from './serve-fixture';

const PAGES = 200;

test.describe.configure({ mode: 'serial' });

let pagesDir = '';

test.afterAll(async () => {
  if (pagesDir) await rm(pagesDir, { recursive: true, force: true });
});

const nav = (page: Page, name: RegExp): Locator => page.getByRole('navigation').getByRole('button', { name });
const box = (page: Page): Locator => page.getByRole('combobox', { name: '搜索档案' });
const results = (page: Page): Locator => page.getByRole('listbox', { name: '搜索结果' });

/** Scrolls the list's pane (its scrolling parent) with the mouse wheel, many times over. */
async function wheelDown(page: Page, list: Locator, times: number): Promise<void> {
  const pane = await list.locator('xpath=..').boundingBox();
  if (!pane) throw new Error('the list has no pane on screen');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + Math.min(pane.height, 600) / 2);
  for (let i = 0; i < times; i++) await page.mouse.wheel(0, 4000);
}

async function search(page: Page, q: string): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/call/archive:search') && r.request().postDataJSON()?.q === q,
  );
  await box(page).fill(q);
  await answered;
}

test('a larger archive is imported', async ({ request, token }) => {
  test.setTimeout(240_000);
  pagesDir = await mkdtemp(join(tmpdir(), 'yuelan-lists-'));
  await mkdir(join(pagesDir, 'generated'));
  for (let i = 0; i < PAGES; i++)
    await writeFile(
      join(pagesDir, 'generated', `${String(i).padStart(3, '0')}.txt`),
      generatePage(i + 1).text,
    );
  await writeFoldPages(join(pagesDir, 'folded'));
  const report = await api<{ files: { imported: number } }>(request, token, 'archive:import', {
    paths: [pagesDir],
  });
  expect(report.files.imported).toBe(PAGES + 3);
});

test('the frame never scrolls, and search results page to the true end', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  await page.goto(appUrl('/'));
  await search(page, '市');
  const list = results(page);
  await expect(list).toHaveAttribute('aria-activedescendant', 'search-results-opt-0');
  const total = Number(await list.getByRole('option').first().getAttribute('aria-setsize'));
  expect(total).toBeGreaterThan(400);

  // Far past the loaded end, with the first row selected (kept, detached, out of view).
  await wheelDown(page, list, 30);
  const frame = await page.evaluate(() => ({
    scrollY: window.scrollY,
    height: document.documentElement.scrollHeight,
    inner: window.innerHeight,
  }));
  expect(frame.scrollY).toBe(0);
  expect(frame.height).toBeLessThanOrEqual(frame.inner);
  await expect(box(page)).toBeInViewport();

  // On to the true end: the last option is the total's.
  const last = list.getByRole('option').last();
  await expect
    .poll(
      async () => {
        await wheelDown(page, list, 5);
        return Number(await last.getAttribute('aria-posinset'));
      },
      { timeout: 90_000 },
    )
    .toBe(total);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/lists-search-end.png' });
});

test('a new query or sort starts at the top with the first result selected', async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  await search(page, '市');
  const list = results(page);
  await wheelDown(page, list, 3);
  await expect(list.getByRole('option').first()).not.toBeInViewport();

  await search(page, '发展');
  await expect(list).toHaveAttribute('aria-activedescendant', 'search-results-opt-0');
  await expect(page.locator('#search-results-opt-0')).toBeInViewport();

  await wheelDown(page, list, 3);
  await expect(page.locator('#search-results-opt-0')).not.toBeInViewport();
  await page.getByRole('button', { name: /^筛选/ }).click();
  const sorted = page.waitForResponse((r) => r.url().endsWith('/api/call/archive:search'));
  // The radio's label takes the click (ChipGroup draws the chip over the input).
  await page.getByRole('radio', { name: '最新' }).locator('xpath=..').click();
  await sorted;
  await expect(list).toHaveAttribute('aria-activedescendant', 'search-results-opt-0');
  await expect(page.locator('#search-results-opt-0')).toBeInViewport();
  await page.getByRole('radio', { name: '相关度' }).locator('xpath=..').click();
});

test('a hit opens at its first match, marked, with the find bar counting the others', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl('/'));
  await search(page, '回家日');
  await results(page).getByRole('option').first().click();
  const current = page.locator('.article-body mark.current');
  await expect(current).toHaveText('回家日');
  await expect(current).toBeInViewport();
  await expect(page.getByRole('search', { name: '在文章中查找' })).toContainText(/1 \/ \d+/);
  await page.screenshot({ path: 'test-results/screenshots/lists-open-at-match.png' });
});

test('a sidebar click puts the keyboard in that view’s list', async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  await nav(page, /^全部文章/).click();
  const all = page.getByRole('listbox', { name: '全部文章' });
  await expect(all).toBeFocused();
  await expect(all.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(all).toHaveAttribute('aria-activedescendant', 'all-articles-opt-1');
  const opened = page.waitForRequest((r) => r.url().endsWith('/api/call/archive:get'));
  await page.keyboard.press('Enter');
  await opened;

  await nav(page, /^书签/).click();
  await expect(page.getByRole('listbox', { name: '书签' })).toBeFocused();
});

test('All articles pages to the true end', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  await page.goto(appUrl('/'));
  await nav(page, /^全部文章/).click();
  const all = page.getByRole('listbox', { name: '全部文章' });
  const total = Number(await all.getByRole('option').first().getAttribute('aria-setsize'));
  expect(total).toBeGreaterThan(2000);
  const last = all.getByRole('option').last();
  await expect
    .poll(
      async () => {
        await wheelDown(page, all, 10);
        return Number(await last.getAttribute('aria-posinset'));
      },
      { timeout: 90_000 },
    )
    .toBe(total);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('a headline listed on several pages is one row that opens to them; its article opens', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  await page.goto(appUrl('/'));
  await search(page, '城市更新观察');
  const list = results(page);
  const row = list.getByRole('option').filter({ hasText: NEWEST });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2 个页面列出');
  await expect(page.getByRole('status').filter({ hasText: '条仅标题' })).toBeVisible();

  // A click on the count opens the pages; ← and → close and open it from the keyboard.
  await row.locator('[data-listings-toggle]').click();
  const pages = row.getByRole('list', { name: '列出此标题的页面' });
  await expect(pages.getByRole('listitem')).toHaveText([/^page1\.txt/, /^page3\.txt/]);
  await page.screenshot({ path: 'test-results/screenshots/lists-folded-open.png' });
  await list.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(pages).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(pages).toBeVisible();

  // A folded headline whose article is in the archive: it opens to its pages, and opens the article.
  await search(page, '打造宜居');
  const headline = list.getByRole('option').filter({ hasText: '可打开全文' });
  await expect(headline).toContainText(FULL);
  await expect(headline).toContainText('2 个页面列出');
  await headline.locator('[data-listings-toggle]').click();
  await expect(headline.getByRole('listitem')).toHaveText([/^page2\.txt/, /^page3\.txt/]);
  await page.screenshot({ path: 'test-results/screenshots/lists-folded-readable.png' });
  const opened = page.waitForRequest((r) => r.url().endsWith('/api/call/archive:get'));
  await headline.locator('.row-title').click();
  const fullId = ((await opened).postDataJSON() as { id: string }).id;
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(FULL);
  await expect(page.getByRole('main')).toContainText('在湖里区，改造后的街巷干净整洁');
  // The article opened is the full one, not the headline's own entry.
  const full = await api<{ hits: { article: { id: string } }[] }>(request, token, 'archive:search', {
    q: '打造宜居',
    kinds: ['full'],
  });
  expect(fullId).toBe(full.hits[0]!.article.id);
});

test('All articles: counts by kind, and "readable only" is remembered', async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  await nav(page, /^全部文章/).click();
  const counts = page.locator('[data-counts]');
  await expect(counts).toHaveText(/\d+ 篇文章 · \d+ 条仅标题/);
  const toggle = page.getByRole('checkbox', { name: '只看可读文章' });
  await toggle.check();
  await expect(counts).toHaveText(/^\s*\d+ 篇文章\s*$/);
  const all = page.getByRole('listbox', { name: '全部文章' });
  await expect(all.getByRole('option').first()).toBeVisible();
  await expect(all.getByText('仅标题', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/lists-readable-only.png' });

  await page.reload();
  await nav(page, /^全部文章/).click();
  await expect(page.getByRole('checkbox', { name: '只看可读文章' })).toBeChecked();
  await expect(page.locator('[data-counts]')).toHaveText(/^\s*\d+ 篇文章\s*$/);
  await page.getByRole('checkbox', { name: '只看可读文章' }).uncheck();
});
