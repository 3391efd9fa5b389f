/**
 * Sources marks what a saved-page import was unsure of (#12): a folder holding an HTML page that
 * prints no time, a WARC with three pages (one of them undated) and a WARC cut short is imported
 * through the UI; each row says its format, a web archive's page count, "partly imported" with the
 * reason for the cut one, and the low-confidence pages (folded under a count, opened by keyboard) with
 * what was unsure. In Chinese, then in English; the view passes axe.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './serve-fixture';
import { expectAccessible } from './accessibility';
import { BODY, newsHtml, warcFile } from '../helpers/saved-pages';

const page = (title: string, time?: string): string =>
  newsHtml({ title, ...(time ? { time } : {}), paragraphs: BODY });

function makeFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'yuelan-sources-saved-')), 'saved');
  mkdirSync(folder);
  writeFileSync(join(folder, 'undated.htm'), page('代表委员热议政府工作报告'));
  const response = (uri: string, payload: string) => ({
    type: 'response' as const,
    uri,
    date: '2024-03-06T01:00:00Z',
    contentType: 'text/html; charset=utf-8',
    payload,
  });
  writeFileSync(
    join(folder, 'news.warc.gz'),
    warcFile(
      [
        response('https://www.news.cn/a.htm', page('十四届全国人大二次会议开幕', '2024-03-05 09:30')),
        response('https://www.news.cn/b.htm', page('代表通道上的新面孔')),
        response('https://www.news.cn/c.htm', page('政府工作报告解读', '2024-03-05 11:00')),
      ],
      { gzip: true },
    ),
  );
  const cut = warcFile(
    [
      response('https://www.news.cn/d.htm', page('部长通道回应民生关切', '2024-03-06 08:00')),
      response('https://www.news.cn/e.htm', page('委员建言科技创新', '2024-03-06 09:00')),
    ],
    { gzip: true },
  );
  writeFileSync(join(folder, 'cut.warc.gz'), cut.subarray(0, cut.length - 300));
  return folder;
}

test("Sources shows each saved file's format, pages, partial import and unsure pages", async ({
  page: tab,
  appUrl,
}) => {
  test.setTimeout(120_000);
  const folder = makeFolder();
  const errors: string[] = [];
  tab.on('pageerror', (err) => errors.push(err.message));
  try {
    await tab.goto(appUrl('/'));
    await tab.getByRole('navigation').getByRole('button', { name: /^来源/ }).click();
    await tab.getByLabel('文件或文件夹路径').fill(folder);
    await tab.getByRole('button', { name: '导入', exact: true }).click();
    await expect(tab.locator('.import-report')).toContainText('文件 3 个导入', { timeout: 60_000 });

    // The list's name is worded in the UI language; its rows are the same in both.
    const row = (name: string) => tab.locator('.source-list > article').filter({ hasText: name });
    await expect(tab.getByRole('feed', { name: '来源文件' })).toBeVisible();
    await expect(row('undated.htm').locator('.source-facts')).toHaveText('HTML');
    await expect(row('news.warc.gz').locator('.source-facts')).toHaveText(/^WARC\s+3 个网页\s*$/);
    const cut = row('cut.warc.gz');
    await expect(cut.locator('.source-facts')).toContainText('部分导入');
    await expect(cut.locator('.source-reason')).toHaveText(/^文件不完整或已损坏：\S/);

    const unsure = row('news.warc.gz').locator('details.low-confidence');
    await expect(unsure.locator('summary')).toHaveText('1 篇提取不确定');
    await unsure.locator('summary').focus();
    await tab.keyboard.press('Enter');
    const pages = unsure.getByRole('list', { name: '提取不确定的文章' });
    await expect(pages).toContainText('代表通道上的新面孔 — 未找到时间');
    await expect(pages).toContainText('https://www.news.cn/b.htm');
    await row('undated.htm').locator('details.low-confidence summary').click();
    await expect(row('undated.htm')).toContainText('代表委员热议政府工作报告 — 未找到时间');
    await expectAccessible(tab, 'sources with saved pages');
    await tab.screenshot({ path: 'test-results/screenshots/sources-saved-pages.png', fullPage: true });

    await tab.getByRole('navigation').getByRole('button', { name: /^设置/ }).click();
    await tab.getByLabel('界面语言').selectOption('en');
    await tab
      .getByRole('navigation')
      .getByRole('button', { name: /^Sources/ })
      .click();
    await expect(cut.locator('.source-facts')).toContainText('Partly imported');
    await expect(row('news.warc.gz').locator('summary')).toHaveText('1 unsure extraction');
    await row('news.warc.gz').locator('summary').click();
    await expect(row('news.warc.gz')).toContainText('no time found');
    await tab.screenshot({ path: 'test-results/screenshots/sources-saved-pages-en.png', fullPage: true });
  } finally {
    rmSync(join(folder, '..'), { recursive: true, force: true });
  }
  expect(errors).toEqual([]);
});
