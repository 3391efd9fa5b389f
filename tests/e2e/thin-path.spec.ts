/**
 * The thin path, end to end against the serve shell on a fresh data folder (the seed is imported at
 * first use): search 近邻党建, open the article, read its paragraphs, bookmark it, reload, and the
 * bookmark is still there. Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';

const TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';

async function openApp(page: Page, url: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(url);
  await expect(page.getByRole('combobox', { name: '搜索档案' })).toBeVisible();
  // Checked at the end of each test through the returned list.
  (page as Page & { appErrors?: string[] }).appErrors = errors;
}

function appErrors(page: Page): string[] {
  return (page as Page & { appErrors?: string[] }).appErrors ?? [];
}

test.describe('thin path', () => {
  test('search, read, bookmark, reload: the bookmark stays', async ({ page, appUrl }) => {
    await openApp(page, appUrl('/'));

    const box = page.getByRole('combobox', { name: '搜索档案' });
    await expect(box).toBeFocused();
    await box.pressSequentially('近邻党建', { delay: 30 });

    const results = page.getByRole('listbox', { name: '搜索结果' });
    const first = results.getByRole('option').first();
    await expect(first).toContainText(TITLE);
    await expect(first.locator('mark').first()).toHaveText('近邻党建');
    await page.screenshot({ path: 'test-results/thin-path-search.png' });

    await first.click();
    const article = page.getByRole('article');
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    await expect(article.locator('time')).toHaveText(/2022年9月13日.*08:49/);
    await expect(article).toContainText('本报记者 郑昭');
    const paragraphs = article.locator('.article-body p');
    await expect(paragraphs.first()).toHaveText(/^城市是改革开放和现代化建设的主战场/);
    expect(await paragraphs.count()).toBeGreaterThan(10);
    await expect(
      article.getByRole('heading', { level: 2, name: '赋权扩能,做强街道“动力轴心”' }),
    ).toBeVisible();

    const bookmark = page.getByRole('button', { name: '加入书签' });
    await expect(bookmark).toHaveAttribute('aria-pressed', 'false');
    await bookmark.click();
    await expect(bookmark).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: 'test-results/thin-path-reader.png' });

    await page.reload();
    await expect(page.getByRole('combobox', { name: '搜索档案' })).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: /^书签/ }).click();
    const bookmarks = page.getByRole('listbox', { name: '书签' });
    await expect(bookmarks.getByRole('option')).toHaveCount(1);
    await expect(bookmarks.getByRole('option').first()).toContainText(TITLE);
    await bookmarks.getByRole('option').first().click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);
    await expect(page.getByRole('button', { name: '加入书签' })).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: 'test-results/thin-path-bookmarks.png' });

    // Take the bookmark off again: the keyboard test below starts from an unbookmarked article.
    await page.getByRole('button', { name: '加入书签' }).click();
    await expect(page.getByRole('button', { name: '加入书签' })).toHaveAttribute('aria-pressed', 'false');
    expect(appErrors(page)).toEqual([]);
  });

  test('keyboard: / focuses search, arrows and Enter open, Ctrl+D bookmarks, Esc returns', async ({
    page,
    appUrl,
  }) => {
    await openApp(page, appUrl('/'));
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: '搜索档案' });
    await expect(box).toBeFocused();
    await page.keyboard.type('党建');
    const options = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option');
    await expect(options.first()).toContainText(TITLE);
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);

    const bookmark = page.getByRole('button', { name: '加入书签' });
    await page.keyboard.press('Control+d');
    await expect(bookmark).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Control+d');
    await expect(bookmark).toHaveAttribute('aria-pressed', 'false');

    await page.keyboard.press('Escape');
    await expect(box).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(box).toHaveValue('');

    await page.keyboard.press('Control+k');
    await expect(box).toBeFocused();
    await box.blur();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    expect(appErrors(page)).toEqual([]);
  });

  test('without the token the page says how to open it', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('会话令牌无效');
  });
});
