/**
 * Search hints (#17): a two-character typo offers the word meant ("你是不是要找：温州") and titles
 * holding it, not "try a shorter word"; a query of only punctuation lists the newest articles as the
 * empty box does, instead of "N results"; sorted oldest first, that list says "最早的文章".
 */
import { expect, test } from './serve-fixture';

test('a typo offers the close word; punctuation alone is an empty query', async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  const box = page.getByRole('combobox', { name: '搜索档案' });
  const status = page
    .getByRole('status')
    .filter({ hasText: /篇|条结果|搜索/ })
    .first();

  await box.fill('温洲');
  await expect(page.getByText('没有找到“温洲”')).toBeVisible();
  await expect(page.getByText('更短的词')).toHaveCount(0);
  const offered = page.getByRole('list', { name: '你是不是要找：' });
  await expect(offered.getByRole('button').first()).toHaveText('温州');
  await expect(offered.getByRole('button').nth(1)).toContainText('温州');
  await page.screenshot({ path: test.info().outputPath('typo-did-you-mean.png') });
  await offered.getByRole('button', { name: '温州', exact: true }).click();
  await expect(box).toHaveValue('温州');
  await expect(page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first()).toContainText(
    '温州',
  );

  await box.fill('');
  await expect(status).toContainText('最新文章 · ');
  const newest = await status.textContent();
  for (const q of ['?', '，', '!!!']) {
    await box.fill(q);
    await expect(status).toHaveText(newest!);
    await expect(page.getByRole('listbox', { name: '最新文章' })).toBeVisible();
  }

  // Sorted oldest first, the empty box's list says so.
  await box.fill('');
  await page.getByRole('button', { name: /^筛选/ }).click();
  await page.getByRole('radiogroup', { name: '排序' }).getByRole('radio', { name: '最早' }).click();
  await expect(status).toContainText('最早的文章');
  await expect(page.getByRole('listbox', { name: '最早的文章' })).toBeVisible();
});

test('an inverted date range is refused with a message', async ({ page, appUrl }) => {
  await page.goto(appUrl('/'));
  await page.getByRole('button', { name: /^筛选/ }).click();
  const from = page.getByLabel('起始日期');
  const to = page.getByLabel('结束日期');
  await from.fill('2022-09-13');
  await expect(from).toHaveValue('2022-09-13');
  await to.fill('2022-09-01');
  await expect(page.getByRole('alert').filter({ hasText: '结束日期早于开始日期' })).toBeVisible();
  await expect(to).toHaveValue('');
  await to.fill('2022-09-30');
  await expect(page.getByRole('alert').filter({ hasText: '结束日期早于开始日期' })).toHaveCount(0);
});
