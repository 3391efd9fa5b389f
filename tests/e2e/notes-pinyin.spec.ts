/**
 * Pinyin in the user's own notes (#17): the Notes filter finds a note by pinyin (`yinyan` for 引言),
 * and "My notes" search finds a bookmark's note, by its text and by pinyin.
 */
import { expect, test } from './serve-fixture';

test('the Notes filter and My notes search take pinyin; bookmark notes are searched', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  const api = async (channel: string, data: object): Promise<unknown> => {
    const res = await request.post(`/api/call/${channel}`, { headers: { 'X-Yuelan-Token': token }, data });
    const body = (await res.json()) as { ok: boolean; value: unknown };
    expect(body.ok).toBe(true);
    return body.value;
  };
  const MAIN = 'cc7c2dac078dc3f5';
  await api('library:addAnnotation', {
    articleId: MAIN,
    quote: '城市是改革开放',
    color: 'green',
    note: '可作引言',
  });
  await api('library:setBookmark', { articleId: MAIN, bookmarked: true, note: '留作开篇参考' });

  await page.goto(appUrl('/'));
  await page.getByRole('navigation').getByRole('button', { name: /^笔记/ }).click();
  const list = page.getByRole('listbox', { name: '笔记列表' });
  await page.getByLabel('筛选引文、笔记、标签与标题').fill('yinyan');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('可作引言');

  await page.getByRole('navigation').getByRole('button', { name: /^搜索/ }).click();
  await page.getByRole('radio', { name: '我的笔记' }).click();
  const box = page.getByRole('combobox', { name: '搜索档案' });
  for (const q of ['开篇', 'kaipian']) {
    await box.fill(q);
    await expect(page.getByText('留作开篇参考')).toBeVisible();
  }
  await box.fill('yinyan');
  await expect(page.getByText('可作引言')).toBeVisible();
});
