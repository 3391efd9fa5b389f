/**
 * The Sources pages (archive/source-queries.ts) over a real archive: tiny pages in three folders (one
 * nested in another), a binary file and a copy of a page imported by the real importer, then asked
 * for through the contract as the app asks. Pages put together are the whole list in its order
 * (rejected first, then by folder and name); the counts, the folder, text and article filters, the
 * folder list, a removed folder and app:info's counts agree with the catalog.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { sourcesPage } from '../../src-main/archive/source-queries.js';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import type { SourceRecord } from '../../src-main/archive/model.js';
import { createHandlers, type Handlers } from '../../src-main/api/handlers.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import { writeFoldPages } from '../fixtures/folded-headlines.js';
import { tinyPage, writeTinyPages } from '../fixtures/tiny-pages.js';
import { tempDir } from '../helpers/tmp.js';

let dir: string;
let core: ArchiveCore;
let handlers: Handlers;
let folders: string[];

beforeAll(async () => {
  dir = await tempDir();
  const src = join(dir, 'src');
  // f0000/ and f0001/ with 12 pages each, f0002/ with 6; a folder nested in f0000/.
  folders = (await writeTinyPages(src, 30, { perFolder: 12 })).map((f) => `${f}/`);
  const nested = join(src, 'f0000', 'Nested');
  await mkdir(nested);
  await writeFile(join(nested, 'inner.txt'), tinyPage(500).text);
  await writeFile(join(src, 'f0001', 'broken.txt'), Buffer.from([0, 1, 2, 0xff, 0, 0x89, 0x50, 0, 0, 0]));
  await copyFile(join(src, 'f0002', 'page-000024.txt'), join(src, 'f0002', 'copy.txt'));
  core = await ArchiveCore.open(join(dir, 'data'));
  handlers = createHandlers(core, 'test');
  const report = await handlers['archive:import']({ paths: [src] });
  expect(report.files).toMatchObject({ imported: 31, rejected: 1, duplicate: 1 });
});

const page = (request: Parameters<Handlers['archive:sourcesPage']>[0]) =>
  handlers['archive:sourcesPage'](request);

describe('archive:sourcesPage', () => {
  it('pages through the whole list in order: rejected first, then by folder and file name', async () => {
    const whole = core.catalog.listSources();
    const paths: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const p = await page({ offset, limit: 7 });
      expect(p.total).toBe(whole.length);
      paths.push(...p.sources.map((s) => s.path));
      if (p.sources.length < 7) break;
    }
    expect(paths).toHaveLength(33);
    expect(new Set(paths)).toEqual(new Set(whole.map((s) => s.path)));
    expect(paths[0]).toBe(join(dir, 'src', 'f0001', 'broken.txt'));
    // f0000/'s own files, then f0000/Nested/, then f0001/ (its 12 pages), f0002/ (copy.txt first).
    expect(paths[1]).toBe(join(folders[0]!, 'page-000000.txt'));
    expect(paths[13]).toBe(join(folders[0]!, 'Nested', 'inner.txt'));
    expect(paths[14]).toBe(join(folders[1]!, 'page-000012.txt'));
    expect(paths[26]).toBe(join(folders[2]!, 'copy.txt'));
    expect(paths.at(-1)).toBe(join(folders[2]!, 'page-000029.txt'));
  });

  it('answers rows with what the view shows, and no article ids', async () => {
    const [broken] = (await page({ limit: 1 })).sources;
    expect(broken).toMatchObject({ status: 'rejected', articles: 0, reason: { code: 'binary' } });
    // Of the two files with the same bytes, the one imported second is the duplicate.
    const [copy] = (await page({ status: 'duplicate' })).sources;
    expect(copy).toMatchObject({ status: 'duplicate', articles: 0 });
    expect([copy!.path, copy!.duplicateOf].sort()).toEqual([
      join(folders[2]!, 'copy.txt'),
      join(folders[2]!, 'page-000024.txt'),
    ]);
    const one = (await page({ q: 'page-000003' })).sources[0]!;
    expect(one).toEqual({
      path: join(folders[0]!, 'page-000003.txt'),
      status: 'imported',
      articles: 3,
      encoding: 'utf-8',
    });
  });

  it('counts by status under the other filters, and filters by status', async () => {
    const all = await page({ limit: 1 });
    expect(all.counts).toEqual({ all: 33, imported: 31, unchanged: 0, duplicate: 1, rejected: 1 });
    const rejected = await page({ status: 'rejected' });
    expect(rejected.total).toBe(1);
    expect(rejected.counts).toEqual(all.counts);
    const inF2 = await page({ folder: folders[2]!, status: 'imported' });
    expect(inF2.counts).toEqual({ all: 7, imported: 6, unchanged: 0, duplicate: 1, rejected: 0 });
    expect(inF2.total).toBe(6);
  });

  it('filters by folder (its own files only), by a piece of the path (any case) and by articles', async () => {
    const f0 = await page({ folder: folders[0]!, limit: 100 });
    expect(f0.total).toBe(12);
    expect(f0.sources.every((s) => s.path.startsWith(folders[0]!) && !s.path.includes('Nested'))).toBe(true);
    expect((await page({ q: 'nested/INNER' })).sources.map((s) => s.path)).toEqual([
      join(folders[0]!, 'Nested', 'inner.txt'),
    ]);
    expect((await page({ q: '  PAGE-00001 ' })).total).toBe(10);
    const withArticles = await page({ withArticles: true, limit: 1000 });
    expect(withArticles.total).toBe(31);
    expect(withArticles.sources.every((s) => s.articles > 0)).toBe(true);
  });

  it('lists the folders with their files when asked', async () => {
    expect((await page({})).folders).toBeUndefined();
    expect((await page({ folders: true, q: 'nothing-like-this' })).folders).toEqual([
      { folder: folders[0], files: 12 },
      { folder: `${folders[0]}Nested/`, files: 1 },
      { folder: folders[1], files: 13 },
      { folder: folders[2], files: 7 },
    ]);
  });

  it('validates its request at the boundary', async () => {
    for (const bad of [
      { limit: 0 },
      { limit: 1001 },
      { offset: -1 },
      { offset: 1.5 },
      { status: 'broken' },
      { folder: '/no/separator/at/the/end' },
      { folder: '' },
      { q: 'x'.repeat(501) },
      { withArticles: 'yes' },
      { sort: 'path' },
    ]) {
      const res = await dispatch(handlers, 'archive:sourcesPage', bad);
      expect(res, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await dispatch(handlers, 'archive:sources', {})).toMatchObject({ error: { code: 'BAD_CHANNEL' } });
  });
});

describe('app:info and removing a folder', () => {
  it("gives the list's own count of articles and the count of source files", async () => {
    const info = await handlers['app:info']({});
    expect(info.sources).toBe(core.catalog.listSources().length);
    expect(info.articles).toBe((await handlers['archive:list']({ limit: 1 })).total);
  });

  it('removes the files directly in a folder, answers their paths, and the pages follow', async () => {
    const before = await page({ folders: true, limit: 1 });
    const { removed } = await handlers['archive:removeFolder']({ folder: folders[0]! });
    expect(removed).toHaveLength(12);
    expect(removed.every((p) => p.startsWith(folders[0]!) && !p.includes('Nested'))).toBe(true);
    const after = await page({ folders: true, limit: 1 });
    expect(after.total).toBe(before.total - 12);
    expect(after.folders?.map((f) => f.folder)).toEqual([`${folders[0]}Nested/`, folders[1], folders[2]]);
    expect((await handlers['app:info']({})).sources).toBe(21);
    const again = await dispatch(handlers, 'archive:removeFolder', { folder: folders[0]! });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Undo: the paths answered import again.
    await handlers['archive:import']({ paths: removed });
    expect((await page({ limit: 1 })).total).toBe(before.total);
  });
});

describe('app:info counts the folded list', () => {
  it('counts a headline listed by several pages once, and leaves headlines out when readable only', async () => {
    const d = await tempDir();
    const opened = await ArchiveCore.open(join(d, 'data'));
    const h = createHandlers(opened, 'test');
    await h['archive:import']({ paths: [await writeFoldPages(join(d, 'folded'))] });
    const folded = await h['archive:list']({ limit: 1 });
    expect(folded.total).toBeLessThan(opened.catalog.size);
    expect((await h['app:info']({})).articles).toBe(folded.total);
    await h['library:updateSettings']({ readableOnly: true });
    const readable = await h['archive:list']({ limit: 1, readable: true });
    expect(readable.total).toBeLessThan(folded.total);
    expect((await h['app:info']({})).articles).toBe(readable.total);
  });
});

describe('sourcesPage over Windows paths', () => {
  it('groups by folder and sees a change at once', async () => {
    const record = (path: string, status: SourceRecord['status']): SourceRecord => ({
      path,
      status,
      size: 1,
      mtimeMs: 0,
      articleIds: [],
      importedAt: '2026-01-01T00:00:00Z',
    });
    const catalog = await CatalogStore.open(await tempDir());
    await catalog.writeSession(async () => {
      catalog.putSource(record('C:\\pages\\b.txt', 'imported'));
      catalog.putSource(record('C:\\pages\\a.txt', 'rejected'));
    });
    expect(sourcesPage(catalog, { folders: true })).toMatchObject({
      sources: [{ path: 'C:\\pages\\a.txt' }, { path: 'C:\\pages\\b.txt' }],
      folders: [{ folder: 'C:\\pages\\', files: 2 }],
    });
    expect(sourcesPage(catalog, { folder: 'C:\\pages\\', status: 'imported' }).total).toBe(1);
    await catalog.writeSession(async () => catalog.putSource(record('C:\\pages\\c.txt', 'imported')));
    expect(sourcesPage(catalog, { folder: 'C:\\pages\\', status: 'imported' }).total).toBe(2);
    catalog.close();
  });
});
