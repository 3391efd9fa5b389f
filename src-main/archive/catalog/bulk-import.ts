/**
 * A bulk import: the first import of a large archive (or one that at least doubles it) keeps nothing
 * in order row by row but the tables and the keys it looks rows up by. The lists' indexes, the fold
 * index, the list rows' flags, the day counts and the sources' article counts (catalog-schema.ts's
 * DERIVED) are dropped at its start and worked out once at its end, over every row: at 3 million
 * entries that is a few seconds instead of most of each entry's write.
 *
 * Meanwhile the catalog says so (`meta.bulk`, with its owner's pid): any process that writes then
 * leaves the flags to the end too, and other processes' lists are slower, not yet folded or counted.
 * A bulk import killed part-way is finished by the next process that opens or writes the catalog
 * and finds its owner gone.
 *
 * The first bulk import into an empty catalog also leaves the id index to its end: ids are hashes, so
 * each entry landed on a random page of that index, and at a million pages every commit rewrote most
 * of its pages. The importer finds its own rows by id in memory meanwhile (id-rows.ts); no other
 * process can find them by id (there are no others yet: the catalog was empty) or write until it ends.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  CACHE_KB,
  COUNT_DAYS,
  COUNT_SOURCE_ARTICLES,
  DERIVED_NAMES,
  derivedStatements,
  dropUnused,
  FOLD_INDEX,
  ID_INDEX,
  idConstraint,
  remakeArticles,
  type Db,
} from './catalog-schema.js';
import type { Statements } from './catalog-statements.js';
import { refoldRows } from './fold-rows.js';

interface Marker {
  pid: number;
  token: string;
  /** 'deferred': the id index is built at the end too. */
  ids?: 'deferred';
}

/**
 * SQLite's page cache while the end builds its indexes (KiB, negative). A sort spills its rows to
 * temporary runs of the cache's size: runs of 16 MB sort in the CPU's caches, runs of 64 MB (the
 * catalog's own cache) do not. 100,000 pages, the end's steps alternated: 20.1 -> 16.2 s. At a
 * million pages the spread between runs (311-405 s with 64 MB) hides any difference (docs/storage.md).
 */
export const END_CACHE_KB = -16_384;

/** Threads for the end's sorts: SQLite's helper threads besides the caller's, up to the cores. */
const SORT_THREADS = Math.max(0, Math.min(availableParallelism() - 1, 4));

/** This process's bulk imports in progress (a closed store's import is over, finished or not). */
const live = new Set<string>();

export function bulkMarker(db: Db): Marker | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'bulk'").get() as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as Marker;
  } catch {
    return { pid: 0, token: '' }; // unreadable: nobody's, so finished by whoever finds it
  }
}

