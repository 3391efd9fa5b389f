/**
 * Sources (#17, small things): the path field expands `~` (and says a relative path starts from
 * there), a bad path is named in full; a whole folder of sources is removed at once with Undo; once
 * the user has imported their own pages, the bundled demo archive is offered for removal in one
 * click, undoable.
 */
import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { generatePage } from '../fixtures/page-generator';
import { expect, test } from './serve-fixture';

let own = '';
test.describe.configure({ mode: 'serial' });
test.afterAll(async () => {
  if (own) await rm(own, { recursive: true, force: true });
});

const nav = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('button', { name });
const allCount = async (page: Page): Promise<number> =>
  Number((await nav(page, /^全部文章/).textContent())!.replace(/\D/g, ''));

test('a ~ path imports; the demo archive and a whole folder are removed with Undo', async ({
  page,
  appUrl,
}) => {
  own = await mkdtemp(join(homedir(), '.yuelan-e2e-own-'));
  for (let i = 0; i < 3; i++) await writeFile(join(own, `own-${i}.txt`), generatePage(900 + i).text);

  await page.goto(appUrl('/'));
  await nav(page, /^来源/).click();
  await expect(page.getByText('~ 是你的主文件夹，相对路径也从那里算起。')).toBeVisible();
  const field = page.getByLabel('文件或文件夹路径');

  // A path that does not exist is named in full, ~ expanded.
  await field.fill('~/no-such-folder-yuelan');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText(join(homedir(), 'no-such-folder-yuelan'))).toBeVisible();

  await field.fill(`~/${basename(own)}`);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText(`${own}/`, { exact: true })).toBeVisible();
  const withDemo = await allCount(page);

  // The demo archive, offered once the user's own pages are in: removed, then back with Undo.
  const offer = page.getByRole('note').filter({ hasText: '示例档案' });
  await expect(offer).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('sources-folders.png'), fullPage: true });
  await offer.getByRole('button', { name: '移除示例档案' }).click();
  const toast = page.getByRole('group', { name: '已移除示例档案' });
  await expect(toast).toBeVisible();
  await expect.poll(() => allCount(page)).toBeLessThan(withDemo);
  await expect(offer).toHaveCount(0);
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect.poll(() => allCount(page)).toBe(withDemo);

  // The user's folder as a whole: removed, then back with Ctrl+Z.
  await page.getByRole('button', { name: `移除文件夹 ${own}/ 中的全部文件` }).click();
  await expect(page.getByRole('group', { name: `已移除文件夹 ${own}/（3 个文件）` })).toBeVisible();
  await expect.poll(() => allCount(page)).toBeLessThan(withDemo);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(() => allCount(page)).toBe(withDemo);

  // The search's Source filter: grouped by folder, narrowed by what is typed.
  await nav(page, /^搜索/).click();
  await page.getByRole('button', { name: /^筛选/ }).click();
  const picker = page.locator('#search-source');
  await expect(picker.locator(`optgroup[label="${own}/"] option`)).toHaveCount(3);
  await expect(picker.locator('optgroup')).toHaveCount(2);
  // With its extension: the folder's random name (mkdtemp's) may itself hold "own-1".
  await page.getByLabel('查找来源…').fill('own-1.txt');
  await expect(picker.locator('optgroup')).toHaveCount(1);
  await expect(picker.locator('optgroup option')).toHaveText(['own-1.txt']);
  const status = page.locator('p.status[role="status"]').first();
  const unfiltered = await status.textContent();
  await picker.selectOption(join(own, 'own-1.txt'));
  await expect(picker).toHaveValue(join(own, 'own-1.txt'));
  await expect(status).not.toHaveText(unfiltered!);
});
