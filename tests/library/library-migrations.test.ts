import { describe, expect, it } from 'vitest';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryStore } from '../../src-main/archive/library/library-store.js';
import { LIBRARY_SCHEMA_VERSION, migrate } from '../../src-main/archive/library/library-migrations.js';
import { tempDir } from '../helpers/tmp.js';

const V1 = join(process.cwd(), 'tests/fixtures/library/library-v1.json');

describe('library migrations', () => {
  it('migrates v1 (single-block highlights) to v2 (spanning positions)', async () => {
    const v1 = JSON.parse(await readFile(V1, 'utf8'));
    const { data, from } = migrate(v1);
    expect(from).toBe(1);
    expect(data.schemaVersion).toBe(LIBRARY_SCHEMA_VERSION);
    expect(data.annotations[0]?.target.position).toEqual({
      startBlock: 0,
      startOffset: 0,
      endBlock: 0,
      endOffset: 7,
    });
    expect(data.annotations[0]?.tags).toEqual([]);
    expect(data.bookmarks).toEqual(v1.bookmarks);
  });

  it('takes a backup of the old file before migrating it on open, and keeps every record', async () => {
    const dir = await tempDir();
    await copyFile(V1, join(dir, 'library.json'));
    const lib = await LibraryStore.open(dir);
    expect(lib.migration?.from).toBe(1);
    expect(await readFile(lib.migration!.backup, 'utf8')).toBe(await readFile(V1, 'utf8'));
    expect(lib.listAnnotations()[0]).toMatchObject({ id: 'a1', note: 'v1 的高亮' });
    expect(lib.settings.theme).toBe('dark');
    const onDisk = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    // Opening again migrates nothing.
    expect((await LibraryStore.open(dir)).migration).toBeUndefined();
    expect((await readdir(join(dir, 'backups'))).some((n) => n.startsWith('library-v1-'))).toBe(true);
  });

  it('refuses a newer schema rather than rewriting it', () => {
    expect(() => migrate({ schemaVersion: 99, bookmarks: [] })).toThrow(/newer than this Yuelan understands/);
    expect(() => migrate({ bookmarks: [] })).toThrow(/no valid schema version/);
  });
});
