/**
 * `yuelan sync` (runCli, the command's own entry, in this process to keep it quick) on two data folders, through rclone's WebDAV server: setup with the
 * password and passphrase from the environment, secrets kept 0600 and never in library.json, a
 * bookmark carried across, status, a wrong passphrase refused, off.
 */
import { runCli } from '../../src-main/cli.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { startWebDav, type DavServer } from './helpers.js';

const PASSWORD = 'pw-Secret-7731';
const PASSPHRASE = 'passphrase-Secret-5521';

async function yuelan(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, { YUELAN_SYNC_PASSWORD: PASSWORD, YUELAN_SYNC_PASSPHRASE: PASSPHRASE, ...env });
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(['--data', dir, ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      status: () => undefined,
      isTTY: false,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = saved;
  }
}

let server: DavServer;
beforeAll(async () => {
  server = await startWebDav(undefined, undefined, { user: 'u', password: PASSWORD });
});
afterAll(() => server?.stop());

describe('yuelan sync', () => {
  it('sets up, syncs a bookmark to a second device, tells its status, refuses a wrong passphrase, turns off', async () => {
    const a = await tempDir();
    const b = await tempDir();
    const url = `${server.url}library`;
    const setupA = await yuelan(a, ['sync', 'setup', '--webdav', url, '--user', 'u']);
    expect(setupA.err).toBe('');
    expect(setupA.out).toMatch(/started a new library at .*end-to-end encrypted/);
    const secrets = join(a, 'sync', 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).not.toContain(PASSPHRASE);

    const id = (JSON.parse((await yuelan(a, ['list', '--json'])).out) as { id: string }[])[0]!.id;
    expect((await yuelan(a, ['bookmark', 'add', id, '--tag', '同步'])).code).toBe(0);
    const sent = await yuelan(a, ['sync', '--json']);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out)).toMatchObject({ ok: true, sent: 1 });
    for (const file of ['library.json', join('sync', 'config.json'), join('sync', 'state.json')]) {
      const text = readFileSync(join(a, file), 'utf8');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(PASSPHRASE);
    }

    expect((await yuelan(b, ['sync', 'setup', '--webdav', url, '--user', 'u'])).out).toMatch(
      /joined the library/,
    );
    const got = await yuelan(b, ['sync']);
    expect(got.out).toMatch(/^Sent 0, received 1, merged 0\./);
    expect(JSON.parse((await yuelan(b, ['bookmark', 'ls', '--json'])).out)).toEqual([
      expect.objectContaining({ articleId: id, tags: ['同步'] }),
    ]);
    expect((await yuelan(b, ['sync', 'status'])).out).toMatch(
      /Syncing with .*library as u, end-to-end encrypted[\s\S]*Last sync/,
    );

    const c = await tempDir();
    const wrong = await yuelan(c, ['sync', 'setup', '--webdav', url, '--user', 'u'], {
      YUELAN_SYNC_PASSPHRASE: 'not it',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/passphrase does not open this sync target/);
    expect(existsSync(join(c, 'sync', 'config.json'))).toBe(false);

    expect((await yuelan(b, ['sync', 'off'])).code).toBe(0);
    expect(existsSync(join(b, 'sync', 'secrets.json'))).toBe(false);
    expect((await yuelan(b, ['sync', 'status'])).out).toMatch(/^Sync is off/);
    expect(JSON.parse((await yuelan(b, ['bookmark', 'ls', '--json'])).out)).toHaveLength(1);
  }, 60_000);
});
