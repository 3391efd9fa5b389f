/**
 * The folder watcher stays inside its folder (issue #18, finding 3): a symbolic link created in a
 * watched folder to a file or folder elsewhere is not imported; the page files put there are.
 */
import { cp, mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { watchFolders, type FolderWatch } from '../../src-main/archive/ingest/watch-folders.js';
import type { ImportReport } from '../../src-main/archive/model.js';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

let dir: string | undefined;
let watcher: FolderWatch | undefined;

afterEach(async () => {
  await watcher?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('does not import links to a file or a folder outside the watched folder', async () => {
  dir = await mkdtemp(join(tmpdir(), 'yuelan-watch-links-'));
  const archive = join(dir, 'archive');
  const outside = join(dir, 'outside');
  await mkdir(archive);
  await mkdir(join(outside, 'folder'), { recursive: true });
  await cp(join(PAGES, 'utf8.txt'), join(outside, 'secret.txt'));
  await cp(join(PAGES, 'headlines-only.txt'), join(outside, 'folder', 'other.txt'));
  const catalog = await CatalogStore.open(join(dir, 'data'));
  const reports: ImportReport[] = [];
  let waiting: ((r: ImportReport) => void) | undefined;
  watcher = watchFolders(
    catalog,
    [archive],
    (r) => {
      reports.push(r);
      waiting?.(r);
    },
    { debounceMs: 50 },
  );
  const report = new Promise<ImportReport>((r) => (waiting = r));
  await symlink(join(outside, 'secret.txt'), join(archive, 'leak.txt'));
  await symlink(join(outside, 'folder'), join(archive, 'elsewhere'));
  await symlink('/', join(archive, 'root'));
  const page = join(archive, 'page.txt');
  await cp(join(PAGES, 'single-headline.txt'), `${page}.tmp`);
  await rename(`${page}.tmp`, page);
  await report;
  await new Promise((r) => setTimeout(r, 300)); // any later import would have come by now
  expect(catalog.listSources().map((s) => s.path)).toEqual([page]);
  expect(reports.reduce((n, r) => n + r.files.imported + r.files.rejected, 0)).toBe(1);
});
