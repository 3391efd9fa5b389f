/**
 * Bookmarks: added from a list with Ctrl+D, tagged (suggested from existing tags) with a note,
 * filtered by tag, and removed in bulk with an Undo that puts them back (button and Ctrl+Z).
 */
import { expect, test } from './serve-fixture';

test('bookmarks: add from a list, tag and note, filter, bulk remove and undo', async ({ page, appUrl }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(appUrl('/'));
  const nav = (name: RegExp) => page.getByRole('navigation').getByRole('button', { name });

  // Three bookmarks from All articles, by keyboard (Ctrl+D on the selected row).
  await nav(/^全部文章/).click();
  const all = page.getByRole('listbox', { name: '全部文章' });
  await expect(all.getByRole('option').first()).toBeVisible();
  await all.focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+d');
    await expect(page.getByRole('status').getByText('已加入书签').nth(i)).toBeVisible();
  }

  await nav(/^书签/).click();
  const list = page.getByRole('listbox', { name: '书签' });
  await expect(list.getByRole('option')).toHaveCount(3);

  // Tag the first one and give it a note.
  await list.getByRole('option').first().click();
  const tags = page.getByLabel('标签', { exact: true });
  await tags.fill('山西');
  await tags.press('Enter');
  await page.getByLabel('备注').fill('留作参考');
  // Saved as typed: no Save button.
  await expect(page.getByText('已自动保存')).toBeVisible();
  await expect(list.getByRole('option').first()).toContainText('山西');
  await expect(list.getByRole('option').first()).toContainText('留作参考');

  // The second one: the tag is offered from the existing ones.
  await list.getByRole('option').nth(1).click();
  await expect(page.locator('#bookmark-tags-suggestions option[value="山西"]')).toHaveCount(1);

  // Filter by tag.
  await page.getByLabel('按标签筛选').selectOption('山西');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByLabel('按标签筛选').selectOption('');
  await expect(list.getByRole('option')).toHaveCount(3);

  // Bulk remove two, then undo.
  await page.getByRole('button', { name: '选择' }).click();
  await expect(list).toHaveAttribute('aria-multiselectable', 'true');
  await list.getByRole('option').nth(0).click();
  await list.getByRole('option').nth(1).click();
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: '移除书签' }).click();
  await expect(list.getByRole('option')).toHaveCount(1);
  // The article open in the reader (the second bookmark, clicked above) follows the library.
  const readerBookmark = page.getByRole('main').getByRole('button', { name: '加入书签', exact: true });
  await expect(readerBookmark).toHaveAttribute('aria-pressed', 'false');
  const toast = page.getByRole('group', { name: '已移除 2 个书签' });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(readerBookmark).toHaveAttribute('aria-pressed', 'true');
  await expect(list.getByRole('option').first()).toContainText('山西');

  // Remove all, then undo with Ctrl+Z.
  await page.getByRole('button', { name: '选择' }).click();
  await page.getByRole('button', { name: '全选' }).click();
  await page.getByRole('button', { name: '移除书签' }).click();
  await expect(page.getByText('还没有书签')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('option')).toHaveCount(3);
  expect(errors).toEqual([]);
});
