/**
 * One opened data folder: the catalog, the library and the search index together, with the few
 * operations that touch more than one of them (importing, first-use seeding). Every shell (Electron,
 * serve, CLI) opens exactly one of these and talks to it; none of them reaches into the stores' files.
 */
import { expandUserPath } from './user-path.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { writeFileDurably } from './store/durable-json-file.js';
import { join } from 'node:path';
import { CatalogStore } from './catalog/catalog-store.js';
import { LibraryStore } from './library/library-store.js';
import { SearchService, type IndexProgress } from './search/search-service.js';
import {
  importPaths,
  reimportSource,
  removeSource,
  removeSources,
  type ImportOptions,
} from './ingest/import-files.js';
import { watchFolders, type FolderWatch } from './ingest/watch-folders.js';
import type { CoreEvents, ImportReport, RecoveryNotice } from './model.js';

export type { RecoveryNotice } from './model.js';

const SOURCES_FILE = 'source-paths.json';
/** Every source file the catalog knew, the user's archive folders and the bundled seeds. */
async function knownSources(
  dataDir: string,
  library: LibraryStore,
  seedsDir: string | undefined,
): Promise<string[]> {
  let listed: string[] = [];
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, SOURCES_FILE), 'utf8')) as unknown;
    if (Array.isArray(parsed)) listed = parsed.filter((p): p is string => typeof p === 'string');
  } catch {
    /* no list: fall back on the folders */
  }
  // The list names the seed file itself if it was imported (and not if the user removed it).
  const all = [
    ...listed,
    ...library.settings.archiveFolders,
    ...(listed.length === 0 && seedsDir ? [seedsDir] : []),
  ];
  return [...new Set(all)].filter((p) => existsSync(p));
}

export type { CoreEvents };

type Listener = <E extends keyof CoreEvents>(event: E, payload: CoreEvents[E]) => void;

export class BusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BusyError';
  }
}

export interface OpenOptions {
  /** Folder imported on the first use of an empty data folder (the shells pass the bundled seeds/). */
  seedsDir?: string;
  /** Leave first-use seeding to the caller (the CLI's import folds it into the user's own import). */
  deferSeeding?: boolean;
  /**
   * Open without waiting for a missing or stale search index (a new index version, a catalog changed
   * by another process): it is built in the background with 'search:indexing' events, and searches
   * wait for it. The app uses this so its window opens at once; the CLI waits instead.
   */
  indexInBackground?: boolean;
  /** Told how the migration of an older data folder's catalog goes (articles copied of all). */
  onMigrateProgress?: (progress: { done: number; total: number }) => void;
  /** Told how a search index build during open goes (the CLI's progress line). */
  onIndexProgress?: (progress: IndexProgress) => void;
}

export class ArchiveCore {
  #listeners = new Set<Listener>();
  #importing: AbortController | undefined;
  #importRun: Promise<unknown> | undefined;
  #watch: FolderWatch | undefined;
  #watching = false;

  private constructor(
    readonly dataDir: string,
    /** True when the data folder held no catalog and no library when opened. */
    readonly firstUse: boolean,
    readonly seedsDir: string | undefined,
    readonly catalog: CatalogStore,
    readonly library: LibraryStore,
    readonly search: SearchService,
  ) {}

  static async open(dataDir: string, options: OpenOptions = {}): Promise<ArchiveCore> {
    await mkdir(dataDir, { recursive: true });
    const firstUse = ['catalog.db', 'catalog.json', 'library.json'].every(
      (f) => !existsSync(join(dataDir, f)),
    );
    const catalog = await CatalogStore.open(
      dataDir,
      options.onMigrateProgress ? { onMigrateProgress: options.onMigrateProgress } : {},
    );
    const library = await LibraryStore.open(dataDir);
    const seedsDir = options.seedsDir;
    if (firstUse && seedsDir && !options.deferSeeding) await importPaths(catalog, [seedsDir]);
    let rebuilt: ImportReport | undefined;
    if (catalog.recoveredFrom)
      rebuilt = await importPaths(catalog, await knownSources(dataDir, library, seedsDir));
    // Files an older version let through the limits would cost every start their size: read again.
    const oversized = catalog.oversizedSources();
    for (const path of oversized) await reimportSource(catalog, path);
    // The service reports to the core, which exists only once the service does.
    const progress: { to?: ArchiveCore } = {};
    const search = await SearchService.open(catalog, dataDir, {
      defer: options.indexInBackground,
      onProgress: (p) => {
        options.onIndexProgress?.(p);
        if (progress.to) progress.to.#indexProgress(p);
      },
    });
    const core = new ArchiveCore(dataDir, firstUse, seedsDir, catalog, library, search);
    progress.to = core;
    core.#rebuilt = rebuilt;
    core.#reimported = oversized.length;
    if (firstUse || rebuilt || oversized.length) await core.#rememberSources();
    // A failed build is retried by the next search, which then reports the error.
    if (options.indexInBackground) void search.refresh().catch(() => undefined);
    return core;
  }

  #indexing: IndexProgress | undefined;

