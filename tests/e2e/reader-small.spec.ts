/**
 * Reader details (#17, small things): a reading position inside the header is not restored (it
 * would cut the title), one past it is; a headline-only entry offers no Find and no Copy as Markdown.
 */
import type { Page } from '@playwright/test';
import { api } from './api-call';
import { expect, test } from './serve-fixture';

const MAIN = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';
const MAIN_ID = 'cc7c2dac078dc3f5';

async function openFromAll(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^全部文章/ })
    .click();
  await page
    .getByRole('listbox', { name: '全部文章' })
    .getByRole('option')
    .filter({ hasText: title })
    .first()
    .click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(title);
}

const scrollTop = (page: Page) => page.locator('.reader-scroll').evaluate((el) => el.scrollTop);

test('a position inside the header is not restored; one past it is', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  await api(request, token, 'library:setReading', { articleId: MAIN_ID, position: 0.03 });
  await page.goto(appUrl('/'));
  await openFromAll(page, MAIN);
  await expect(page.locator('.article-body p').first()).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeInViewport({ ratio: 1 });
  expect(await scrollTop(page)).toBe(0);

  await api(request, token, 'library:setReading', { articleId: MAIN_ID, position: 0.5 });
  await page.reload();
  await openFromAll(page, MAIN);
  await expect.poll(() => scrollTop(page)).toBeGreaterThan(300);
});

test('a headline-only entry offers no Find and no Copy as Markdown', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  const { hits } = await api<{ hits: { article: { title: string } }[] }>(request, token, 'archive:search', {
    q: '',
    kinds: ['headline'],
    limit: 1,
  });
  await page.goto(appUrl('/'));
  await openFromAll(page, hits[0]!.article.title);
  const tools = page.getByRole('toolbar', { name: '文章操作' });
  await expect(tools.getByRole('button', { name: '打印' })).toBeVisible();
  await expect(tools.getByRole('button', { name: '查找' })).toHaveCount(0);
  await expect(tools.getByRole('button', { name: '复制为 Markdown' })).toHaveCount(0);
  await openFromAll(page, MAIN);
  await expect(tools.getByRole('button', { name: '查找' })).toBeVisible();
});
