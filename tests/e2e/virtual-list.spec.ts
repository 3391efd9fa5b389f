/**
 * The library lists at scale: All articles with 100,000 entries (the listing and the day counts are
 * answered by a route mock, the rest by the real serve shell). Only a window of rows is in the DOM,
 * the keyboard still moves and opens, more pages load as the list scrolls, and the timeline strip
 * jumps to a day far down the list.
 */
import type { Page, Route } from '@playwright/test';
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
