/**
 * The search index's file: `<data>/search/index.db`, SQLite in WAL mode (the app, the serve shell and
 * the CLI may have it open at once). What lives where:
 * - `meta`: the index version, the catalog it was built from and the change number indexed through,
 *   the next doc number, and counters that tell another process's writes apart;
 * - `docs`: one row per live doc (a doc number per indexing of an article): the strings the ranking
 *   reads for a few matches (folded title and snippet keys, title pinyin) and the article id;
 * - `grams`, `words`, `nbrs`: postings in segments, one per build chunk, merged as they pile up
 *   (see postings-store.ts);
 * - `arrays`: the per-doc numbers (kind, alive, time rank, time, title fold; the folds) as blobs, and
 *   `dead`: docs that died since those blobs were written. Opening reads the ones every query needs
 *   (from a copy beside this file read in one read: arrays-file.ts) and nothing else; the times and
 *   fold ids when first needed, and the titles' pinyin as syllable numbers (`syllables`) at the first
 *   pinyin query (see pinyin-store.ts).
 * The index can always be rebuilt from the catalog: a file of another version, or one that cannot be
 * read, is deleted and built again.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_READS_FROM, INDEX_VERSION } from './index-records.js';
import { COPY_FILES } from './arrays-file.js';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs (
  d INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  title_key TEXT NOT NULL,
  snippet_key TEXT NOT NULL,
  pinyin TEXT NOT NULL,
  time REAL,
  kind INTEGER NOT NULL,
  grp INTEGER NOT NULL,
  fold INTEGER NOT NULL,
  sig TEXT NOT NULL,
  py BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS docs_id ON docs(id);
CREATE INDEX IF NOT EXISTS docs_fold ON docs(fold);
CREATE TABLE IF NOT EXISTS grams (seg INTEGER NOT NULL, key INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (seg, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS words (seg INTEGER NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (seg, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nbrs (seg INTEGER NOT NULL, cp INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (seg, cp)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS segs (seg INTEGER PRIMARY KEY, bytes INTEGER NOT NULL, level INTEGER NOT NULL,
  live INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dead (d INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS arrays (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS syllables (id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE);
`;

/** The files of an earlier index format: deleted when found (the index is rebuilt instead). */
const OLD_FILES = ['docs.json', 'postings.bin'];

export const INDEX_FILE = 'index.db';

/** Open (or create) the index file in `dir`; one of another version or unreadable starts over. */
export async function openIndexDb(dir: string): Promise<Db> {
  await mkdir(dir, { recursive: true });
  for (const f of OLD_FILES) if (existsSync(join(dir, f))) await rm(join(dir, f), { force: true });
  const file = join(dir, INDEX_FILE);
  try {
    return openFile(file);
  } catch (err) {
    // Only a file that is not this index is replaced: a busy or unwritable one is an error to report.
    if (!(err instanceof OtherVersion) && !DAMAGED.has((err as { code?: string }).code ?? '')) throw err;
  }
  await removeIndexFiles(dir);
  return openFile(file);
}

export async function removeIndexFiles(dir: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(join(dir, INDEX_FILE + suffix), { force: true });
  for (const copy of COPY_FILES) await rm(join(dir, copy), { force: true });
}

class OtherVersion extends Error {}
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** Mark a file of a version this one reads as it is (INDEX_READS_FROM) as this version. */
function upgrade(db: Db): void {
  const version = getMeta(db, 'version');
  if (version === INDEX_VERSION) return; // another process did meanwhile
  // The docs so far have no initials 4-gram (version 12): pinyin-docs.ts checks theirs as before.
  if (typeof version === 'number' && version < 12) {
    const next = getMeta(db, 'next_d');
    setMeta(db, 'quads_from', typeof next === 'number' ? next : 0);
  }
  setMeta(db, 'version', INDEX_VERSION);
}

function openFile(file: string): Db {
  // Another process's chunk commit takes a moment: wait for it rather than fail.
  const db = new Database(file, { timeout: 10_000 });
  try {
    // A new file's pages are 16 KB (a no-op on an existing one): a common key's lists are hundreds of
    // KB, read a page at a time, and at 300,000 pages 16 KB pages took a query reading mostly lists
    // from 7.5-8.6 to 5-5.5 ms.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // A process killed mid-build loses at most its last transaction, never the file (WAL); the index
    // is rebuildable, so a power cut's last commits need no fsync each.
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -16000');
    // A WAL grown large by a build from nothing is cut back after its next checkpoint.
    db.pragma('journal_size_limit = 67108864');
    const version = hasMeta(db) ? getMeta(db, 'version') : undefined;
    const readable = typeof version === 'number' && version >= INDEX_READS_FROM && version <= INDEX_VERSION;
    if (version !== undefined && (!readable || !hasColumns(db))) throw new OtherVersion();
    if (version !== undefined && version !== INDEX_VERSION) db.transaction(() => upgrade(db)).immediate();
    if (version === undefined) {
      db.exec(SCHEMA);
      db.transaction(() => {
        if (getMeta(db, 'version') !== undefined) return; // another process made it meanwhile
        setMeta(db, 'version', INDEX_VERSION);
        setMeta(db, 'epoch', randomId());
      }).immediate();
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Every table with the columns this version reads (a file written while the layout changed has not). */
const COLUMNS: Record<string, string> = {
  docs: 'd, id, title_key, snippet_key, pinyin, time, kind, grp, fold, sig, py',
  grams: 'seg, key, data',
  words: 'seg, key, data',
  nbrs: 'seg, cp, data',
  segs: 'seg, bytes, level, live',
  dead: 'd',
  arrays: 'name, data',
  syllables: 'id, s',
};

function hasColumns(db: Db): boolean {
  try {
    for (const [table, columns] of Object.entries(COLUMNS))
      db.prepare(`SELECT ${columns} FROM ${table} LIMIT 0`);
    return true;
  } catch {
    return false;
  }
}

function hasMeta(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
}

export type MetaValue = string | number | null;

const metaStatements = new WeakMap<Db, { get: Database.Statement; set: Database.Statement }>();
function metaOf(db: Db): { get: Database.Statement; set: Database.Statement } {
  let q = metaStatements.get(db);
  if (!q) {
    q = {
      get: db.prepare('SELECT v FROM meta WHERE k = ?'),
      set: db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v'),
    };
    metaStatements.set(db, q);
  }
  return q;
}

export function getMeta(db: Db, k: string): MetaValue | undefined {
  return (metaOf(db).get.get(k) as { v: MetaValue } | undefined)?.v;
}

export function setMeta(db: Db, k: string, v: MetaValue): void {
  metaOf(db).set.run(k, v);
}

/** Every meta value at once (opening and catching up read them together). */
export function readMeta(db: Db): Map<string, MetaValue> {
  const rows = db.prepare('SELECT k, v FROM meta').all() as { k: string; v: MetaValue }[];
  return new Map(rows.map((r) => [r.k, r.v]));
}

/** Empty every table (a new catalog, or a rebuild): the file and its version stay. */
export function clearIndexDb(db: Db): void {
  db.transaction(() => {
    for (const t of ['docs', 'grams', 'words', 'nbrs', 'segs', 'dead', 'arrays', 'syllables', 'meta'])
      db.exec(`DELETE FROM ${t}`);
    setMeta(db, 'version', INDEX_VERSION);
    setMeta(db, 'epoch', randomId());
  })();
}

export function randomId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
