/**
 * A bookmark's tags and note are the user's own words: saved as they are typed (no Save button),
 * kept over a view switch and a reload, taggable from the reader, and an un-bookmark from the reader
 * (its button or Ctrl+D) offers Undo (the toast and Ctrl+Z) that brings back the tags and the note.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';

const nav = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('button', { name });

/** Bookmarks the first article of All articles with Ctrl+D and opens Bookmarks on it. */
async function bookmarkFirst(page: Page): Promise<void> {
  await nav(page, /^全部文章/).click();
  const all = page.getByRole('listbox', { name: '全部文章' });
  await expect(all.getByRole('option').first()).toBeVisible();
  await all.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('status').getByText('已加入书签').first()).toBeVisible();
  await nav(page, /^书签/).click();
  await page.getByRole('listbox', { name: '书签' }).getByRole('option').first().click();
}

test('tags and notes are saved as typed, over a view switch and a reload', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  await page.goto(appUrl('/'));
  await bookmarkFirst(page);
  const list = page.getByRole('listbox', { name: '书签' });

  // A tag made a chip, then straight to another view: nothing pressed to save.
  const tags = page.getByLabel('标签', { exact: true });
  await tags.fill('山西');
  await tags.press('Enter');
  await page.getByLabel('备注').fill('留作参考');
  await nav(page, /^全部文章/).click();
  await page.reload();
  await nav(page, /^书签/).click();
  await expect(list.getByRole('option').first()).toContainText('山西');
  await expect(list.getByRole('option').first()).toContainText('留作参考');

  // Typing, then a reload at once: the keystrokes are not lost.
  await list.getByRole('option').first().click();
  await page.getByLabel('备注').fill('留作参考，第二遍');
  await page.reload();
  await nav(page, /^书签/).click();
  await expect(list.getByRole('option').first()).toContainText('留作参考，第二遍');
  // And it reached the library, not only this page's storage.
  await expect
    .poll(async () => {
      const res = await request.post('/api/call/library:bookmarks', {
        headers: { 'X-Yuelan-Token': token },
        data: {},
      });
      const body = (await res.json()) as { value: { tags: string[]; note?: string }[] };
      return body.value.map((b) => [b.tags, b.note]);
    })
    .toEqual([[['山西'], '留作参考，第二遍']]);
});

test('the reader tags a bookmark; un-bookmarking there offers Undo with tags and note', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl('/'));
  const list = page.getByRole('listbox', { name: '书签' });
  await nav(page, /^书签/).click();
  await list.getByRole('option').first().click();
  await expect(page.getByLabel('备注')).toHaveValue('留作参考，第二遍');

  // The reader's own tag field.
  const main = page.getByRole('main');
  const readerTags = main.getByRole('combobox', { name: '书签标签' });
  await readerTags.fill('城市');
  await readerTags.press('Enter');
  await expect(list.getByRole('option').first()).toContainText('城市');
  await page.screenshot({ path: test.info().outputPath('reader-bookmark-tags.png') });

  // Taking a tag off offers Undo too.
  await main.getByRole('button', { name: '移除标签 城市' }).click();
  const chip = list.getByRole('option').first().locator('.tag-chip', { hasText: '城市' });
  await expect(chip).toHaveCount(0);
  const tagToast = page.getByRole('group', { name: '已移除标签：城市' });
  await tagToast.getByRole('button', { name: '撤销' }).click();
  await expect(chip).toHaveCount(1);

  // Ctrl+D in the reader: removed, with Undo; Ctrl+Z puts back the tags and the note.
  await main.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('group', { name: '已移除 1 个书签' })).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('山西');
  await expect(list.getByRole('option').first()).toContainText('城市');
  await expect(list.getByRole('option').first()).toContainText('留作参考，第二遍');

  // The "Bookmarked" button: the same, undone from the toast's button.
  await main.getByRole('button', { name: '加入书签', exact: true }).click();
  const toast = page.getByRole('group', { name: '已移除 1 个书签' });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect(list.getByRole('option').first()).toContainText('留作参考，第二遍');
  await expect(main.getByRole('button', { name: '加入书签', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});
