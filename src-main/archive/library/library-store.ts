/**
 * The library: bookmarks, annotations, reading state and settings in library.json. Never rebuilt and
 * never lost:
 * - every change is on disk (fsynced, atomic rename) before the call returns;
 * - every change is a read-modify-write under a lock file shared by all processes on the data folder,
 *   re-reading the file first when another process (the CLI, a second app) changed it, so writes merge
 *   instead of overwriting each other;
 * - the last good states are kept as rotating backups, and an old schema is migrated after a backup;
 * - an unreadable or too-new file is set aside and the newest good backup restored, never overwritten.
 */
import { Low } from 'lowdb';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DurableJsonFile, StoreCorruptError } from '../store/durable-json-file.js';
import { withFileLock } from '../store/file-lock.js';
import { SerialQueue } from '../store/serial-queue.js';
import { LIBRARY_SCHEMA_VERSION, migrate } from './library-migrations.js';
import {
  DEFAULT_SETTINGS,
  type Annotation,
  type AnnotationTarget,
  type Bookmark,
  type HighlightColor,
  type LibraryData,
  type ReadingState,
  type Settings,
} from './library-types.js';

export { LIBRARY_SCHEMA_VERSION };
const BACKUPS_KEPT = 5;
/** A running app takes a fresh backup of the last good state at most this often. */
const BACKUP_EVERY_MS = 10 * 60 * 1000;

export interface LibraryRecovery {
  /** Where the unreadable file was moved. */
  setAside: string;
  /** The backup that was restored, if any. */
  restoredFrom?: string;
  reason: string;
}

type Stamp = string;

export class LibraryStore {
  readonly #db: Low<LibraryData>;
  readonly file: string;
  readonly lockFile: string;
  readonly backupDir: string;
  /** Set when library.json was unreadable at open: the app and the CLI tell the user. */
  recovery: LibraryRecovery | undefined;
  /** Set when library.json was migrated at open: the version it had and the backup taken first. */
  migration: { from: number; backup: string } | undefined;
  #lastBackup = 0;
  /** What library.json looked like (mtime, size, inode) when this process last read or wrote it. */
  #stamp: Stamp = '';
  /** Serialises this process's own mutations (the lock file serialises processes). */
  #queue = new SerialQueue();
  /** Told after each write this process makes (sync stamps the change with its clock). */
  onWrite: (() => void) | undefined;

