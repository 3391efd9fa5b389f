/**
 * Corrupt stores at start: the app and the CLI start anyway, set the bad file aside, restore or
 * rebuild, and say so. (library.json's cases — truncated, empty, garbage, future schema — are in
 * tests/library/library-store.test.ts; here the catalog and what the user is told.)
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tmp.js';
import { recoveryText } from '../../src-shared/recovery.js';

const SEED = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');

describe('corrupt stores', () => {
  it('rebuilds a corrupt catalog from the source files and keeps the library', async () => {
    const dir = await tempDir();
    const extra = join(await tempDir(), 'archive');
    await mkdir(extra);
    const seed = await readFile(SEED, 'utf8');
    await writeFile(
      join(extra, 'other.txt'),
      seed.replace('福建全面加强城市基层党建工作综述', '浙江全面加强城市基层党建工作综述'),
    );
    const core = await openCore(dir);
    await core.importPaths([extra]);
    const before = core.catalog
      .listArticles()
      .map((a) => a.id)
      .sort();
    const main = core.catalog.listArticles().find((a) => a.kind === 'full')!;
    await core.library.setBookmark(main.id, { note: '别丢' });
    await core.close();

    core.catalog.close();
    // Not a database any more (a disk error, a bad copy): SQLite cannot open it.
    await writeFile(join(dir, 'catalog.db'), 'SQLite format 3\u0000 but then garbage'.repeat(200));
    await rm(join(dir, 'catalog.db-wal'), { force: true });
    const reopened = await openCore(dir);
    expect(recoveryText('en', reopened.recoveryNotices()[0]!)).toMatch(
      /catalog could not be read\. It was set aside as .*catalog\.db\.corrupt-.* and rebuilt from 2 source files\./,
    );
    expect(
      reopened.catalog
        .listArticles()
        .map((a) => a.id)
        .sort(),
    ).toEqual(before);
    expect(reopened.library.listBookmarks()).toEqual([
      expect.objectContaining({ articleId: main.id, note: '别丢' }),
    ]);
    expect((await readdir(dir)).some((n) => n.startsWith('catalog.db.corrupt-'))).toBe(true);
    const hits = await reopened.search.search({ q: '浙江全面加强' });
    expect(hits.hits[0]?.article.title).toMatch(/^浙江全面加强/);
  });

  it('the CLI says when it restored the library from a backup', async () => {
    const dir = await tempDir();
    const core = await openCore(dir);
    await core.library.setBookmark(core.catalog.listArticles()[0]!.id);
    await openCore(dir); // a second open takes a backup of the good state
    await writeFile(join(dir, 'library.json'), 'garbage');
    const r = spawnSync(
      process.execPath,
      [join(process.cwd(), 'bin', 'yuelan.mjs'), 'bookmark', 'ls', '--json', '--data', dir],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /library\.json could not be read\. It was set aside as .*library\.json\.bad-.* and restored from the backup .*\./,
    );
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });
});
