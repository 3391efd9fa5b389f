/**
 * Watching the archive folders the user added: new or changed page files are imported while the app
 * runs. Uses node's recursive fs.watch (Linux supports it since Node 20), debounced, since saving a
 * file fires several events and a copied folder fires hundreds; each quiet spell becomes one import.
 * Deleted files are left in the catalog: an archive on a removable drive must not vanish when unplugged.
 * Like an import's walk, the watcher stays inside its folders: a path whose real location (a new
 * symbolic link's target) is outside the watched folder is not imported.
 */
import { watch, type FSWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { ImportReport } from '../model.js';
import type { CatalogStore } from '../catalog/catalog-store.js';
import { DEFAULT_EXTENSIONS, importPaths, type ImportOptions } from './import-files.js';
import { isInside } from './collect-files.js';

export interface WatchOptions extends Omit<ImportOptions, 'signal'> {
  /** Quiet time after the last event before importing (default 500 ms). */
  debounceMs?: number;
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
  const { debounceMs = 500, onError, runImport, ...importOptions } = options;
  const extensions = (importOptions.extensions ?? DEFAULT_EXTENSIONS).map((e) => e.toLowerCase());
  /** Changed path -> the watched folder it is in. */
  const pending = new Map<string, string>();
  /** Watched folder -> its realpath (resolved on first use: the folder may be a link itself). */
  const realRoots = new Map<string, Promise<string>>();
  const realRoot = (root: string): Promise<string> => {
    let real = realRoots.get(root);
    if (!real) realRoots.set(root, (real = realpath(root).catch(() => root)));
    return real;
  };
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(drain);
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
      const st = await stat(real).catch(() => undefined);
      // A new folder is imported whole: events for files created inside it right away can be missed.
      if (st?.isDirectory() || (st?.isFile() && extensions.includes(extname(p).toLowerCase()))) paths.push(p);
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

  for (const folder of folders) {
    const root = resolve(folder);
    try {
      const w = watch(root, { recursive: true }, (_event, name) => {
        if (closed) return;
        pending.set(name ? join(root, name.toString()) : root, root);
        schedule();
      });
      w.on('error', (err) => onError?.(err));
      watchers.push(w);
    } catch (err) {
      onError?.(err);
    }
  }

  return {
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      await running;
    },
  };
}