  private constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'library.json');
    this.lockFile = join(dataDir, 'library.lock');
    this.backupDir = join(dataDir, 'backups');
    this.#db = new Low(new DurableJsonFile<LibraryData>(this.file, 2), emptyLibrary());
  }

  static async open(dataDir: string): Promise<LibraryStore> {
    const store = new LibraryStore(dataDir);
    await mkdir(dataDir, { recursive: true });
    await withFileLock(store.lockFile, () => store.#load());
    return store;
  }

  async #load(): Promise<void> {
    try {
      await this.#read();
      await this.#backup();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const setAside = `${this.file}.bad-${stamp()}`;
      await rename(this.file, setAside);
      const restoredFrom = await this.#restoreNewestBackup();
      this.recovery = { setAside, reason, ...(restoredFrom ? { restoredFrom } : {}) };
    }
    this.#stamp = await this.#fileStamp();
  }

  /** Read library.json into memory, migrating an older schema (after a backup copy). */
  async #read(): Promise<void> {
    await this.#db.read();
    const raw = this.#db.data as unknown;
    if (raw === null) {
      this.#db.data = emptyLibrary();
      return;
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('library.json is not an object');
    const { data, from } = migrate(raw as Record<string, unknown>);
    this.#db.data = checkShape(data);
    if (from !== LIBRARY_SCHEMA_VERSION) {
      const backup = join(this.backupDir, `library-v${from}-${stamp()}.json`);
      await mkdir(this.backupDir, { recursive: true });
      await copyFile(this.file, backup);
      await this.#db.write();
      this.migration = { from, backup };
    }
  }

  async #fileStamp(): Promise<Stamp> {
    const st = await stat(this.file).catch(() => undefined);
    return st ? `${st.mtimeMs}:${st.size}:${st.ino}` : '';
  }

  async #restoreNewestBackup(): Promise<string | undefined> {
    for (const name of (await this.#backupNames()).reverse()) {
      const path = join(this.backupDir, name);
      try {
        const { data } = migrate(JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>);
        this.#db.data = checkShape(data);
        await this.#db.write();
        return path;
      } catch {
        /* try an older one */
      }
    }
    this.#db.data = emptyLibrary();
    await this.#db.write();
    return undefined;
  }

  async #backupNames(): Promise<string[]> {
    try {
      return (await readdir(this.backupDir)).filter((n) => /^library-\d.*\.json$/.test(n)).sort();
    } catch {
      return [];
    }
  }

  /** Keep a copy of the good file as it is now, rotating the oldest out. */
  async #backup(): Promise<void> {
    this.#lastBackup = Date.now();
    await mkdir(this.backupDir, { recursive: true });
    try {
      await copyFile(this.file, join(this.backupDir, `library-${stamp()}.json`));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const names = await this.#backupNames();
    for (const old of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) {
      await rm(join(this.backupDir, old), { force: true });
    }
  }

  /**
   * One change: under the lock, catch up with the file if another process wrote it, apply `change`,
   * write durably. Resolves with `change`'s result once it is on disk.
   */
  #mutate<T>(change: (data: LibraryData) => { result: T; changed: boolean }): Promise<T> {
    return this.#queue.run(() =>
      withFileLock(this.lockFile, async () => {
        if ((await this.#fileStamp()) !== this.#stamp) await this.#read();
        const { result, changed } = change(this.#db.data);
        if (changed) {
          if (Date.now() - this.#lastBackup > BACKUP_EVERY_MS) await this.#backup();
          await this.#db.write();
          this.#stamp = await this.#fileStamp();
          this.onWrite?.();
        }
        return result;
      }),
    );
  }

  /** Sync's one door (archive/sync): a change to the raw records under the lock, on disk when it resolves. */
  transact<T>(change: (data: LibraryData) => { result: T; changed: boolean }): Promise<T> {
    return this.#mutate(change);
  }

  /** Catch up with changes another process made (the CLI while the app runs). Cheap: one stat. */
  async refresh(): Promise<void> {
    await this.#queue.idle();
    if ((await this.#fileStamp()) === this.#stamp) return;
    await withFileLock(this.lockFile, async () => {
      await this.#read();
      this.#stamp = await this.#fileStamp();
    });
  }

  get data(): Readonly<LibraryData> {
    return this.#db.data;
  }

  listBookmarks(): Bookmark[] {
    return this.#db.data.bookmarks.map((b) => ({ ...b, tags: [...b.tags] }));
  }

  isBookmarked(articleId: string): boolean {
    return this.#db.data.bookmarks.some((b) => b.articleId === articleId);
  }

  /** Add or update a bookmark; resolves once it is on disk. */
  setBookmark(articleId: string, fields: { tags?: string[]; note?: string } = {}): Promise<Bookmark> {
    return this.#mutate((data) => {
      const existing = data.bookmarks.find((b) => b.articleId === articleId);
      const bookmark: Bookmark = existing ?? { articleId, createdAt: new Date().toISOString(), tags: [] };
      if (fields.tags) bookmark.tags = cleanTags(fields.tags);
      if (fields.note !== undefined) {
        if (fields.note) bookmark.note = fields.note;
        else delete bookmark.note;
      }
      if (!existing) data.bookmarks.push(bookmark);
      return { result: { ...bookmark, tags: [...bookmark.tags] }, changed: true };
    });
  }

  /** Remove bookmarks; resolves once on disk with the ones removed (for undo). */
  removeBookmarks(articleIds: string[]): Promise<Bookmark[]> {
    const drop = new Set(articleIds);
    return this.#mutate((data) => {
      const removed = data.bookmarks.filter((b) => drop.has(b.articleId));
      if (removed.length) data.bookmarks = data.bookmarks.filter((b) => !drop.has(b.articleId));
      return { result: removed, changed: removed.length > 0 };
    });
  }

  get settings(): Settings {
    return { ...this.#db.data.settings, archiveFolders: [...this.#db.data.settings.archiveFolders] };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    await this.#mutate((data) => {
      data.settings = { ...data.settings, ...patch };
      return { result: undefined, changed: true };
    });
    return this.settings;
  }

  listAnnotations(articleId?: string): Annotation[] {
    return this.#db.data.annotations
      .filter((a) => !articleId || a.articleId === articleId)
      .map(cloneAnnotation);
  }

  getAnnotation(id: string): Annotation | undefined {
    const a = this.#db.data.annotations.find((x) => x.id === id);
    return a && cloneAnnotation(a);
  }

  addAnnotation(fields: {
    articleId: string;
    target: AnnotationTarget;
    color: HighlightColor;
    note?: string;
    tags?: string[];
  }): Promise<Annotation> {
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: randomUUID(),
      articleId: fields.articleId,
      color: fields.color,
      tags: cleanTags(fields.tags ?? []),
      target: fields.target,
      createdAt: now,
      updatedAt: now,
      ...(fields.note ? { note: fields.note } : {}),
    };
    return this.#mutate((data) => {
      data.annotations.push(annotation);
      return { result: cloneAnnotation(annotation), changed: true };
    });
  }

  updateAnnotation(
    id: string,
    patch: { color?: HighlightColor; note?: string; tags?: string[]; target?: AnnotationTarget },
  ): Promise<Annotation | undefined> {
    return this.#mutate((data) => {
      const a = data.annotations.find((x) => x.id === id);
      if (!a) return { result: undefined, changed: false };
      if (patch.color) a.color = patch.color;
      if (patch.note !== undefined) {
        if (patch.note) a.note = patch.note;
        else delete a.note;
      }
      if (patch.tags) a.tags = cleanTags(patch.tags);
      if (patch.target) a.target = patch.target;
      a.updatedAt = new Date().toISOString();
      return { result: cloneAnnotation(a), changed: true };
    });
  }

  /** Delete annotations; resolves once on disk with what was removed (for undo). */
  deleteAnnotations(ids: string[]): Promise<Annotation[]> {
    const drop = new Set(ids);
    return this.#mutate((data) => {
      const removed = data.annotations.filter((a) => drop.has(a.id));
      if (removed.length) data.annotations = data.annotations.filter((a) => !drop.has(a.id));
      return { result: removed, changed: removed.length > 0 };
    });
  }

  /**
   * Merge records back in (undo, or importing an exported library): bookmarks by article, annotations
   * by id; a record already present is kept as it is, so merging twice adds nothing.
   */
  merge(records: {
    bookmarks?: Bookmark[];
    annotations?: Annotation[];
  }): Promise<{ bookmarks: number; annotations: number }> {
    return this.#mutate((data) => {
      // Plain loops: an exported library can hold a million records, far more than a spread's
      // arguments (`push(...records)`) fit on the call stack.
      const haveB = new Set<string>();
      for (const b of data.bookmarks) haveB.add(b.articleId);
      const haveA = new Set<string>();
      for (const a of data.annotations) haveA.add(a.id);
      let bookmarks = 0;
      for (const b of records.bookmarks ?? []) {
        if (haveB.has(b.articleId)) continue;
        haveB.add(b.articleId);
        data.bookmarks.push({ ...b, tags: cleanTags(b.tags) });
        bookmarks++;
      }
      let annotations = 0;
      for (const a of records.annotations ?? []) {
        if (haveA.has(a.id)) continue;
        haveA.add(a.id);
        data.annotations.push({ ...cloneAnnotation(a), tags: cleanTags(a.tags) });
        annotations++;
      }
      return { result: { bookmarks, annotations }, changed: bookmarks + annotations > 0 };
    });
  }

  /** Where the user stopped reading an article (a copy), if they opened it. */
  reading(articleId: string): ReadingState | undefined {
    const r = Object.hasOwn(this.#db.data.reading, articleId) ? this.#db.data.reading[articleId] : undefined;
    return r && { ...r };
  }

  /** Every article's reading state (a copy). */
  allReading(): Record<string, ReadingState> {
    return structuredClone(this.#db.data.reading);
  }

  /** Remember where the user is in an article; resolves once on disk with the new state. */
  setReading(articleId: string, position: number): Promise<ReadingState> {
    return this.#mutate((data) => {
      const state = { position, readAt: new Date().toISOString() };
      data.reading[articleId] = state;
      return { result: { ...state }, changed: true };
    });
  }
}

function emptyLibrary(): LibraryData {
  return {
    schemaVersion: LIBRARY_SCHEMA_VERSION,
    bookmarks: [],
    annotations: [],
    reading: {},
    settings: { ...DEFAULT_SETTINGS },
  };
}

/** Reject a shape this version cannot read rather than overwrite it. */
function checkShape(data: LibraryData): LibraryData {
  if (!Array.isArray(data.bookmarks)) throw new Error('library.json has no bookmarks list');
  if (data.annotations !== undefined && !Array.isArray(data.annotations)) {
    throw new Error('library.json has a broken annotations list');
  }
  return {
    ...emptyLibrary(),
    ...data,
    reading: data.reading && typeof data.reading === 'object' ? data.reading : {},
    settings: { ...DEFAULT_SETTINGS, ...data.settings },
  };
}

function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

function cloneAnnotation(a: Annotation): Annotation {
  return structuredClone(a);
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export { StoreCorruptError };
