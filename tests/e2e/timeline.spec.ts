/**
 * The timeline over five years (#17 item 8): 300 generated pages in the seed's format, their dates
 * spread over 2020-2025, in this spec's own serve shell. The overview shows every year at once, with
 * dates on the axis and the list's period marked; it zooms to months and days (buttons, wheel,
 * keyboard); a click or a drag selects a range that filters All articles; the reader's "other
 * articles of the same day" come from the catalog for that day. Screenshots go to test output.
 */
import type { Page } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePage } from '../fixtures/page-generator';
import { shoot } from './screenshots';
import { api } from './api-call';
import { expect, test } from './serve-fixture';

const PAGES = 300;
test.describe.configure({ mode: 'serial' });
let pagesDir = '';

test.afterAll(async () => {
  if (pagesDir) await rm(pagesDir, { recursive: true, force: true });
});

/** A generated page (dates 2021-2023) moved by whole years, so the pages span 2020-2025. */
function pageText(i: number): string {
  const years = (i % 4) - 1;
  return generatePage(i + 1).text.replace(
    /\b(20\d\d)-(\d\d)-(\d\d)/g,
    (_, y: string, m: string, d: string) => {
      const day = m === '02' && d === '29' ? '28' : d;
      return `${Number(y) + years}-${m}-${day}`;
    },
  );
}

const timeline = (page: Page) => page.getByRole('group', { name: '时间轴' });
const bars = (page: Page) => timeline(page).locator('[data-key]');

test('a five-year archive is imported', async ({ request, token }) => {
  test.setTimeout(240_000);
  pagesDir = await mkdtemp(join(tmpdir(), 'yuelan-timeline-'));
  await mkdir(join(pagesDir, 'five-years'));
  for (let i = 0; i < PAGES; i++) {
    await writeFile(join(pagesDir, 'five-years', `${String(i).padStart(3, '0')}.txt`), pageText(i));
  }
  const report = await api<{ files: { imported: number } }>(request, token, 'archive:import', {
    paths: [pagesDir],
  });
  expect(report.files.imported).toBe(PAGES);
});

test('the overview shows every year at once and zooms to months and days', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  const days = await api<{ day: string; count: number }[]>(request, token, 'archive:days', {});
  const years = [...new Set(days.map((d) => d.day.slice(0, 4)))].sort();
  expect(Number(years.at(-1)) - Number(years[0])).toBeGreaterThanOrEqual(5);
  expect(days.length).toBeGreaterThan(800);

  await page.goto(appUrl('/'));
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();
  await expect(bars(page).first()).toBeVisible();
  // Every year of the span is a bar, all inside the strip's box: the whole range at once.
  await expect(bars(page)).toHaveCount(Number(years.at(-1)) - Number(years[0]) + 1);
  const box = (await timeline(page).boundingBox())!;
  for (const bar of await bars(page).all()) {
    const b = (await bar.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(b.width).toBeGreaterThan(10);
  }
  // Dates on the axis, and the list's period (the newest year) marked.
  await expect(timeline(page)).toContainText(years[0]!);
  await expect(timeline(page).locator('[aria-current="date"]')).toHaveAttribute('data-key', years.at(-1)!);
  await shoot(page, 'timeline-five-years');

  // + zooms to months (more than three years: the months of one year), the wheel to days.
  await page.getByRole('button', { name: '放大（年 → 月 → 日）' }).click();
  await expect(bars(page)).toHaveCount(12);
  const month = bars(page).nth(5);
  const key = await month.getAttribute('data-key');
  await month.hover();
  await page.mouse.wheel(0, -100);
  const [y, m] = key!.split('-').map(Number);
  await expect(bars(page)).toHaveCount(new Date(Date.UTC(y!, m!, 0)).getUTCDate());
  await expect(bars(page).first()).toHaveAttribute('data-key', `${key}-01`);
  await shoot(page, 'timeline-days');
  // The wheel the other way, and the keyboard's −, zoom back out.
  await page.mouse.wheel(0, 100);
  await expect(bars(page)).toHaveCount(12);
  await bars(page).first().focus();
  await page.keyboard.press('-');
  await expect(bars(page)).toHaveCount(years.length);
});

test('a click or a drag selects a range that filters the list; the keyboard too', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  const days = await api<{ day: string; count: number }[]>(request, token, 'archive:days', {});
  const countIn = (from: string, to: string): number =>
    days.filter((d) => d.day >= from && d.day <= to).reduce((n, d) => n + d.count, 0);
  await page.goto(appUrl('/'));
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();
  const list = page.getByRole('listbox', { name: '全部文章' });
  await expect(bars(page).first()).toBeVisible();

  // A click on 2022: only 2022's entries, the newest of them first.
  await timeline(page).locator('[data-key="2022"]').click();
  await expect(page.getByRole('button', { name: '清除日期范围' })).toBeVisible();
  const first = list.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-setsize', String(countIn('2022-01-01', '2022-12-31')));
  await expect(list.getByRole('group').first()).toContainText('2022年12月');
  await expect(list).toBeFocused();

  // A drag from March to May 2021 at the months level.
  await timeline(page).locator('[data-key="2021"]').dblclick();
  await expect(bars(page)).toHaveCount(12);
  const march = timeline(page).locator('[data-key="2021-03"]');
  const may = timeline(page).locator('[data-key="2021-05"]');
  await march.hover();
  await page.mouse.down();
  await may.hover();
  await page.mouse.up();
  await expect(first).toHaveAttribute('aria-setsize', String(countIn('2021-03-01', '2021-05-31')));
  await expect(list.getByRole('group').first()).toContainText('2021年5月');
  await expect(page.getByText('2021年3月1日 – 2021年5月31日')).toBeVisible();
  await shoot(page, 'timeline-range');

  // Keyboard: → to June, Enter picks it, Shift+Enter on August extends to it, Esc clears.
  await timeline(page).locator('[data-key="2021-05"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-setsize', String(countIn('2021-06-01', '2021-06-30')));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+Enter');
  await expect(first).toHaveAttribute('aria-setsize', String(countIn('2021-06-01', '2021-08-31')));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '清除日期范围' })).toHaveCount(0);
  const all = days.reduce((n, d) => n + d.count, 0);
  await expect(first).toHaveAttribute('aria-setsize', String(all));
});

test("the reader's other articles of the same day come from the catalog for that day", async ({
  page,
  appUrl,
  request,
  token,
}) => {
  // The oldest day with a few entries, and a headline-only entry of it.
  const days = await api<{ day: string; count: number }[]>(request, token, 'archive:days', {});
  const day = [...days].reverse().find((d) => d.count >= 3)!.day;
  const ofDay = await api<{ hits: { article: { id: string; title: string; kind: string } }[] }>(
    request,
    token,
    'archive:search',
    { q: '', from: day, to: day, limit: 100 },
  );
  const headline = ofDay.hits.find((h) => h.article.kind !== 'full')!.article;

  await page.goto(appUrl('/'));
  await page.getByRole('combobox', { name: '搜索档案' }).fill(headline.title);
  const hit = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first();
  await expect(hit).toContainText(headline.title);
  await hit.click();
  const sameDay = page.getByRole('main').getByRole('navigation', { name: /^同一天的其他文章/ });
  await expect(sameDay.getByRole('listitem')).toHaveCount(Math.min(50, ofDay.hits.length - 1));
});
