/**
 * Search end to end against the serve shell (seed imported on first use): every kind of query —
 * Traditional, pinyin (full and initials), a typo, swapped terms — finds the seed's main article first
 * with its marks; the empty box lists the newest; a kind filter changes the results and is remembered
 * for the session; no hits says so and offers close titles; notes search finds a note and opens its
 * article. Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';

const TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';
const ARTICLE_ID = 'cc7c2dac078dc3f5';

async function openApp(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(url);
  await expect(page.getByRole('combobox', { name: '搜索档案' })).toBeVisible();
  return errors;
}

function results(page: Page) {
  return page.getByRole('listbox', { name: '搜索结果' }).getByRole('option');
}

async function apiCall(page: Page, token: string, channel: string, body: object): Promise<unknown> {
  const res = await page.request.post(`/api/call/${channel}`, {
    headers: { 'X-Yuelan-Token': token },
    data: body,
  });
  const envelope = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message ?? 'call failed');
  return envelope.value;
}

test.describe('search', () => {
  test('every kind of query finds the main article first, with marks', async ({ page, appUrl }) => {
    const errors = await openApp(page, appUrl('/'));
    const box = page.getByRole('combobox', { name: '搜索档案' });
    const queries: [kind: string, q: string][] = [
      ['traditional', '黨建'],
      ['traditional-phrase', '近鄰黨建'],
      ['pinyin-initials', 'jldj'],
      ['pinyin-full', 'dangjian'],
      ['typo', '近邻党律主心骨'],
      ['swapped', '主心骨 近邻党建'],
    ];
    for (const [kind, q] of queries) {
      await box.fill('');
      await box.pressSequentially(q, { delay: 20 });
      const first = results(page).first();
      await expect(first, `${kind}: ${q}`).toContainText(TITLE);
      await expect(page.locator('.pane-head .status')).toHaveText(/共 \d+ 条结果/);
      expect(await first.locator('.row-title mark').count(), `${kind}: title marks`).toBeGreaterThan(0);
      await expect(first).toHaveAttribute('aria-selected', 'true');
      await page.screenshot({ path: `test-results/search-${kind}.png` });
    }
    // The typo still marks the words it matched in the title.
    await expect(results(page).first().locator('mark').first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the empty box lists the newest articles', async ({ page, appUrl }) => {
    const errors = await openApp(page, appUrl('/'));
    // The seed lists many headlines without their text: the counts say so (#13).
    await expect(page.getByText(/最新文章 · \d+ 篇文章 · \d+ 条仅标题/)).toBeVisible();
    const list = page.getByRole('listbox', { name: '最新文章' });
    await expect(list.getByRole('option').first()).toContainText(TITLE);
    await expect(list.locator('mark')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/search-newest.png' });
    expect(errors).toEqual([]);
  });

  test('a kind filter changes the results and is remembered for the session', async ({ page, appUrl }) => {
    const errors = await openApp(page, appUrl('/'));
    const box = page.getByRole('combobox', { name: '搜索档案' });
    await box.fill('全面');
    await expect(results(page).first()).toContainText(TITLE);
    const before = await results(page).count();

    const toggle = page.getByRole('button', { name: /^筛选/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = page.getByRole('group', { name: '搜索筛选' });
    await panel.getByRole('checkbox', { name: '全文' }).uncheck();
    await panel.getByRole('checkbox', { name: '摘要' }).uncheck();
    // The last kind left cannot be unticked.
    await expect(panel.getByRole('checkbox', { name: '仅标题' })).toBeDisabled();
    await expect(toggle).toHaveAccessibleName('筛选（已启用 1 项）');

    await expect(results(page).first()).not.toContainText(TITLE);
    await expect(results(page).first()).toContainText('全面');
    await expect(results(page).first().locator('.badge')).toHaveText('仅标题');
    expect(await results(page).count()).toBeLessThan(before);
    await page.screenshot({ path: 'test-results/search-filter-headline.png' });

    // Sort by oldest: still only headlines, and the order changes.
    const newestFirst = await results(page).first().textContent();
    await panel.getByRole('radio', { name: '最早' }).check();
    await expect(toggle).toHaveAccessibleName('筛选（已启用 2 项）');
    await expect(results(page).first()).not.toHaveText(newestFirst ?? '');

    // Remembered across a reload (the session), and cleared in one click.
    await page.reload();
    await expect(page.getByRole('button', { name: /^筛选/ })).toHaveAccessibleName('筛选（已启用 2 项）');
    await expect(page.getByRole('radio', { name: '最早' })).toBeChecked();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect(page.getByRole('checkbox', { name: '全文' })).toBeChecked();
    await expect(page.getByRole('radio', { name: '相关度' })).toBeChecked();
    expect(errors).toEqual([]);
  });

  test('no hits says so and offers close titles', async ({ page, appUrl }) => {
    const errors = await openApp(page, appUrl('/'));
    const box = page.getByRole('combobox', { name: '搜索档案' });
    await box.fill('qwxyzzz');
    await expect(page.getByText('没有找到“qwxyzzz”')).toBeVisible();
    await expect(results(page)).toHaveCount(0);

    await box.fill('中秋月饼宁波党建');
    await expect(page.getByText('没有找到“中秋月饼宁波党建”')).toBeVisible();
    await expect(page.getByText('你是不是要找：')).toBeVisible();
    const suggestion = page.getByRole('button', { name: TITLE });
    await expect(suggestion).toBeVisible();
    await page.screenshot({ path: 'test-results/search-no-hits.png' });
    await suggestion.click();
    await expect(box).toHaveValue(TITLE);
    await expect(results(page).first()).toContainText(TITLE);
    expect(errors).toEqual([]);
  });

  test('my notes: a matching note shows with its marks and opens its article', async ({
    page,
    appUrl,
    token,
  }) => {
    const errors = await openApp(page, appUrl('/'));
    await apiCall(page, token, 'library:addAnnotation', {
      articleId: ARTICLE_ID,
      position: { startBlock: 15, startOffset: 56, endBlock: 15, endOffset: 67 },
      color: 'green',
      note: '邻里议事的好例子',
    });
    await page.getByRole('radio', { name: '我的笔记' }).check();
    const box = page.getByRole('combobox', { name: '搜索档案' });
    await box.fill('邻里议事');
    const notes = page.getByRole('listbox', { name: '笔记与摘录' }).getByRole('option');
    await expect(notes).toHaveCount(1);
    await expect(notes.first().locator('mark').first()).toHaveText('邻里议事');
    await expect(notes.first().locator('blockquote')).toContainText('硬核');
    await expect(notes.first()).toContainText(TITLE);
    await expect(page.getByRole('listbox', { name: '搜索结果' })).toHaveCount(0);

    // Both: the article section and the notes section.
    await page.getByRole('radio', { name: '全部' }).check();
    await box.fill('硬核');
    await expect(results(page).first()).toContainText(TITLE);
    await expect(notes.first().locator('blockquote mark')).toHaveText('硬核');
    await page.screenshot({ path: 'test-results/search-notes.png' });

    await notes.first().click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);
    expect(errors).toEqual([]);
  });
});