  #indexProgress(p: IndexProgress): void {
    this.#indexing = p.done < p.total ? p : undefined;
    this.#emit('search:indexing', p);
  }

  /** The search index build under way, if any (for a window that opens in the middle of it). */
  get indexing(): IndexProgress | undefined {
    return this.#indexing;
  }

  #rebuilt: ImportReport | undefined;
  #reimported = 0;

  /**
   * The source files' paths, kept beside the catalog: if catalog.db is ever unreadable, this small
   * list (with the archive folders and the seeds) is what the catalog is rebuilt from.
   */
  async #rememberSources(): Promise<void> {
    const paths = [...this.catalog.eachSource()].map((s) => s.path);
    await writeFileDurably(join(this.dataDir, SOURCES_FILE), JSON.stringify(paths));
  }

  /**
   * Run a change to the catalog as its one writer: the ingest functions take the catalog's write
   * lock (another process's batch is waited for) and commit before they return.
   */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.catalog.writeSession(task);
  }

  /**
   * Catch up with changes other processes made to the library and the catalog (the CLI importing
   * while the app runs): the catalog's own reads always see the last commit; the index follows.
   */
  async syncFromDisk(): Promise<void> {
    await this.library.refresh();
    if (!this.importing && this.search.stale) await this.search.refresh();
  }

  /** Subscribe to progress and change events; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit<E extends keyof CoreEvents>(event: E, payload: CoreEvents[E]): void {
    for (const l of this.#listeners) l(event, payload);
  }

  get importing(): boolean {
    return this.#importing !== undefined;
  }

  /** Import files and folders; one import at a time (a second one gets BusyError). */
  async importPaths(typed: string[], options: Omit<ImportOptions, 'signal'> = {}): Promise<ImportReport> {
    // `~` and relative paths as the app's import field means them (./user-path.ts).
    const paths = typed.map((p) => expandUserPath(p));
    if (this.#importing) throw new BusyError('An import is already running; wait for it or cancel it.');
    const controller = new AbortController();
    this.#importing = controller;
    try {
      const run = this.#exclusive(() =>
        importPaths(this.catalog, paths, { ...options, signal: controller.signal }, (p) =>
          this.#emit('import:progress', p),
        ),
      );
      this.#importRun = run.catch(() => undefined);
      const report = await run;
      await this.#changed();
      await this.#rememberFolders(paths);
      return report;
    } finally {
      this.#importing = undefined;
    }
  }

  async #changed(): Promise<void> {
    await this.#rememberSources();
    await this.search.refresh();
    this.#emit('archive:changed', { articles: this.catalog.size });
  }

  /** Folders the user imports become archive folders: watched for new files while the app runs. */
  async #rememberFolders(paths: string[]): Promise<void> {
    const folders = new Set(this.library.settings.archiveFolders);
    const before = folders.size;
    for (const p of paths) {
      if (this.seedsDir && p === this.seedsDir) continue;
      if ((await stat(p).catch(() => undefined))?.isDirectory()) folders.add(p);
    }
    if (folders.size === before) return;
    await this.library.updateSettings({ archiveFolders: [...folders] });
    if (this.#watching) await this.startWatching();
  }

  /** Re-read one source file (the Sources view). */
  async reimportSource(path: string): Promise<ImportReport> {
    const report = await this.#exclusive(() => reimportSource(this.catalog, path));
    await this.#changed();
    return report;
  }

  /** Forget one source file; its articles go unless another file mentions them. */
  async removeSource(path: string): Promise<boolean> {
    const removed = await this.#exclusive(() => removeSource(this.catalog, path));
    if (removed) await this.#changed();
    return removed;
  }

  /** Forget many source files (a folder), in batches, bringing the index up to date once. */
  async removeSources(paths: readonly string[]): Promise<string[]> {
    const removed = await this.#exclusive(() => removeSources(this.catalog, paths));
    if (removed.length) await this.#changed();
    return removed;
  }

  /** Watch the user's archive folders (the app does; the CLI does not), restarting on changes. */
  async startWatching(onError?: (err: unknown) => void): Promise<void> {
    this.#watching = true;
    await this.#watch?.close();
    const folders = this.library.settings.archiveFolders.filter((f) => existsSync(f));
    this.#watch = folders.length
      ? watchFolders(this.catalog, folders, () => void this.#changed(), {
          ...(onError ? { onError } : {}),
          runImport: (paths) => this.#exclusive(() => importPaths(this.catalog, paths)),
        })
      : undefined;
  }

  /** Stop watching and let a running import stop at its next batch boundary (nothing half-written). */
  async close(): Promise<void> {
    this.#watching = false;
    this.cancelImport();
    await this.#importRun;
    await this.#watch?.close();
  }

  cancelImport(): boolean {
    if (!this.#importing) return false;
    this.#importing.abort();
    return true;
  }

  /** What was recovered at open, as data, for the app to say in the user's language. */
  recoveryNotices(): RecoveryNotice[] {
    const out: RecoveryNotice[] = [];
    const lib = this.library.recovery;
    if (lib) {
      out.push({
        store: 'library',
        reason: lib.reason,
        setAside: lib.setAside,
        ...(lib.restoredFrom ? { restoredFrom: lib.restoredFrom } : {}),
      });
    }
    if (this.catalog.recoveredFrom) {
      const r = this.#rebuilt;
      out.push({
        store: 'catalog',
        setAside: this.catalog.recoveredFrom,
        ...(this.catalog.recoveryReason ? { reason: this.catalog.recoveryReason } : {}),
        ...(this.catalog.migration?.failed ? { migrationFailed: true } : {}),
        ...(r ? { rebuiltFiles: r.files.imported + r.files.duplicate } : {}),
      });
    }
    if (this.#reimported) out.push({ store: 'limits', reimported: this.#reimported });
    return out;
  }
}
