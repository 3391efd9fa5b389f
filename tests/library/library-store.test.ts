import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryStore, LIBRARY_SCHEMA_VERSION } from '../../src-main/archive/library/library-store.js';
import { tempDir } from '../helpers/tmp.js';

describe('LibraryStore', () => {
  it('keeps bookmarks across a reopen, on disk when the call returns', async () => {
    const dir = await tempDir();
    const lib = await LibraryStore.open(dir);
    await lib.setBookmark('abcdef0123456789', { tags: ['党建', ' 党建 ', ''], note: '重读' });
    const onDisk = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(LIBRARY_SCHEMA_VERSION);
    expect(onDisk.bookmarks).toEqual([
      expect.objectContaining({ articleId: 'abcdef0123456789', tags: ['党建'], note: '重读' }),
    ]);
    const again = await LibraryStore.open(dir);
    expect(again.isBookmarked('abcdef0123456789')).toBe(true);
    expect(again.listBookmarks()).toHaveLength(1);
    expect(again.recovery).toBeUndefined();
  });

  it('updates a bookmark in place and removes several at once, returning them for undo', async () => {
    const dir = await tempDir();
    const lib = await LibraryStore.open(dir);
    await lib.setBookmark('a1b2c3d4e5f60718');
    await lib.setBookmark('a1b2c3d4e5f60718', { tags: ['x'] });
    await lib.setBookmark('ffffffffffffffff');
    expect(lib.listBookmarks()).toHaveLength(2);
    const removed = await lib.removeBookmarks(['a1b2c3d4e5f60718', 'ffffffffffffffff', 'nope']);
    expect(removed.map((b) => b.articleId).sort()).toEqual(['a1b2c3d4e5f60718', 'ffffffffffffffff']);
    expect((await LibraryStore.open(dir)).listBookmarks()).toEqual([]);
  });

  it('leaves no temp files behind', async () => {
    const dir = await tempDir();
    const lib = await LibraryStore.open(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => lib.setBookmark(`0000000000000${100 + i}`)));
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await LibraryStore.open(dir)).listBookmarks()).toHaveLength(20);
  });

  it.each([
    ['truncated', (good: string) => good.slice(0, good.length / 2)],
    ['empty', () => ''],
    ['garbage', () => '\u0000\u0001 not json at all'],
    ['a future schema version', (good: string) => good.replace(/"schemaVersion": 2/, '"schemaVersion": 99')],
  ])('sets a %s library aside and restores the newest good backup', async (_name, damage) => {
    const dir = await tempDir();
    const lib = await LibraryStore.open(dir);
    await lib.setBookmark('1234567890abcdef');
    // Opening again takes a backup of the good state.
    await LibraryStore.open(dir);
    const good = await readFile(join(dir, 'library.json'), 'utf8');
    await writeFile(join(dir, 'library.json'), damage(good));

    const recovered = await LibraryStore.open(dir);
    expect(recovered.recovery).toBeDefined();
    expect(recovered.recovery?.restoredFrom).toMatch(/backups[/\\]library-.*\.json$/);
    expect(recovered.listBookmarks().map((b) => b.articleId)).toEqual(['1234567890abcdef']);
    const names = await readdir(dir);
    const aside = names.find((n) => n.startsWith('library.json.bad-'));
    expect(aside).toBeDefined();
    // The damaged file is kept as it was, for the user or for support.
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(damage(good));
  });

  it('keeps settings with defaults for missing fields', async () => {
    const dir = await tempDir();
    const lib = await LibraryStore.open(dir);
    expect(lib.settings.theme).toBe('system');
    await lib.updateSettings({ theme: 'sepia', fontSize: 20 });
    const again = await LibraryStore.open(dir);
    expect(again.settings).toMatchObject({ theme: 'sepia', fontSize: 20, locale: 'system' });
  });
});
