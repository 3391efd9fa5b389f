/**
 * Importing a folder through the UI: a progress bar while it runs, then the Sources view lists the
 * binary file as rejected with its reason and the good pages as imported. The folder is made here:
 * 60 copies of the seed page with edited titles (enough files for progress events) and one file of
 * binary bytes.
 */
import { expect, test } from './serve-fixture';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SEED = 'seeds/000_b120d21b52c3fbe4.txt';
const MAIN_TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';
const PAGES = 60;

function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yuelan-sources-'));
  const folder = join(dir, 'archive');
  mkdirSync(folder);
  const seed = readFileSync(SEED, 'utf8');
  for (let i = 1; i <= PAGES; i++) {
    const page = seed.replaceAll(MAIN_TITLE, `${MAIN_TITLE}（第${i}期）`);
    writeFileSync(join(folder, `page-${String(i).padStart(2, '0')}.txt`), page);
  }
  const binary = Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0x0a]);
  writeFileSync(join(folder, 'broken.txt'), Buffer.concat(Array.from({ length: 64 }, () => binary)));
  return folder;
}

test('import a folder with a bad file: progress, then Sources lists each file with its status', async ({
  page,
  appUrl,
}) => {
  test.setTimeout(120_000);
  const folder = makeFolder();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // Remember whether the progress bar was ever on screen (the import may be quick).
  await page.addInitScript(() => {
    const seen = (): void => {
      if (document.querySelector('.import-progress [role="progressbar"]')) {
        (window as unknown as { sawProgress: boolean }).sawProgress = true;
      }
    };
    new MutationObserver(seen).observe(document, { subtree: true, childList: true });
  });

  try {
    await page.goto(appUrl('/'));
    await page.getByRole('navigation').getByRole('button', { name: /^来源/ }).click();
    await expect(page.getByText('拖放文件导入需要阅览桌面版')).toBeVisible();
    await page.getByLabel('文件或文件夹路径').fill(folder);
    await page.getByRole('button', { name: '导入', exact: true }).click();

    await expect
      .poll(() => page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress))
      .toBe(true);
    const report = page.locator('.import-report');
    await expect(report).toContainText(`文件 ${PAGES} 个导入，1 个被拒绝`, { timeout: 60_000 });

    // The list is a feed: a window of its rows in the DOM, each knowing its place in the whole.
    const sources = page.getByRole('feed', { name: '来源文件' });
    const bad = sources.getByRole('article').filter({ hasText: 'broken.txt' });
    await expect(bad).toContainText('已拒绝');
    // The reason: its category in Chinese, then the core's detail as it wrote it.
    await expect(bad.locator('.source-reason')).toHaveText(/^不是文本文件：\S/);
    // Rejected files come first.
    await expect(bad).toHaveAttribute('aria-posinset', '1');
    await expect(page.locator('.report-rejected')).toContainText('broken.txt — 不是文本文件：');
    const good = sources.getByRole('article').filter({ hasText: 'page-01.txt' });
    await expect(good).toContainText('已导入');
    // The seed, the pages and the broken file.
    await expect(bad).toHaveAttribute('aria-setsize', String(PAGES + 2));
    const filter = page.getByRole('radiogroup', { name: '按状态筛选' });
    await expect(filter.getByText('已导入')).toContainText(String(PAGES + 1));

    // The filter shows the rejected file alone.
    await filter.getByText('已拒绝').click();
    await expect(sources.getByRole('article')).toHaveCount(1);
    await expect(sources.getByRole('article')).toHaveAttribute('aria-setsize', '1');
    await page.screenshot({ path: 'test-results/screenshots/sources-import.png' });
  } finally {
    rmSync(join(folder, '..'), { recursive: true, force: true });
  }
  expect(errors).toEqual([]);
});
