/**
 * Sync through a real WebDAV server (Debian's rclone, `rclone serve webdav`) with two devices:
 * encrypted by default, so the server's files hold no text of the library; a wrong passphrase is
 * refused before anything changes; a server that fails or goes away mid-sync loses nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '../../src-main/archive/sync/seal.js';
import { SyncTargetError } from '../../src-main/archive/sync/drivers/driver.js';
import { ARTICLE, ARTICLE2, device, startWebDav, target, type DavServer, type Device } from './helpers.js';
import { faultProxy, type FaultProxy } from './fault-proxy.js';

let server: DavServer;
let proxy: FaultProxy;
beforeAll(async () => {
  server = await startWebDav();
  proxy = await faultProxy(server.url);
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

let folders = 0;
/** A fresh folder on the server for each test, made by the first device's setup. */
async function pair(passphrase = '我的口令'): Promise<{ a: Device; b: Device; url: string; dir: string }> {
  const name = `lib${++folders}`;
  const url = `${proxy.url}${name}`;
  const a = await device();
  const b = await device();
  const setup = { target: { type: 'webdav' as const, url, user: 'u' }, password: 'p', passphrase };
  await a.sync.setup(setup);
  await b.sync.setup(setup);
  return { a, b, url, dir: join(server.dir, name) };
}

async function serverText(dir: string): Promise<string> {
  const names = await readdir(join(dir, 'items'));
  const bodies = await Promise.all(names.map((n) => readFile(join(dir, 'items', n), 'latin1')));
  return names.join('\n') + (await readFile(join(dir, 'manifest.json'), 'latin1')) + bodies.join('\n');
}

