/**
 * The folder watcher picks up new and changed page files (and files in new subfolders) while it runs.
 */
import { appendFile, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { watchFolders, type FolderWatch } from '../../src-main/archive/ingest/watch-folders.js';
import { articleId } from '../../src-main/archive/ingest/article-id.js';
import type { ImportReport } from '../../src-main/archive/model.js';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const MAIN_ID = articleId(
  '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”',
  '2022-09-13T08:49:19+08:00',
);

let dir: string;
let catalog: CatalogStore;
let watcher: FolderWatch | undefined;
const reports: ImportReport[] = [];
let waiting: ((r: ImportReport) => void) | undefined;

/** Copy a fixture into place atomically (a .tmp file renamed), so the watcher never sees half a file. */
async function place(fixture: string, dest: string): Promise<void> {
  await cp(join(PAGES, fixture), `${dest}.tmp`);
  await rename(`${dest}.tmp`, dest);
}

function nextReport(): Promise<ImportReport> {
  return new Promise((resolve) => (waiting = resolve));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yuelan-watch-'));
  await mkdir(join(dir, 'archive'));
  catalog = await CatalogStore.open(join(dir, 'data'));
  reports.length = 0;
  watcher = watchFolders(
    catalog,
    [join(dir, 'archive')],
    (r) => {
      reports.push(r);
      waiting?.(r);
    },
    { debounceMs: 50 },
  );
});
afterEach(async () => {
  await watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

it('imports a new file, then its new content when it changes', async () => {
  const file = join(dir, 'archive', 'page.txt');
  let report = nextReport();
  await place('headlines-only.txt', file);
  expect((await report).files.imported).toBe(1);
  expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'headline', sources: [file] });

  report = nextReport();
  await place('utf8.txt', file);
  expect((await report).articles.upgraded).toBe(6);
  expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'full', sources: [file] });
});

it('imports files in a new subfolder and ignores other extensions', async () => {
  const report = nextReport();
  await mkdir(join(dir, 'archive', '2022', '09'), { recursive: true });
  await writeFile(join(dir, 'archive', 'notes.md'), '# not a page');
  await place('single-headline.txt', join(dir, 'archive', '2022', '09', 'a.txt'));
  const r = await report;
  expect(r.files.imported).toBe(1);
  expect(catalog.listSources().map((s) => s.path)).toEqual([join(dir, 'archive', '2022', '09', 'a.txt')]);
});

it('waits for a slow copy to finish before importing the file', async () => {
  const file = join(dir, 'archive', 'slow.txt');
  const whole = await readFile(join(PAGES, 'utf8.txt'));
  const half = Math.floor(whole.length / 2);
  const report = nextReport();
  await writeFile(file, whole.subarray(0, half));
  // Longer than the debounce, shorter than the time a file's size must hold still.
  await new Promise((r) => setTimeout(r, 300));
  await appendFile(file, whole.subarray(half));
  const r = await report;
  // The first import read the whole file, not the half there was 300 ms in.
  expect(r.files).toMatchObject({ imported: 1, rejected: 0 });
  expect(catalog.getSource(file)?.size).toBe(whole.length);
  expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'full', sources: [file] });
  expect(reports).toHaveLength(1);
});
