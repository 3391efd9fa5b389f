/**
 * The reader's tools on the seed's main article: find in article (Ctrl+F) with a count and next /
 * previous, the outline of section headings, saving as Markdown, font size keys, and j/k.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './serve-fixture';

const TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';

test.beforeEach(async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  await page.getByRole('combobox', { name: '搜索档案' }).fill('近邻党建');
  await expect(page.getByRole('option').first()).toContainText(TITLE);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);
});

test('find in article counts matches, steps through them, folds Traditional', async ({ page }) => {
  await page.keyboard.press('Control+f');
  const input = page.getByRole('searchbox', { name: '在文章中查找' });
  await expect(input).toBeFocused();
  await input.fill('近鄰黨建');
  const count = page.locator('.find-count');
  await expect(count).toHaveText(/^1 \/ \d+$/);
  const total = Number((await count.textContent())!.split('/')[1]);
  expect(total).toBeGreaterThan(1);
  await expect(page.locator('.article-body mark')).toHaveCount(total);
  await expect(page.locator('.article-body mark.current')).toHaveText('近邻党建');
  await input.press('Enter');
  await expect(count).toHaveText(`2 / ${total}`);
  await input.press('Shift+Enter');
  await input.press('Shift+Enter');
  await expect(count).toHaveText(`${total} / ${total}`);
  await page.screenshot({ path: 'test-results/reader-find.png' });
  await input.press('Escape');
  await expect(input).toBeHidden();
  await expect(page.locator('.article-body mark')).toHaveCount(0);
});

test('outline jumps to a section; the progress bar follows', async ({ page }) => {
  const outline = page.getByRole('navigation', { name: '目录' });
  const entries = outline.getByRole('button');
  expect(await entries.count()).toBeGreaterThan(1);
  const last = entries.last();
  const name = (await last.textContent())!.trim();
  await last.click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeInViewport();
  await expect
    .poll(async () =>
      Number(await page.getByRole('progressbar', { name: '阅读进度' }).getAttribute('aria-valuenow')),
    )
    .toBeGreaterThan(50);
});

test('save as Markdown downloads the article', async ({ page }) => {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '保存 .md' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${TITLE}.md`);
  const text = await readFile((await file.path())!, 'utf8');
  expect(text.startsWith(`# ${TITLE}\n`)).toBe(true);
  expect(text).toContain('## 赋权扩能,做强街道“动力轴心”');
});

test('font size keys change the reader text', async ({ page }) => {
  const paragraph = page.locator('.article-body p').first();
  const before = await paragraph.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect
    .poll(() => paragraph.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)))
    .toBe(before + 2);
  await page.keyboard.press('Control+0');
  await expect.poll(() => paragraph.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBe(18);
});

test('j and k walk the current list', async ({ page }) => {
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();
  const options = page.getByRole('listbox', { name: '全部文章' }).getByRole('option');
  await options.first().click();
  const heading = page.getByRole('article').getByRole('heading', { level: 1 });
  const first = await heading.textContent();
  await page.keyboard.press('j');
  await expect(heading).not.toHaveText(first!);
  await expect(options.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(heading).toHaveText(first!);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(heading).not.toHaveText(first!);
});
