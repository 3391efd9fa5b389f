/**
 * The library: bookmarks, annotations, reading state and settings in library.json. Never rebuilt and
 * never lost: every change is on disk (fsynced, atomic rename) before the call returns, the last good
 * states are kept as rotating backups, and an unreadable file is set aside and the newest good backup
 * restored instead of starting empty.
 */
import { Low } from 'lowdb';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DurableJsonFile, StoreCorruptError } from '../store/durable-json-file.js';
import {
  DEFAULT_SETTINGS,
  type Annotation,
  type AnnotationTarget,
  type Bookmark,
  type HighlightColor,
  type LibraryData,
  type Settings,
} from './library-types.js';

export const LIBRARY_SCHEMA_VERSION = 1;
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

export class LibraryStore {
  readonly #db: Low<LibraryData>;
  readonly file: string;
  readonly backupDir: string;
  /** Set when library.json was unreadable at open: the app and the CLI tell the user. */
  recovery: LibraryRecovery | undefined;
  #lastBackup = 0;

  private constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'library.json');
    this.backupDir = join(dataDir, 'backups');
    this.#db = new Low(new DurableJsonFile<LibraryData>(this.file, 2), emptyLibrary());
  }

  static async open(dataDir: string): Promise<LibraryStore> {
    const store = new LibraryStore(dataDir);
    await mkdir(dataDir, { recursive: true });
    await store.#load();
    return store;
  }

  async #load(): Promise<void> {
    try {
      await this.#db.read();
      this.#db.data = checkShape(this.#db.data);
      await this.#backup();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const setAside = `${this.file}.bad-${stamp()}`;
      await rename(this.file, setAside);
      const restoredFrom = await this.#restoreNewestBackup();
      this.recovery = { setAside, reason, ...(restoredFrom ? { restoredFrom } : {}) };
    }
  }

  async #restoreNewestBackup(): Promise<string | undefined> {
    for (const name of (await this.#backupNames()).reverse()) {
      const path = join(this.backupDir, name);
      try {
        const data = checkShape(JSON.parse(await readFile(path, 'utf8')) as LibraryData);
        this.#db.data = data;
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
      return (await readdir(this.backupDir)).filter((n) => /^library-.*\.json$/.test(n)).sort();
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

  /** Persist; resolves once the change is on disk. Backs up the previous good state now and then. */
  async #save(): Promise<void> {
    if (Date.now() - this.#lastBackup > BACKUP_EVERY_MS) await this.#backup();
    await this.#db.write();
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
  async setBookmark(articleId: string, fields: { tags?: string[]; note?: string } = {}): Promise<Bookmark> {
    const list = this.#db.data.bookmarks;
    const existing = list.find((b) => b.articleId === articleId);
    const bookmark: Bookmark = existing ?? { articleId, createdAt: new Date().toISOString(), tags: [] };
    if (fields.tags) bookmark.tags = cleanTags(fields.tags);
    if (fields.note !== undefined) bookmark.note = fields.note || undefined;
    if (!existing) list.push(bookmark);
    await this.#save();
    return { ...bookmark, tags: [...bookmark.tags] };
  }

  /** Remove bookmarks; resolves once on disk with the ones removed (for undo). */
  async removeBookmarks(articleIds: string[]): Promise<Bookmark[]> {
    const drop = new Set(articleIds);
    const removed = this.#db.data.bookmarks.filter((b) => drop.has(b.articleId));
    if (removed.length === 0) return [];
    this.#db.data.bookmarks = this.#db.data.bookmarks.filter((b) => !drop.has(b.articleId));
    await this.#save();
    return removed;
  }

  get settings(): Settings {
    return { ...this.#db.data.settings, archiveFolders: [...this.#db.data.settings.archiveFolders] };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    this.#db.data.settings = { ...this.#db.data.settings, ...patch };
    await this.#save();
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

  async addAnnotation(fields: {
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
    this.#db.data.annotations.push(annotation);
    await this.#save();
    return cloneAnnotation(annotation);
  }

  async updateAnnotation(
    id: string,
    patch: { color?: HighlightColor; note?: string; tags?: string[]; target?: AnnotationTarget },
  ): Promise<Annotation | undefined> {
    const a = this.#db.data.annotations.find((x) => x.id === id);
    if (!a) return undefined;
    if (patch.color) a.color = patch.color;
    if (patch.note !== undefined) {
      if (patch.note) a.note = patch.note;
      else delete a.note;
    }
    if (patch.tags) a.tags = cleanTags(patch.tags);
    if (patch.target) a.target = patch.target;
    a.updatedAt = new Date().toISOString();
    await this.#save();
    return cloneAnnotation(a);
  }

  /** Delete annotations; resolves once on disk with what was removed (for undo). */
  async deleteAnnotations(ids: string[]): Promise<Annotation[]> {
    const drop = new Set(ids);
    const removed = this.#db.data.annotations.filter((a) => drop.has(a.id));
    if (removed.length === 0) return [];
    this.#db.data.annotations = this.#db.data.annotations.filter((a) => !drop.has(a.id));
    await this.#save();
    return removed;
  }

  /**
   * Merge records back in (undo, or importing an exported library): bookmarks by article, annotations
   * by id; a record already present is kept as it is, so merging twice adds nothing.
   */
  async merge(records: {
    bookmarks?: Bookmark[];
    annotations?: Annotation[];
  }): Promise<{ bookmarks: number; annotations: number }> {
    const data = this.#db.data;
    const haveB = new Set(data.bookmarks.map((b) => b.articleId));
    const haveA = new Set(data.annotations.map((a) => a.id));
    const newB = (records.bookmarks ?? []).filter((b) => !haveB.has(b.articleId) && haveB.add(b.articleId));
    const newA = (records.annotations ?? []).filter((a) => !haveA.has(a.id) && haveA.add(a.id));
    if (newB.length + newA.length === 0) return { bookmarks: 0, annotations: 0 };
    data.bookmarks.push(...newB.map((b) => ({ ...b, tags: cleanTags(b.tags) })));
    data.annotations.push(...newA.map((a) => ({ ...cloneAnnotation(a), tags: cleanTags(a.tags) })));
    await this.#save();
    return { bookmarks: newB.length, annotations: newA.length };
  }

  async setReading(articleId: string, position: number): Promise<void> {
    this.#db.data.reading[articleId] = { position, readAt: new Date().toISOString() };
    await this.#save();
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

/** Reject what this version cannot read (a newer schema, a wrong shape) rather than overwrite it. */
function checkShape(data: LibraryData | null): LibraryData {
  if (data === null) return emptyLibrary();
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('library.json is not an object');
  if (data.schemaVersion !== LIBRARY_SCHEMA_VERSION) {
    throw new Error(
      `library.json has schema version ${String(data.schemaVersion)}, expected ${LIBRARY_SCHEMA_VERSION}`,
    );
  }
  if (!Array.isArray(data.bookmarks)) throw new Error('library.json has no bookmarks list');
  if (data.annotations !== undefined && !Array.isArray(data.annotations)) {
    throw new Error('library.json has a broken annotations list');
  }
  return {
    ...emptyLibrary(),
    ...data,
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
