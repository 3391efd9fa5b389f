/**
 * Watching the archive folders the user added: new or changed page files are imported while the app
 * runs. chokidar watches the folders (and folders created in them later), and reports a file only
 * once its size has stopped changing (`awaitWriteFinish`), so a slow copy is not imported half
 * written. Events are debounced: a copied folder fires hundreds; each quiet spell becomes one import.
 * Deleted files are left in the catalog: an archive on a removable drive must not vanish when unplugged.
 * Like an import's walk, the watcher stays inside its folders: links are not followed, and a path
 * whose real location (a new symbolic link's target) is outside the watched folder is not imported.
 */
import { watch } from 'chokidar';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ImportReport } from '../model.js';
import type { CatalogStore } from '../catalog/catalog-store.js';
import { SerialQueue } from '../store/serial-queue.js';
import { DEFAULT_EXTENSIONS, importPaths, type ImportOptions } from './import-files.js';
import { isInside, savedPageFolders } from './collect-files.js';
import { matchingExtension } from './formats/sniff.js';

export interface WatchOptions extends Omit<ImportOptions, 'signal'> {
  /** Quiet time after the last event before importing (default 500 ms). */
  debounceMs?: number;
  /** How long a file's size must stay the same before it counts as written (default 1000 ms). */
  writeFinishMs?: number;
  /** Called when a watch or an import fails; the watcher keeps running. */
  onError?: (err: unknown) => void;
  /** Runs the import (the app passes one that holds the data folder's catalog lock). */
  runImport?: (paths: string[]) => Promise<ImportReport>;
}

export interface FolderWatch {
  close(): Promise<void>;
}

export function watchFolders(
  catalog: CatalogStore,
  folders: string[],
  onChange: (report: ImportReport) => void,
  options: WatchOptions = {},
): FolderWatch {
  const { debounceMs = 500, writeFinishMs = 1000, onError, runImport, ...importOptions } = options;
  const extensions = (importOptions.extensions ?? DEFAULT_EXTENSIONS).map((e) => e.toLowerCase());
  const roots = folders.map((f) => resolve(f));
  /** Changed path -> the watched folder it is in. */
  const pending = new Map<string, string>();
  /** Watched folder -> its realpath (resolved on first use: the folder may be a link itself). */
  const realRoots = new Map<string, Promise<string>>();
  const realRoot = (root: string): Promise<string> => {
    let real = realRoots.get(root);
    if (!real) realRoots.set(root, (real = realpath(root).catch(() => root)));
    return real;
  };
  const imports = new SerialQueue();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void imports.run(drain);
    }, debounceMs);
  };

  const drain = async (): Promise<void> => {
    if (closed || pending.size === 0) return;
    const candidates = [...pending];
    pending.clear();
    const paths: string[] = [];
    for (const [p, root] of candidates) {
      // A link to elsewhere (`root -> /`, `leak.txt -> ~/.ssh/id_rsa`) is never imported.
      const real = await realpath(p).catch(() => undefined);
      if (real === undefined || !isInside(real, await realRoot(root))) continue;
      if (await inSavedPageFolder(p, root)) continue;
      if ((await stat(real).catch(() => undefined))?.isFile()) paths.push(p);
    }
    if (paths.length === 0 || closed) return;
    try {
      const report = runImport ? await runImport(paths) : await importPaths(catalog, paths, importOptions);
      const { imported, duplicate, rejected } = report.files;
      if (imported + duplicate + rejected > 0) onChange(report);
    } catch (err) {
      onError?.(err);
    }
  };

  const rootOf = (path: string): string | undefined =>
    roots.find((root) => path === root || isInside(path, root));

  const watcher = watch(roots, {
    ignoreInitial: true,
    followSymlinks: false,
    awaitWriteFinish: { stabilityThreshold: writeFinishMs, pollInterval: Math.min(100, writeFinishMs) },
  });
  const changed = (path: string): void => {
    if (closed || matchingExtension(path, extensions) === undefined) return;
    const root = rootOf(path);
    if (root === undefined) return;
    pending.set(path, root);
    schedule();
  };
  watcher.on('add', changed);
  watcher.on('change', changed);
  watcher.on('error', (err) => onError?.(err));

  return {
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await imports.idle();
    },
  };
}

/** Whether `path` is inside a "Save page as, complete" folder (`page_files` beside `page.html`) under `root`. */
async function inSavedPageFolder(path: string, root: string): Promise<boolean> {
  for (let dir = dirname(path); dir !== root && isInside(dir, root); dir = dirname(dir)) {
    const siblings = await readdir(dirname(dir)).catch(() => [] as string[]);
    if (savedPageFolders(siblings).has(basename(dir))) return true;
  }
  return false;
}
