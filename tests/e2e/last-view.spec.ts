/** The app reopens on the view it was left on (the desktop window restores its size likewise). */
import { expect, test } from './serve-fixture';

test('the last view is restored after a reload', async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  await expect(page.getByRole('combobox', { name: '搜索档案' })).toBeVisible();
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: /^全部文章/ }).click();
  await expect(page.getByRole('heading', { name: '全部文章' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '全部文章' })).toBeVisible();
  await nav.getByRole('button', { name: /^搜索/ }).click();
  await page.reload();
  await expect(page.getByRole('combobox', { name: '搜索档案' })).toBeVisible();
});