/** Whether the import that set the marker may still be running. */
export function ownerAlive(marker: Marker): boolean {
  if (marker.pid === process.pid) return live.has(marker.token);
  try {
    process.kill(marker.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the id index waits for a bulk import's end (no lookup by id may use it meanwhile). */
export function idsDeferred(db: Db): boolean {
  return bulkMarker(db)?.ids === 'deferred';
}

/**
 * Start a bulk import (in the open write transaction); returns its token for `finishBulk`, and
 * whether the id index went too (an empty catalog): then the caller finds its rows by id itself.
 */
export function startBulk(db: Db): { token: string; idsDeferred: boolean } {
  const token = randomUUID();
  live.add(token);
  const marker: Marker = { pid: process.pid, token };
  const deferIds = !db.prepare('SELECT 1 FROM articles LIMIT 1').get();
  if (deferIds) {
    if (idConstraint(db)) remakeArticles(db);
    db.exec('DROP INDEX IF EXISTS articles_id');
    marker.ids = 'deferred';
  }
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('bulk', ?)").run(JSON.stringify(marker));
  for (const { type, name } of DERIVED_NAMES) db.exec(`DROP ${type} IF EXISTS ${name}`);
  dropUnused(db, true);
  return { token, idsDeferred: deferIds };
}

/** Forget this process's import without finishing it (its store was closed). */
export function abandonBulk(token: string): void {
  live.delete(token);
}

/** Let the event loop in (the app's requests) between the steps of a long finish. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Work out what the bulk import left (in the open write transaction): the fold index, the list rows
 * of every fold of several entries (and of any entry not flagged a row, whose fold may have lost its
 * others), the day and source counts, then the lists' indexes and the triggers that keep all of it.
 * Each index is one step (a few seconds at 3 million entries); `step` lets the event loop in between.
 */
export function finishBulk(db: Db, q: Statements, token?: string): void {
  for (const _ of finishSteps(db, q, token));
}

/** As finishBulk, letting the event loop in between its steps. */
export async function finishBulkAsync(db: Db, q: Statements, token?: string): Promise<void> {
  for (const _ of finishSteps(db, q, token)) await turn();
}

/**
 * The end's steps, each yielding its name when done (bench/bulk-end.ts times them, and may try
 * another cache size).
 */
export function* finishSteps(
  db: Db,
  q: Statements,
  token: string | undefined,
  cacheKb = END_CACHE_KB,
): Generator<string> {
  // The indexes' sorts may use a second thread (SQLite's own; the import's workers are done by now).
  db.pragma(`threads = ${SORT_THREADS}`);
  db.pragma(`cache_size = ${cacheKb}`);
  try {
    yield* steps(db, q);
  } finally {
    db.pragma('threads = 0');
    db.pragma(`cache_size = ${CACHE_KB}`);
  }
  db.prepare("DELETE FROM meta WHERE key = 'bulk'").run();
  if (token) live.delete(token);
}

function* steps(db: Db, q: Statements): Generator<string> {
  // An import that began on an empty catalog wrote every row flagged a row of both lists (no other
  // process may write meanwhile, and only the end's refold clears a flag).
  const fromEmpty = idsDeferred(db);
  if (fromEmpty) {
    buildIdIndex(db);
    yield 'id index';
  }
  db.exec(FOLD_INDEX);
  yield 'fold index';
  // The folds to work out go to a temporary table, not to memory: at a million pages they are
  // millions of titles. Two scans rather than a UNION: SQLite ran the second through the fold index,
  // a row looked up for every entry in fold order (11 s of random reads at 3 million entries, 0.5 s
  // as a plain scan of the table).
  db.exec('DROP TABLE IF EXISTS temp.refold; CREATE TEMP TABLE refold (fold TEXT PRIMARY KEY) WITHOUT ROWID');
  db.exec('INSERT INTO refold SELECT fold FROM articles WHERE kind = 0 GROUP BY fold HAVING count(*) > 1');
  yield 'folds of several entries';
  if (!fromEmpty) {
    db.exec(`INSERT OR IGNORE INTO refold
      SELECT fold FROM articles NOT INDEXED WHERE kind = 0 AND (row_newest = 0 OR row_oldest = 0)`);
    yield 'folds of entries not a row';
  }
  // In fold order, a page at a time (a statement cannot write while another still reads).
  const first = db.prepare('SELECT fold FROM refold ORDER BY fold LIMIT 2000').pluck();
  const next = db.prepare('SELECT fold FROM refold WHERE fold > ? ORDER BY fold LIMIT 2000').pluck();
  for (let folds = first.all() as string[]; folds.length; yield 'list rows of those folds') {
    for (const fold of folds) refoldRows(q, fold);
    folds = folds.length < 2000 ? [] : (next.all(folds[folds.length - 1]) as string[]);
  }
  db.exec('DROP TABLE temp.refold');
  db.exec(COUNT_DAYS);
  yield 'day counts';
  db.exec(COUNT_SOURCE_ARTICLES);
  yield 'source counts';
  for (const statement of derivedStatements()) {
    db.exec(statement);
    yield /(INDEX|TRIGGER) IF NOT EXISTS (\w+)/.exec(statement)![2]!;
  }
}

/**
 * The id index a bulk import left to its end, one sort of every id. Its importer found each id's row
 * before writing, so no id has two; were one to (a fault), its later rows go (a re-import of their
 * files writes them again) rather than leave a catalog that never opens.
 */
export function buildIdIndex(db: Db): void {
  try {
    db.exec(ID_INDEX);
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    db.exec('DELETE FROM articles WHERE rid NOT IN (SELECT min(rid) FROM articles GROUP BY id)');
    db.exec('DELETE FROM article_sources WHERE rid NOT IN (SELECT rid FROM articles)');
    db.exec(ID_INDEX);
  }
}
