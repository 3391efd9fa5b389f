/**
 * A data folder written before the SQLite catalog opens: its catalog.json (version 1 or 2) and its
 * bodies (pack files, or one file per page) are copied into catalog.db with progress, the library is
 * untouched, and the old files go only once the copy is complete. A copy that fails leaves them in
 * place and says so.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tmp.js';
import { recoveryText } from '../../src-shared/recovery.js';
import { LibraryStore } from '../../src-main/archive/library/library-store.js';

const SEED = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');
const SHA = 'ab'.repeat(32);

const body = (text: string): Record<string, unknown> => ({
  'a-full': { blocks: [{ type: 'paragraph', text }], byline: '记者 甲' },
});

/** An old data folder: two sources (one gave a full article and a headline), the seed file copied in. */
async function oldFolder(version: 1 | 2): Promise<{ data: string; page: string; library: string }> {
  const data = await tempDir();
  const page = join(data, 'pages', 'page.txt');
  await mkdir(join(data, 'pages'));
  await cp(SEED, page);
  const other = join(data, 'pages', 'list.txt');
  const sources = [
    { path: page, sha256: SHA, size: 10, mtimeMs: 1, status: 'imported', importedAt: '2024-01-01T00:00:00Z' },
    // A reason written as a sentence, as versions before reasons were data wrote it.
    {
      path: other,
      size: 0,
      mtimeMs: 1,
      status: 'rejected',
      reason: 'empty file',
      importedAt: '2024-01-01T00:00:00Z',
    },
  ];
  const articles = [
    {
      id: 'a-full',
      title: '福建全面加强城市基层党建工作综述',
      kind: 'full',
      publishedAt: '2022-09-13T08:49:19+08:00',
      snippet: '开篇',
      sources: version === 2 ? [0] : [page],
      bodyRef: SHA,
    },
    {
      id: 'a-head',
      title: '东莞警方破获案件',
      kind: 'headline',
      publishedAt: '2022-09-12T10:00:00+08:00',
      sources: version === 2 ? [0] : [page],
    },
  ];
  if (version === 1) {
    // Version 1: sources list their article ids; one body file per page.
    Object.assign(sources[0]!, { articleIds: ['a-full', 'a-head'] });
    await mkdir(join(data, 'bodies', SHA.slice(0, 2)), { recursive: true });
    await writeFile(join(data, 'bodies', SHA.slice(0, 2), `${SHA}.json`), JSON.stringify(body('第一版正文')));
    await writeFile(join(data, 'catalog.json'), JSON.stringify({ version: 1, sources, articles }));
  } else {
    const record = Buffer.from(JSON.stringify(body('第二版正文')));
    await mkdir(join(data, 'bodies'));
    // Some bytes of another record before it, as in a real pack.
    await writeFile(join(data, 'bodies', 'pack-0001.bin'), Buffer.concat([Buffer.from('{"x":{}}'), record]));
    const packs = { [SHA]: [1, 8, record.length] };
    await writeFile(
      join(data, 'catalog.json'),
      JSON.stringify({ version: 2, token: 't', sources, articles, packs }),
    );
  }
  // The user's library, written by the library store itself.
  const library = await LibraryStore.open(data);
  await library.setBookmark('a-full', { tags: ['党建'], note: '要读' });
  // Kept beside the catalog by every version since the first: what a lost catalog is rebuilt from.
  await writeFile(join(data, 'source-paths.json'), JSON.stringify([page, other]));
  return { data, page, library: await readFile(join(data, 'library.json'), 'utf8') };
}

describe('catalog migration from catalog.json', () => {
  for (const version of [1, 2] as const) {
    it(`copies a version ${version} catalog with its bodies, with progress, and removes the old files`, async () => {
      const { data, page, library } = await oldFolder(version);
      const progress: { done: number; total: number }[] = [];
      const core = await openCore(data, { onMigrateProgress: (p) => progress.push(p) });
      expect(progress.at(-1)).toEqual({ done: 2, total: 2 });
      expect(core.catalog.getMeta('a-head')).toMatchObject({ kind: 'headline', sources: [page] });
      const full = await core.catalog.getArticle('a-full');
      expect(full).toMatchObject({ kind: 'full', sources: [page], byline: '记者 甲' });
      expect(full!.blocks![0]!.text).toBe(version === 1 ? '第一版正文' : '第二版正文');
      expect([...core.catalog.getSource(page)!.articleIds].sort()).toEqual(['a-full', 'a-head']);
      expect(core.catalog.getSource(join(data, 'pages', 'list.txt'))!.reason).toEqual({
        code: 'empty',
        detail: '',
      });
      // Searchable, and the library exactly as it was.
      expect((await core.search.search({ q: '党建工作' })).hits[0]?.article.id).toBe('a-full');
      expect(await readFile(join(data, 'library.json'), 'utf8')).toBe(library);
      expect(core.library.isBookmarked('a-full')).toBe(true);
      expect(existsSync(join(data, 'catalog.json'))).toBe(false);
      expect(existsSync(join(data, 'bodies'))).toBe(false);
      expect(core.recoveryNotices()).toEqual([]);
      await core.close();
      core.catalog.close();
      // Opened again: nothing to migrate, the same catalog.
      const again = await openCore(data);
      expect(again.catalog.size).toBe(2);
      await again.close();
    });
  }

  it('leaves the old files in place and says so when the copy fails, and still opens', async () => {
    const { data, page, library } = await oldFolder(2);
    const file = join(data, 'catalog.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { articles: Record<string, unknown>[] };
    // A damaged entry (no title) that the copy cannot take.
    delete json.articles[1]!.title;
    await writeFile(file, JSON.stringify(json));
    const before = await readFile(file);
    const core = await openCore(data);
    expect(await readFile(file)).toEqual(before);
    expect(await readdir(join(data, 'bodies'))).toEqual(['pack-0001.bin']);
    expect(await readFile(join(data, 'library.json'), 'utf8')).toBe(library);
    const [notice] = core.recoveryNotices();
    expect(notice).toMatchObject({
      store: 'catalog',
      setAside: file,
      migrationFailed: true,
      rebuiltFiles: 1,
    });
    expect(recoveryText('en', notice!)).toMatch(
      /^The article catalog of an earlier version could not be upgraded\. Its files were left as they were \(.*catalog\.json\); the catalog was rebuilt from 1 source file\. Reason: /,
    );
    // Rebuilt from the source files the old catalog named, meanwhile.
    expect(core.catalog.getSource(page)?.status).toBe('imported');
    expect((await core.search.search({ q: '党建' })).total).toBeGreaterThan(0);
    expect(existsSync(join(data, 'catalog.db.migrating'))).toBe(false);
    await core.close();
  });
});
