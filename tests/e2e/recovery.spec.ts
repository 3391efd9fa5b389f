/**
 * A damaged library at start: the app opens anyway, restores the newest good backup and tells the
 * user in a banner. Starts its own serve shell (the built one), not the spec fixture's, on a data
 * folder it damages first.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';

let dir = '';
let server: ServeProcess | undefined;

test.afterEach(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, ['out/main/cli.js', ...args, '--data', dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

test('a garbage library.json is set aside, the backup restored, and the app says so', async ({ page }) => {
  dir = mkdtempSync(join(tmpdir(), 'yuelan-recovery-'));
  const [first] = JSON.parse(cli('search', '近邻党建', '--json', '--limit', '1')) as { id: string }[];
  cli('bookmark', 'add', first!.id);
  cli('bookmark', 'ls'); // another start: a backup of the good state is taken
  writeFileSync(join(dir, 'library.json'), '{"schemaVersion": 2, "bookmarks": [');

  server = await startServe(dir, 'recovery-token-0123456789ab', { built: true });
  await page.goto(server.url);
  // The banner says it in the UI language (zh-CN here): which file, where it was set aside, and which
  // backup it was restored from, the paths as text.
  const banner = page.getByRole('status').filter({ hasText: 'library.json' });
  const setAside = escapeRegExp(join(dir, 'library.json.bad-'));
  const backup = escapeRegExp(join(dir, 'backups') + sep);
  await expect(banner).toContainText(
    new RegExp(`书库文件 library\\.json 无法读取，已另存为 ${setAside}\\S+，并从备份 ${backup}\\S+ 恢复。`),
  );
  await expect(banner.locator('code')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/recovery-banner.png' });
  // It can be closed from the keyboard.
  await banner.getByRole('button', { name: '关闭提示' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toHaveCount(0);
  // The bookmark made before the damage is back.
  await page.getByRole('navigation').getByRole('button', { name: /^书签/ }).click();
  await expect(page.getByRole('listbox', { name: '书签' }).getByRole('option')).toHaveCount(1);
});
