/**
 * The library lists at scale: All articles with 100,000 entries (the listing and the day counts are
 * answered by a route mock, the rest by the real serve shell). Only a window of rows is in the DOM,
 * the keyboard still moves and opens, more pages load as the list scrolls, and the timeline strip
 * jumps to a day far down the list.
 */
import type { Page, Route } from '@playwright/test';
import { WINDOW } from '../../src-renderer/src/lib/list-window';
import { expect, test } from './serve-fixture';

const TOTAL = 100_000;
const PER_DAY = 40;
const DAYS = TOTAL / PER_DAY;

/** Article i is on day floor(i / PER_DAY) counted back from 2022-09-13, newest first. */
function dayOf(i: number): string {
  const d = new Date(Date.UTC(2022, 8, 13) - Math.floor(i / PER_DAY) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function article(i: number): object {
  const minute = 59 - (i % PER_DAY);
  return {
    id: `zz${String(i).padStart(8, '0')}`,
    title: `第 ${i + 1} 篇 合成文章标题，用于检验长列表的滚动与键盘操作`,
    kind: i % 3 === 0 ? 'full' : i % 3 === 1 ? 'brief' : 'headline',
    publishedAt: `${dayOf(i)}T12:${String(minute).padStart(2, '0')}:00+08:00`,
    sources: [],
  };
}

async function mockListing(page: Page): Promise<{ calls: number[] }> {
  const seen = { calls: [] as number[] };
  await page.route('**/api/call/archive:list', async (route: Route) => {
    const req = route.request().postDataJSON() as { offset?: number; limit?: number };
    const offset = req.offset ?? 0;
    const limit = Math.min(req.limit ?? 200, TOTAL - offset);
    seen.calls.push(offset);
    const articles = Array.from({ length: Math.max(0, limit) }, (_, k) => article(offset + k));
    await route.fulfill({ json: { ok: true, value: { articles, total: TOTAL } } });
  });
  await page.route('**/api/call/archive:days', async (route: Route) => {
    const days = Array.from({ length: DAYS }, (_, d) => ({ day: dayOf(d * PER_DAY), count: PER_DAY }));
    await route.fulfill({ json: { ok: true, value: days } });
  });
  await page.route('**/api/call/archive:get', async (route: Route) => {
    const { id } = route.request().postDataJSON() as { id: string };
    const i = Number(id.slice(2));
    const value = { ...article(i), blocks: [{ type: 'paragraph', text: '合成正文。' }], bookmarked: false };
    await route.fulfill({ json: { ok: true, value } });
  });
  return seen;
}

test('All articles: 100,000 entries stay a small DOM, load as they scroll, jump by day', async ({
  page,
  appUrl,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const seen = await mockListing(page);
  await page.goto(appUrl('/'));
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();

  const list = page.getByRole('listbox', { name: '全部文章' });
  await expect(list.getByRole('option').first()).toContainText('第 1 篇');
  await expect(page.getByText('100000 篇').first()).toBeVisible();
  expect(await list.getByRole('option').count()).toBeLessThan(120);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-setsize', String(TOTAL));

  // Keyboard: arrows move the active descendant, which stays rendered and in view.
  await list.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
  await expect(list).toHaveAttribute('aria-activedescendant', 'all-articles-opt-29');
  await expect(page.locator('#all-articles-opt-29')).toBeInViewport();
  await page.keyboard.press('PageDown');
  const active = await list.getAttribute('aria-activedescendant');
  await expect(page.locator(`#${active}`)).toBeInViewport();

  // End goes to the last loaded entry; scrolling there asks for the next page.
  await page.keyboard.press('End');
  await expect.poll(() => seen.calls.filter((o) => o > 0).length).toBeGreaterThan(0);
  expect(await list.getByRole('option').count()).toBeLessThan(160);

  // The timeline, zoomed from the oldest year to its last month, picks the oldest day: the list
  // loads from there and shows that day only.
  const oldest = dayOf(TOTAL - 1);
  const bars = page.getByRole('group', { name: '时间轴' });
  await bars.locator('[data-key]').first().dblclick();
  await bars.locator(`[data-key="${oldest.slice(0, 7)}"]`).dblclick();
  await bars.locator(`[data-key="${oldest}"]`).click();
  await expect(list.getByRole('option').filter({ hasText: `第 ${TOTAL - PER_DAY + 1} 篇` })).toBeInViewport();
  expect(await list.getByRole('option').count()).toBeLessThan(160);

  // Enter opens the selected entry (the reader asks the core for it).
  await page.keyboard.press('ArrowDown');
  const opened = page.waitForRequest((r) => r.url().includes('/api/call/archive:get'));
  await page.keyboard.press('Enter');
  const wanted = `zz${String(TOTAL - PER_DAY + 1).padStart(8, '0')}`;
  expect((await opened).postDataJSON()).toEqual({ id: wanted });
  await page.screenshot({ path: 'test-results/screenshots/all-articles-100k.png' });
  expect(errors).toEqual([]);
});

/**
 * Three million entries (#15): more rows than a browser can lay out, so the list is a window of
 * them. Only the pages of the rows in view are asked for (a jump to the end or to the oldest day does
 * not load what lies between), End and Home reach the true ends, and scrolling to the bottom of the
 * window moves it on, the row in view staying where it was.
 */
test('All articles: 3,000,000 entries are a window that moves; jumps load only their pages', async ({
  page,
  appUrl,
}) => {
  const MANY = 3_000_000;
  const PER = 3000;
  const dayBack = (i: number): string =>
    new Date(Date.UTC(2022, 8, 13) - Math.floor(i / PER) * 86_400_000).toISOString().slice(0, 10);
  const asked: { offset: number; limit: number }[] = [];
  await page.route('**/api/call/archive:list', async (route: Route) => {
    const req = route.request().postDataJSON() as { offset?: number; limit?: number };
    const offset = req.offset ?? 0;
    const limit = Math.max(0, Math.min(req.limit ?? 200, MANY - offset));
    asked.push({ offset, limit });
    const articles = Array.from({ length: limit }, (_, k) => ({
      id: `yy${String(offset + k).padStart(8, '0')}`,
      title: `第 ${offset + k + 1} 篇 三百万条目中的一条`,
      kind: 'headline',
      publishedAt: `${dayBack(offset + k)}T12:00:00+08:00`,
      sources: [],
    }));
    await route.fulfill({
      json: { ok: true, value: { articles, total: MANY, counts: { readable: 0, headlines: MANY } } },
    });
  });
  await page.route('**/api/call/archive:days', async (route: Route) => {
    const days = Array.from({ length: MANY / PER }, (_, d) => ({ day: dayBack(d * PER), count: PER }));
    await route.fulfill({ json: { ok: true, value: days } });
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(appUrl('/'));
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();
  const list = page.getByRole('listbox', { name: '全部文章' });
  await expect(list.getByRole('option').first()).toContainText('第 1 篇');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-setsize', String(MANY));
  // The sidebar counts the list's own rows.
  await expect(page.getByRole('navigation').getByRole('button', { name: /^全部文章/ })).toContainText(
    String(MANY),
  );

  // End: the last entry, loaded alone (its page), in view.
  await list.focus();
  asked.length = 0;
  await page.keyboard.press('End');
  await expect(list.getByRole('option').filter({ hasText: `第 ${MANY} 篇` })).toBeInViewport();
  await expect(list.getByRole('option').filter({ hasText: `第 ${MANY} 篇` })).toHaveAttribute(
    'aria-posinset',
    String(MANY),
  );
  // The window's last option (of WINDOW laid out) is the active one.
  await expect(list).toHaveAttribute('aria-activedescendant', `all-articles-opt-${WINDOW - 1}`);
  expect(asked.every((a) => a.offset >= MANY - 2000 && a.limit <= 1000)).toBe(true);
  expect(await list.getByRole('option').count()).toBeLessThan(60);

  // Home: back to the first.
  await page.keyboard.press('Home');
  await expect(list.getByRole('option').filter({ hasText: '第 1 篇 ' }).first()).toBeInViewport();

  // Scrolled to the bottom of the first window: it moves on, and the same rows stay in view.
  const scroller = page.locator('.list-scroll');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect
    .poll(async () => Number(await list.getByRole('option').last().getAttribute('aria-posinset')))
    .toBeGreaterThan(WINDOW - 100);
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeGreaterThan(WINDOW * 10);
  // The row in the middle of the list's pane is still one from the end of the first window.
  const atCentre = await page.evaluate(() =>
    Number(document.elementFromPoint(370, 500)?.closest('[role="option"]')?.getAttribute('aria-posinset')),
  );
  expect(atCentre).toBeGreaterThan(WINDOW - 100);
  expect(atCentre).toBeLessThanOrEqual(WINDOW);

  // The timeline picks the oldest day: its rows come (their page only), nothing before them.
  const oldest = dayBack(MANY - 1);
  const bars = page.getByRole('group', { name: '时间轴' });
  await bars.locator('[data-key]').first().dblclick();
  await bars.locator(`[data-key="${oldest.slice(0, 7)}"]`).dblclick();
  asked.length = 0;
  await bars.locator(`[data-key="${oldest}"]`).click();
  await expect(list.getByRole('option').filter({ hasText: `第 ${MANY - PER + 1} 篇` })).toBeInViewport();
  expect(asked.every((a) => a.offset >= MANY - PER - 1000)).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/all-articles-3m.png' });
  expect(errors).toEqual([]);
});