describe('sync through WebDAV (rclone)', () => {
  it('carries edits both ways, sealed: the server holds no text, no article id', async () => {
    proxy.failAfter(Infinity, 'ok');
    const { a, b, dir } = await pair();
    await a.library.setBookmark(ARTICLE, { tags: ['secret-tag'], note: 'SECRETNOTE 私人笔记' });
    const ann = await a.library.addAnnotation({
      articleId: ARTICLE2,
      target: target(),
      color: 'blue',
      note: 'HIDDENTEXT',
    });
    expect(await a.sync.sync()).toMatchObject({ ok: true, sent: 2 });
    const raw = await serverText(dir);
    for (const secret of ['SECRETNOTE', 'secret-tag', 'HIDDENTEXT', ARTICLE, ARTICLE2, ann.id, '近邻']) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toContain(Buffer.from('私人笔记').toString('latin1'));
    expect((await readdir(join(dir, 'items'))).every((n) => /^[0-9a-f]{40}\.yls$/.test(n))).toBe(true);

    expect(await b.sync.sync()).toMatchObject({ ok: true, received: 2 });
    expect(b.library.listBookmarks()[0]).toMatchObject({ tags: ['secret-tag'], note: 'SECRETNOTE 私人笔记' });
    await b.library.updateAnnotation(ann.id, { color: 'purple', tags: ['b'] });
    await a.library.updateAnnotation(ann.id, { tags: ['a'] });
    await b.sync.sync();
    await a.sync.sync();
    await b.sync.sync();
    for (const d of [a, b]) {
      expect(d.library.getAnnotation(ann.id)).toMatchObject({ color: 'purple', note: 'HIDDENTEXT' });
      expect(d.library.getAnnotation(ann.id)!.tags.sort()).toEqual(['a', 'b']);
    }
  });

  it('refuses a wrong passphrase clearly, changing nothing on this device', async () => {
    proxy.failAfter(Infinity, 'ok');
    const { a, url } = await pair('right one');
    await a.library.setBookmark(ARTICLE, { note: 'kept' });
    await a.sync.sync();
    const c = await device();
    await c.library.setBookmark(ARTICLE2, { note: 'mine' });
    const before = await readFile(join(c.dir, 'library.json'), 'utf8');
    const attempt = c.sync.setup({
      target: { type: 'webdav', url, user: 'u' },
      password: 'p',
      passphrase: 'wrong one',
    });
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(attempt).rejects.toThrow(/passphrase does not open/);
    expect(await readFile(join(c.dir, 'library.json'), 'utf8')).toBe(before);
    expect((await c.sync.status()).configured).toBe(false);
  });

  it('refuses a wrong password with words the user can act on', async () => {
    proxy.failAfter(Infinity, 'ok');
    const c = await device();
    const attempt = c.sync.setup({
      target: { type: 'webdav', url: `${proxy.url}`, user: 'u' },
      password: 'nope',
      passphrase: 'x',
    });
    await expect(attempt).rejects.toThrow(/refused the user name or password/);
  });

  it.each([500, 507, 'cut'] as const)('loses nothing when the server fails mid-sync (%s)', async (fault) => {
    proxy.failAfter(Infinity, 'ok');
    const { a, b } = await pair();
    for (let i = 0; i < 8; i++) {
      await a.library.addAnnotation({ articleId: ARTICLE, target: target(), color: 'yellow', note: `n${i}` });
    }
    // Fail part way through the uploads (a list, then a PUT and a MOVE per file).
    proxy.failAfter(7, fault);
    const failed = a.sync.sync();
    await expect(failed).rejects.toBeInstanceOf(SyncTargetError);
    if (fault === 507) await expect(failed).rejects.toThrow(/out of space/);
    const status = await a.sync.status();
    expect(status.lastSync).toMatchObject({ ok: false });
    expect(a.library.listAnnotations()).toHaveLength(8);
    proxy.failAfter(Infinity, 'ok');
    const retry = await a.sync.sync();
    expect(retry.ok).toBe(true);
    expect(retry.sent).toBeGreaterThan(0);
    await b.sync.sync();
    expect(
      b.library
        .listAnnotations()
        .map((x) => x.note)
        .sort(),
    ).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
  });

  it('gives up on a server that stops answering, and loses nothing', async () => {
    proxy.failAfter(Infinity, 'ok');
    const { a, b } = await pair();
    a.sync.timeoutMs = 300;
    await a.library.setBookmark(ARTICLE, { note: 'before the timeout' });
    proxy.failAfter(2, 'hang');
    const r = await a.sync.run();
    expect(r).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(r.error!.message).toMatch(/did not answer in time/);
    expect(a.library.listBookmarks()[0]!.note).toBe('before the timeout');
    proxy.failAfter(Infinity, 'ok');
    expect(await a.sync.sync()).toMatchObject({ ok: true, sent: 1 });
    expect(await b.sync.sync()).toMatchObject({ ok: true, received: 1 });
  });

  it('leaves a half-uploaded file alone, then repairs it from a device that holds the item', async () => {
    proxy.failAfter(Infinity, 'ok');
    const { a, b, dir } = await pair();
    await a.library.setBookmark(ARTICLE, { note: 'whole' });
    await a.sync.sync();
    const [name] = await readdir(join(dir, 'items'));
    const bytes = await readFile(join(dir, 'items', name!));
    // Another tool (no temporary name) left the file cut short under its real name.
    const put = await fetch(`${server.url}${dir.split('/').at(-1)}/items/${name}`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
      body: bytes.subarray(0, bytes.length >> 1),
    });
    expect(put.ok).toBe(true);
    const r = await b.sync.sync();
    expect(r).toMatchObject({ ok: true, unreadable: 1, received: 0 });
    expect(b.library.listBookmarks()).toEqual([]);
    // A still holds the item: its next sync writes the file again, and B then gets it.
    expect(await a.sync.sync()).toMatchObject({ ok: true, unreadable: 1, sent: 1 });
    expect(await b.sync.sync()).toMatchObject({ ok: true, received: 1 });
    expect(b.library.listBookmarks()[0]!.note).toBe('whole');
  });

  it('works offline and catches up when the server comes back', async () => {
    const own = await startWebDav();
    const a = await device();
    const b = await device();
    const setup = {
      target: { type: 'webdav' as const, url: own.url, user: 'u' },
      password: 'p',
      passphrase: 'k',
    };
    await a.sync.setup(setup);
    await b.sync.setup(setup);
    const port = new URL(own.url).port;
    await own.stop();
    await a.library.setBookmark(ARTICLE, { note: 'offline edit' });
    await expect(a.sync.sync()).rejects.toThrow(/could not be reached/);
    expect(a.library.listBookmarks()[0]!.note).toBe('offline edit');
    const back = await startWebDav(own.dir, Number(port));
    try {
      expect(await a.sync.sync()).toMatchObject({ ok: true, sent: 1 });
      await b.sync.sync();
      expect(b.library.listBookmarks()[0]!.note).toBe('offline edit');
    } finally {
      await back.stop();
    }
  });
});
