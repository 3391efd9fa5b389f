/**
 * Two and three devices syncing through a plain folder (what Syncthing or Dropbox would carry), with no
 * encryption and with it: adds, edits and deletions on each side arrive on the others.
 */
import { readdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { ARTICLE, ARTICLE2, device, reopen, target, type Device } from './helpers.js';

async function pair(passphrase?: string): Promise<{ a: Device; b: Device; folder: string }> {
  const folder = await tempDir('yuelan-sync-folder-');
  const a = await device();
  const b = await device();
  const setup = { target: { type: 'folder' as const, path: folder }, ...(passphrase ? { passphrase } : {}) };
  expect((await a.sync.setup(setup)).created).toBe(true);
  expect((await b.sync.setup(setup)).created).toBe(false);
  return { a, b, folder };
}

describe('sync through a folder', () => {
  it('carries bookmarks, annotations, reading positions and settings both ways', async () => {
    const { a, b, folder } = await pair();
    await a.library.setBookmark(ARTICLE, { tags: ['党建'], note: '重读' });
    const ann = await a.library.addAnnotation({
      articleId: ARTICLE,
      target: target(),
      color: 'green',
      note: '要点',
    });
    await a.library.setReading(ARTICLE, 0.4);
    await a.library.updateSettings({
      theme: 'sepia',
      fontSize: 20,
      readableOnly: true,
      archiveFolders: ['/only/on/a'],
    });
    const sent = await a.sync.sync();
    expect(sent.sent).toBe(4);
    const names = await readdir(join(folder, 'items'));
    expect(names).toContain(`bookmark-${ARTICLE}.json`);

    const got = await b.sync.sync();
    expect(got.received).toBe(4);
    expect(b.library.listBookmarks()).toEqual([
      { articleId: ARTICLE, createdAt: expect.any(String), tags: ['党建'], note: '重读' },
    ]);
    expect(b.library.getAnnotation(ann.id)).toEqual(ann);
    expect(b.library.reading(ARTICLE)?.position).toBe(0.4);
    expect(b.library.settings).toMatchObject({
      theme: 'sepia',
      fontSize: 20,
      readableOnly: true,
      archiveFolders: [],
    });

    // B edits and deletes; A gets both.
    await b.library.updateAnnotation(ann.id, { color: 'pink' });
    await b.library.setBookmark(ARTICLE2, { tags: ['新'] });
    await b.library.removeBookmarks([ARTICLE]);
    await b.sync.sync();
    const back = await a.sync.sync();
    expect(back.received).toBe(3);
    expect(a.library.getAnnotation(ann.id)?.color).toBe('pink');
    expect(a.library.listBookmarks().map((x) => x.articleId)).toEqual([ARTICLE2]);
    // Nothing more to do on either side.
    expect(await a.sync.sync()).toMatchObject({ sent: 0, received: 0 });
    expect(await b.sync.sync()).toMatchObject({ sent: 0, received: 0 });
  });

  it('merges tags as sets and keeps both texts of a note edited on two devices', async () => {
    const { a, b } = await pair();
    await a.library.setBookmark(ARTICLE, { tags: ['x'], note: '原文' });
    await a.sync.sync();
    await b.sync.sync();
    await a.library.setBookmark(ARTICLE, { tags: ['x', 'from-a'], note: 'A 的想法' });
    await b.library.setBookmark(ARTICLE, { tags: ['from-b'], note: 'B 的想法' });
    await a.sync.sync();
    const r = await b.sync.sync();
    expect(r.conflicts).toBe(1);
    await a.sync.sync();
    for (const d of [a, b]) {
      expect(d.library.listBookmarks()[0]!.tags.sort()).toEqual(['from-a', 'from-b']);
      const { conflicts } = await d.sync.status();
      expect(conflicts).toHaveLength(1);
      expect([...conflicts[0]!.texts].sort()).toEqual(['A 的想法', 'B 的想法']);
    }
    // Keeping both on A settles it everywhere.
    await a.sync.resolve(`bookmark:${ARTICLE}`, 'all');
    const note = a.library.listBookmarks()[0]!.note!;
    expect(note).toContain('A 的想法');
    expect(note).toContain('B 的想法');
    await a.sync.sync();
    await b.sync.sync();
    expect(b.library.listBookmarks()[0]!.note).toBe(note);
    expect((await b.sync.status()).conflicts).toEqual([]);
  });

  it('keeps an edit made after a deletion on another device, and says so', async () => {
    const { a, b } = await pair();
    const ann = await a.library.addAnnotation({ articleId: ARTICLE, target: target(), color: 'yellow' });
    await a.sync.sync();
    await b.sync.sync();
    await a.library.deleteAnnotations([ann.id]);
    await a.sync.sync();
    // B, offline, wrote a note on it after A deleted it.
    await b.library.updateAnnotation(ann.id, { note: '别删' });
    const r = await b.sync.sync();
    expect(r.keptOverDeletion).toEqual([`annotation:${ann.id}`]);
    expect(b.library.getAnnotation(ann.id)?.note).toBe('别删');
    const back = await a.sync.sync();
    expect(back.keptOverDeletion).toEqual([`annotation:${ann.id}`]);
    expect(a.library.getAnnotation(ann.id)?.note).toBe('别删');
  });

  it('three devices, one away for a long time, converge', async () => {
    const { a, b, folder } = await pair('口令');
    const c = await device();
    await c.sync.setup({ target: { type: 'folder', path: folder }, passphrase: '口令' });
    for (let i = 0; i < 5; i++) {
      await a.library.addAnnotation({ articleId: ARTICLE, target: target(), color: 'yellow', note: `a${i}` });
      await b.library.addAnnotation({ articleId: ARTICLE2, target: target(), color: 'blue', note: `b${i}` });
      await a.sync.sync();
      await b.sync.sync();
    }
    await c.library.setBookmark(ARTICLE, { tags: ['c'] });
    await c.sync.sync();
    await a.sync.sync();
    await b.sync.sync();
    const notes = (d: Device): string[] =>
      d.library
        .listAnnotations()
        .map((x) => x.note!)
        .sort();
    expect(notes(c)).toEqual(notes(a));
    expect(notes(b)).toEqual(notes(a));
    expect(notes(a)).toHaveLength(10);
    expect(b.library.isBookmarked(ARTICLE)).toBe(true);
  });

  it('merges Syncthing conflict copies and files delivered late or twice', async () => {
    const { a, b, folder } = await pair();
    await a.library.setBookmark(ARTICLE, { tags: ['one'] });
    await a.sync.sync();
    await b.sync.sync();
    const file = join(folder, 'items', `bookmark-${ARTICLE}.json`);
    const old = await readFile(file);
    // A tags again; the copier keeps B's older file as a conflict copy the way Syncthing does.
    await a.library.setBookmark(ARTICLE, { tags: ['one', 'two'] });
    await a.sync.sync();
    await copyFile(
      file,
      join(folder, 'items', `bookmark-${ARTICLE}.sync-conflict-20261201-120000-ABCDEFG.json`),
    );
    await writeFile(file, old);
    await b.sync.sync();
    expect(b.library.listBookmarks()[0]!.tags).toEqual(['one', 'two']);
    expect((await readdir(join(folder, 'items'))).filter((n) => n.includes('sync-conflict'))).toEqual([]);
    await a.sync.sync();
    expect(a.library.listBookmarks()[0]!.tags).toEqual(['one', 'two']);
  });
});

describe('sync after library.json was restored from an older backup', () => {
  it('puts back what the backup lacked instead of deleting it everywhere', async () => {
    const folder = await tempDir('yuelan-sync-folder-');
    let a = await device();
    const b = await device();
    await a.sync.setup({ target: { type: 'folder', path: folder } });
    await b.sync.setup({ target: { type: 'folder', path: folder } });
    await a.library.setBookmark(ARTICLE, { note: 'in the backup' });
    a = await reopen(a); // the open takes a backup holding the first bookmark only
    await a.library.setBookmark(ARTICLE2, { note: 'after the backup' });
    await a.sync.sync();
    await b.sync.sync();
    expect(b.library.listBookmarks()).toHaveLength(2);

    await writeFile(join(a.dir, 'library.json'), '{ broken');
    a = await reopen(a);
    expect(a.library.recovery?.restoredFrom).toBeDefined();
    expect(a.library.listBookmarks().map((x) => x.articleId)).toEqual([ARTICLE]);
    await a.sync.sync();
    await b.sync.sync();
    for (const d of [a, b]) {
      expect(
        d.library
          .listBookmarks()
          .map((x) => x.note)
          .sort(),
      ).toEqual(['after the backup', 'in the backup']);
    }
    // A deletion made after that is a deletion again.
    await a.library.removeBookmarks([ARTICLE2]);
    await a.sync.sync();
    await b.sync.sync();
    expect(b.library.listBookmarks().map((x) => x.articleId)).toEqual([ARTICLE]);
  });
});

describe('setting up a folder', () => {
  it('takes ~ for the home folder and refuses a relative path', async () => {
    const d = await device();
    await expect(d.sync.setup({ target: { type: 'folder', path: 'Sync/Yuelan' } })).rejects.toThrow(
      /full path/,
    );
    expect((await d.sync.status()).configured).toBe(false);
  });
});

describe('an unreadable sync state', () => {
  it('is set aside; sync starts afresh and loses nothing', async () => {
    const folder = await tempDir('yuelan-sync-folder-');
    const a = await device();
    const b = await device();
    await a.sync.setup({ target: { type: 'folder', path: folder } });
    await b.sync.setup({ target: { type: 'folder', path: folder } });
    await a.library.setBookmark(ARTICLE, { note: 'kept' });
    await a.sync.sync();
    await writeFile(join(a.dir, 'sync', 'state.json'), '{"v":1,');
    await a.library.setBookmark(ARTICLE2, { note: 'new' });
    expect(await a.sync.sync()).toMatchObject({ ok: true });
    expect((await readdir(join(a.dir, 'sync'))).some((n) => n.startsWith('state.json.bad-'))).toBe(true);
    await b.sync.sync();
    expect(
      b.library
        .listBookmarks()
        .map((x) => x.note)
        .sort(),
    ).toEqual(['kept', 'new']);
  });
});
