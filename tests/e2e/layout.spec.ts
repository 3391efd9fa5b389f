/**
 * The window's shell (#17, small things): "?" in the empty search box opens the shortcuts sheet; the
 * sidebar counts notes before Notes is visited; below 900 px the list and the reader take turns in
 * one pane, with a back button (screenshots at 600 and 420 px go to test output).
 */
import { shoot } from './screenshots';
import { expect, test } from './serve-fixture';

const MAIN = 'cc7c2dac078dc3f5';

test('"?" in the empty search box opens the shortcuts; a question mark typed after text stays', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl('/'));
  const box = page.getByRole('combobox', { name: '搜索档案' });
  await expect(box).toBeFocused();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
  await expect(box).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toHaveCount(0);
  await box.fill('党建');
  await box.press('?');
  await expect(box).toHaveValue('党建?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toHaveCount(0);
});

test('the sidebar counts notes before Notes is visited', async ({ page, appUrl, request, token }) => {
  const res = await request.post('/api/call/library:addAnnotation', {
    headers: { 'X-Yuelan-Token': token },
    data: { articleId: MAIN, quote: '城市是改革开放', color: 'yellow', note: '开篇' },
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  await page.goto(appUrl('/'));
  await expect(page.getByRole('navigation').getByRole('button', { name: /^笔记/ })).toHaveText(/笔记\s*1/);
});

for (const width of [600, 420]) {
  test(`at ${width} px the list and the reader take turns, with a back button`, async ({ page, appUrl }) => {
    await page.setViewportSize({ width, height: 760 });
    await page.goto(appUrl('/'));
    await page.getByRole('combobox', { name: '搜索档案' }).fill('近邻党建');
    const list = page.getByRole('listbox', { name: '搜索结果' });
    await expect(list.getByRole('option').first()).toBeVisible();
    // The list has the width to itself: no reader beside it.
    await expect(page.getByText('从左侧选择一篇文章开始阅读。')).toBeHidden();
    const listBox = (await list.boundingBox())!;
    expect(listBox.width).toBeGreaterThan(width * 0.6);
    await shoot(page, `narrow-${width}-list`);

    await list.getByRole('option').first().click();
    const title = page.getByRole('main').getByRole('heading', { level: 1 });
    await expect(title).toBeVisible();
    await expect(list).toBeHidden();
    // The text is readable: far more than a few characters a line.
    expect((await title.boundingBox())!.width).toBeGreaterThan(width * 0.6);
    await shoot(page, `narrow-${width}-reader`);

    await page.getByRole('button', { name: '返回列表' }).click();
    await expect(list).toBeVisible();
    await expect(title).toBeHidden();
    // Esc from the reader does the same.
    await list.getByRole('option').first().click();
    await expect(title).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(list).toBeVisible();
  });
}
