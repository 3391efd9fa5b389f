/**
 * Which files an import reads: the files named, and the page files found by walking the folders named.
 * A walk stays inside the folders it was given: a symbolic link whose target (resolved with realpath)
 * is outside every folder given is skipped and reported, never followed; a link inside is followed,
 * and each real folder and file is taken at most once (loops end, an alias never doubles a file).
 * Links are followed only after the folders' own trees are walked, so a file reached both directly and
 * through a link keeps its own path. Walks visit at most `maxEntries` folder entries and stop between
 * two entries when the signal is aborted. A path named directly is always taken as given.
 * A browser's "Save page as, complete" folder (`page_files` beside `page.html`) holds the page's
 * pictures, scripts and frames, not pages: a walk leaves it out.
 */
import type { Dir, Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { SkipReason } from '../model.js';
import { FORMAT_EXTENSIONS, matchingExtension } from './formats/sniff.js';
import { pageStem, resourceFolderNames } from './formats/html-file.js';

export type { SkipReason } from '../model.js';

/**
 * Folder entries one import visits at most (every file, folder and link seen counts once): room for an
 * archive of a million pages with their folders and saved pages' resource folders (it was 200,000,
 * which stopped the walk of a 300,000-page archive two thirds in), while a walk that never ends (a
 * generated tree) still stops, its paths held in memory (about 100 bytes each) bounded.
 */
export const DEFAULT_MAX_ENTRIES = 2_500_000;

export interface SkippedPath {
  path: string;
  reason: SkipReason;
}

export interface CollectOptions {
  /** Abort to stop the walk between two entries; the result then has `cancelled` set. */
  signal?: AbortSignal;
  /** Folder entries visited at most (default DEFAULT_MAX_ENTRIES); the result then has `truncated` set. */
  maxEntries?: number;
}

export interface CollectResult {
  /** Files to import, in a stable order; named paths that do not exist stay, so they are reported. */
  files: string[];
  /** What the walks left out and why (links out of the folder, unreadable folders, the entry limit). */
  skipped: SkippedPath[];
  /** The entry limit was reached: some folders were not walked to the end. */
  truncated: boolean;
  /** The signal was aborted during the walk: `files` holds what was found before. */
  cancelled: boolean;
}

/** Whether `real` (a realpath) is `root` (a realpath) or inside it. */
export function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Every file to import: named files as given, folders walked recursively (entries sorted by name) for
 * files whose name ends with one of `extensions` (lower case, with the dot), symbolic links followed
 * only within the folders given.
 */
export async function collectFiles(
  paths: string[],
  extensions: string[],
  options: CollectOptions = {},
): Promise<CollectResult> {
  const { signal } = options;
  const maxEntries = Math.max(0, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const accepted = new Set(extensions.map((e) => e.toLowerCase()));
  const result: CollectResult = { files: [], skipped: [], truncated: false, cancelled: false };
  const seenFiles = new Set<string>(); // real paths of the files taken
  const seenDirs = new Set<string>(); // real paths of the folders walked
  const roots: string[] = []; // real paths of the folders given
  const links: string[] = []; // links met while walking, followed after the folders' own trees
  let visited = 0;

  const accepts = (name: string): boolean => matchingExtension(name, accepted) !== undefined;
  const stopped = (): boolean => {
    if (!result.cancelled && signal?.aborted) result.cancelled = true;
    return result.cancelled || result.truncated;
  };
  const take = (path: string, real: string): void => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    result.files.push(path);
  };

  /** Walk `dir` (whose realpath is `real`), depth first in name order; links are queued. */
  const walk = async (dir: string, real: string): Promise<void> => {
    if (seenDirs.has(real)) return; // a loop, an alias, or a folder given twice
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      // Never more than the entries left to visit (plus one, to know where the walk stopped).
      entries = await readEntries(dir, maxEntries - visited + 1, signal);
    } catch {
      result.skipped.push({ path: dir, reason: 'unreadable folder' });
      return;
    }
    const resourceFolders = savedPageFolders(entries.map((e) => e.name));
    for (const entry of entries) {
      if (stopped()) return;
      const path = childPath(dir, entry.name);
      if (visited >= maxEntries) {
        result.truncated = true;
        result.skipped.push({ path, reason: 'entry limit reached' });
        return;
      }
      visited++;
      if (resourceFolders.has(entry.name) && !entry.isFile()) continue;
      if (entry.isSymbolicLink()) links.push(path);
      else if (entry.isDirectory()) await walk(path, childPath(real, entry.name));
      else if (entry.isFile() && accepts(entry.name)) take(path, childPath(real, entry.name));
    }
  };

  const follow = async (link: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(link);
    } catch (err) {
      if (accepts(link)) {
        const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
        result.skipped.push({ path: link, reason: loop ? 'symlink loop' : 'symlink target missing' });
      }
      return;
    }
    const target = await stat(real).catch(() => undefined);
    const isDir = target?.isDirectory() ?? false;
    if (!isDir && !(target?.isFile() && accepts(link))) return; // not something an import reads
    if (!roots.some((root) => isInside(real, root))) {
      result.skipped.push({ path: link, reason: 'symlink outside the folder' });
      return;
    }
    if (isDir) await walk(link, real);
    else take(link, real);
  };

  // Folders are known before any link is followed: a link may point into any of them.
  const given: { path: string; real: string; isDir: boolean }[] = [];
  for (const p of paths) {
    const path = resolve(p);
    const st = await stat(path).catch(() => undefined);
    const real = await realpath(path).catch(() => path);
    given.push({ path, real, isDir: st?.isDirectory() ?? false });
    if (st?.isDirectory()) roots.push(real);
  }
  for (const { path, real, isDir } of given) {
    if (isDir) {
      if (!stopped()) await walk(path, real);
    } else {
      // Named directly: taken as given (a missing path stays, to be reported by the import).
      take(path, real);
    }
  }
  // Links found while following links join the queue's end; each real target is taken once.
  for (let i = 0; i < links.length && !stopped(); i++) await follow(links[i]!);
  if (result.truncated) {
    for (const { path, real, isDir } of given) {
      if (isDir && !seenDirs.has(real)) result.skipped.push({ path, reason: 'entry limit reached' });
    }
  }
  return result;
}

/**
 * `join(dir, name)` for a folder path already resolved and an entry name (no separator in it), as one
 * flat string. `join` builds its result a segment at a time, and V8 keeps such a string as a tree of
 * pieces: about 270 bytes a path against 64, so the list of a million files held 285 MB for the
 * whole import, and the walk's set of real paths as much again.
 */
export function childPath(dir: string, name: string): string {
  return [dir.endsWith(sep) ? dir.slice(0, -1) : dir, name].join(sep);
}

/** Up to `limit` entries of a folder, sorted by name; memory stays bounded by the limit. */
async function readEntries(dir: string, limit: number, signal?: AbortSignal): Promise<Dirent[]> {
  const out: Dirent[] = [];
  const handle: Dir = await opendir(dir);
  try {
    while (out.length < limit && !signal?.aborted) {
      const entry = await handle.read();
      if (!entry) break;
      out.push(entry);
    }
  } finally {
    await handle.close();
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The names among a folder's entries of "Save page as, complete" folders: `page_files` beside `page.html`. */
export function savedPageFolders(names: string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    if (!matchingExtension(name, FORMAT_EXTENSIONS.html)) continue;
    for (const folder of resourceFolderNames(pageStem(name))) out.add(folder);
  }
  return out;
}
