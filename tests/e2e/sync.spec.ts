/**
 * Sync in the app: two serve shells (two devices, two data folders) and rclone's WebDAV server. Device
 * A sets sync up in Settings (encrypted), bookmarks an article from the list and highlights a phrase;
 * device B sets up with the same passphrase and finds both. Screenshots of the Sync section.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWebDav, type DavServer } from '../sync/webdav-server';
import { expectAccessible } from './accessibility';
import { expect, test } from './serve-fixture';
import type { Page } from '@playwright/test';

let dav: DavServer;
let deviceB: ServeProcess;
let dirB: string;

test.beforeAll(async () => {
  dav = await startWebDav();
  dirB = mkdtempSync(join(tmpdir(), 'yuelan-e2e-b-'));
  deviceB = await startServe(dirB, 'sync-device-b-token-0123456789abcdef', { built: true });
});

test.afterAll(async () => {
  await deviceB?.kill();
  await dav?.stop();
  rmSync(dirB, { recursive: true, force: true });
  if (dav) rmSync(dav.dir, { recursive: true, force: true });
});

const nav = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('button', { name });

async function setUpSync(page: Page, shot?: string): Promise<void> {
  await nav(page, /^设置/).click();
  const section = page.getByRole('region', { name: '同步' });
  await expect(section.getByText('设置同步')).toBeVisible();
  await section.getByLabel('WebDAV 地址').fill(`${dav.url}yuelan`);
  await section.getByLabel('用户名').fill(dav.user);
  await section.getByLabel('密码', { exact: true }).fill(dav.password);
  await section.getByLabel('加密口令').fill('两台设备的口令');
  await section.getByLabel('再输一次').fill('两台设备的口令');
  if (shot) {
    await expectAccessible(page, 'sync setup');
    await section.screenshot({ path: `test-results/e2e/${shot}` });
  }
  await section.getByRole('button', { name: '连接并同步' }).click();
  await expect(section.getByText(/上次同步 .*：\s*发送 \d+，接收 \d+，合并 \d+/)).toBeVisible();
  await expect(section.getByText('端到端加密', { exact: true })).toBeVisible();
}

test('a bookmark and a highlight made on one device appear on the other', async ({
  page,
  appUrl,
  request,
  token,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(appUrl('/'));
  await setUpSync(page, 'sync-setup.png');

  // A: bookmark the first article by keyboard, highlight a phrase in it (through the API).
  await nav(page, /^全部文章/).click();
  const all = page.getByRole('listbox', { name: '全部文章' });
  await expect(all.getByRole('option').first()).toBeVisible();
  await all.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('status').getByText('已加入书签')).toBeVisible();
  const listed = (await (
    await request.post('/api/call/library:bookmarks', { headers: { 'X-Yuelan-Token': token }, data: {} })
  ).json()) as { value: { articleId: string; article?: { title: string } }[] };
  const { articleId } = listed.value[0]!;
  const added = await request.post('/api/call/library:addAnnotation', {
    headers: { 'X-Yuelan-Token': token },
    data: { articleId, quote: '党建', color: 'green', note: '从设备 A 来的笔记' },
  });
  expect(((await added.json()) as { ok: boolean }).ok).toBe(true);

  await nav(page, /^设置/).click();
  const section = page.getByRole('region', { name: '同步' });
  await section.getByRole('button', { name: '立即同步' }).click();
  await expect(section.getByText(/发送 [1-9]\d*，/)).toBeVisible();
  await section.getByRole('button', { name: '测试连接' }).click();
  await expect(section.getByText(/连接正常：目标上有 \d+ 个文件/)).toBeVisible();
  await expectAccessible(page, 'sync status');
  await section.screenshot({ path: 'test-results/e2e/sync-status.png' });

  // B: set up with the same passphrase; the bookmark and the note are there.
  const pageB = await page.context().newPage();
  pageB.on('pageerror', (err) => errors.push(err.message));
  await pageB.goto(deviceB.url);
  await setUpSync(pageB);
  await nav(pageB, /^书签/).click();
  await expect(pageB.getByRole('listbox', { name: '书签' }).getByRole('option')).toHaveCount(1);
  await expect(pageB.getByRole('listbox', { name: '书签' }).getByRole('option').first()).toContainText(
    listed.value[0]!.article!.title.slice(0, 8),
  );
  const notes = await deviceB.call<{ note?: string; articleId: string }[]>('library:annotations', {});
  expect(notes.json.value).toEqual([expect.objectContaining({ articleId, note: '从设备 A 来的笔记' })]);
  await nav(pageB, /^笔记/).click();
  await expect(pageB.getByText('从设备 A 来的笔记').first()).toBeVisible();
  await pageB.screenshot({ path: 'test-results/e2e/sync-device-b-notes.png' });
  expect(errors).toEqual([]);
});
