/**
 * The catalog's write side: one SQLite transaction per import batch, committed by `flush()`. A crash
 * or a SIGKILL in the middle of a batch leaves the catalog as the last batch left it. One process
 * writes at a time (`beginWrite` waits for another writer without blocking the event loop). Until it
 * commits, the batch keeps its change numbers, the articles it read or wrote (batch-articles.ts) and
 * the folds whose list rows must be worked out again (fold-rows.ts); during a bulk import those rows
 * wait for its end (bulk-import.ts).
 */
import type Database from 'better-sqlite3';
import type { Db } from './catalog-schema.js';
import type { Statements } from './catalog-statements.js';
import { BatchArticles, type RowFacts } from './batch-articles.js';
import {
  abandonBulk,
  buildIdIndex,
  bulkMarker,
  END_CACHE_KB,
  finishBulk,
  finishBulkAsync,
  idsDeferred,
  ownerAlive,
  startBulk,
} from './bulk-import.js';
import { IdRows } from './id-rows.js';
import type { ArticleRow } from './article-rows.js';
import { refoldRows } from './fold-rows.js';

/** WAL pages between checkpoints during a bulk import (about 400 MB; SQLite's default is 1,000). */
const BULK_CHECKPOINT_PAGES = 100_000;
/** The page cache during a bulk import (negative: KiB), and after it (catalog-schema.ts's). */
const BULK_CACHE_KB = -262_144;
/** How long `beginWrite` waits for another process's write batch before giving up. */
const WRITE_WAIT_MS = 120_000;

export class CatalogBusyError extends Error {
  constructor() {
    super('Another Yuelan process is writing to this archive; try again when its import ends.');
    this.name = 'CatalogBusyError';
  }
}

export class WriteBatch {
  readonly #db: Db;
  readonly #q: Statements;
  /**
   * Told right after each commit, before the next batch begins; `rowsMoved`: the commit worked out
   * list rows (folds, a bulk import's end), so what was read while the batch was open may be stale.
   */
  readonly #committed: (rowsMoved: boolean) => void;
  /** The open batch has worked out list rows (see #committed). */
  #rowsMoved = false;
  #seq = 0;
  /** The articles the open batch has read or written (see batch-articles.ts). */
  readonly articles = new BatchArticles();
  /** Folds whose list rows must be worked out again before the batch commits. */
  #dirtyFolds = new Set<string>();
  /** Whether `removed` may hold a row (undefined: not asked yet in this batch). */
  #anyRemoved: boolean | undefined;
  /** Whether a bulk import (this process's or another's) leaves the list rows to its end. */
  #bulk = false;
  /** This store's own bulk import, while it runs. */
  #bulkToken: string | undefined;
  /** Nested write sessions (an import and the watcher share one transaction at a time). */
  #sessions = 0;
  /** This store's bulk import's rows by id, while it leaves the id index to its end. */
  #ids: IdRows | undefined;
  /** Whether another process's bulk import deferred the id index, as of a data_version. */
  #deferredAt: { version: number; deferred: boolean } | undefined;

  constructor(db: Db, q: Statements, committed: (rowsMoved: boolean) => void) {
    this.#db = db;
    this.#q = q;
    this.#committed = committed;
  }

  /** Whether a batch is open (this process holds the write lock). */
  get open(): boolean {
    return this.#db.inTransaction;
  }

  /** The highest change sequence number written (see CatalogStore.changesSince). */
  get changeSeq(): number {
    if (this.#db.inTransaction) return this.#seq;
    return Number(this.#q.getMeta.get('seq')?.value ?? 0);
  }

  /** The change number of a row the batch writes now. */
  nextSeq(): number {
    return ++this.#seq;
  }

  /**
   * Have the fold's list rows worked out again before the batch commits (during a bulk import its
   * end does, for every fold: a set of every entry's fold would only be emptied at each commit).
   */
  refold(fold: string): void {
    if (!this.#bulk) this.#dirtyFolds.add(fold);
  }

  /** The row's rid, fold and kind before a write (from the batch when it read or wrote the row). */
  factsOf(id: string): RowFacts | undefined {
    const known = this.articles.facts(id);
    if (known !== undefined) return known ?? undefined;
    return this.#byId(id, this.#q.articleFold, this.#q.articleFoldByRid) as RowFacts | undefined;
  }

  /**
   * The article row of `id` (with its fold), by the id index, or while this store's bulk import
   * leaves that index to its end by the ids it wrote. While another process's does, nothing can be
   * found by id (a scan of every row per lookup would stall this process): undefined until it ends.
   */
  rowById(id: string): (ArticleRow & { fold: string }) | undefined {
    return this.#byId(id, this.#q.articleFactsById, this.#q.articleFactsByRid) as
      (ArticleRow & { fold: string }) | undefined;
  }

  #byId(id: string, byId: Database.Statement, byRid: Database.Statement): unknown {
    if (this.#ids) {
      // A match is confirmed by the row it names, which is then the answer (one read, not two).
      let row: { id: string } | undefined;
      const rid = this.#ids.find(id, (r) => (row = byRid.get(r) as { id: string } | undefined)?.id === id);
      return rid === undefined ? undefined : row;
    }
    // A batch of ours began with no such import (write() waits for it to end): no look needed.
    if (!this.#db.inTransaction && this.idsDeferredElsewhere()) return undefined;
    return byId.get(id);
  }

  /** Whether another process's bulk import leaves the id index to its end (asked again after commits). */
  idsDeferredElsewhere(): boolean {
    const version = Number(this.#db.pragma('data_version', { simple: true }));
    if (this.#deferredAt?.version !== version)
      this.#deferredAt = { version, deferred: !this.#bulkToken && idsDeferred(this.#db) };
    return this.#deferredAt.deferred;
  }

  /** A row written for a new id (found by it until the id index is built). */
  inserted(id: string, rid: number): void {
    this.#ids?.add(id, rid);
  }

  /** A row deleted. */
  deleted(id: string, rid: number): void {
    this.#ids?.delete(id, rid);
  }

  /** Whether a deleted article's tombstone may need taking back (a first import has none). */
  mayBeRemoved(): boolean {
    this.#anyRemoved ??= this.#q.anyRemoved.get() !== undefined;
    return this.#anyRemoved;
  }

  /** The batch wrote a tombstone. */
  wroteRemoved(): void {
    this.#anyRemoved = true;
  }

  /** A bulk import killed part-way is finished now, unless another process is writing. */
  finishAbandonedBulk(): void {
    const marker = bulkMarker(this.#db);
    if (!marker || ownerAlive(marker)) return;
    try {
      this.write();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return; // its first write will
      throw err;
    }
    void this.flush();
  }

  /** The open write transaction, begun now when there is none (waiting at most busy_timeout). */
  write(): void {
    if (this.#db.inTransaction) return;
    this.articles.clear();
    this.#anyRemoved = undefined;
    this.#db.exec('BEGIN IMMEDIATE');
    this.#seq = Number(this.#q.getMeta.get('seq')?.value ?? 0);
    const marker = bulkMarker(this.#db);
    this.#bulk = marker !== undefined;
    if (marker && !ownerAlive(marker)) {
      finishBulk(this.#db, this.#q);
      this.#rowsMoved = true;
      this.#bulk = false;
    } else if (marker?.ids === 'deferred' && marker.token !== this.#bulkToken) {
      // Its importer alone can find rows by id until it ends: this writer waits (beginWrite).
      this.#db.exec('ROLLBACK');
      throw Object.assign(new Error('a bulk import is writing'), { code: 'SQLITE_BUSY' });
    }
  }

  /**
   * Take the write lock, waiting for another process's batch without blocking the event loop. A
   * batch holds it until `flush()`.
   */
  async beginWrite(): Promise<void> {
    const deadline = Date.now() + WRITE_WAIT_MS;
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      try {
        this.write();
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) {
          if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new CatalogBusyError();
          throw err;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /**
   * Run `task` as this process's writer: the write lock is taken before it and every change is
   * committed after it (and at each flush it makes). Nested calls share the outer session.
   */
  async writeSession<T>(task: () => Promise<T>): Promise<T> {
    if (this.#sessions++ === 0)
      await this.beginWrite().catch((err: unknown) => {
        this.#sessions--;
        throw err;
      });
    try {
      const result = await task();
      return result;
    } finally {
      if (--this.#sessions === 0) await this.flush();
    }
  }

  /** Commit the batch: the fold rows it touched are worked out first, then one commit. */
  async flush(): Promise<void> {
    if (!this.#db.inTransaction) return;
    if (!this.#bulk && this.#dirtyFolds.size > 0) {
      for (const fold of this.#dirtyFolds) refoldRows(this.#q, fold);
      this.#rowsMoved = true;
    }
    this.#dirtyFolds.clear();
    this.#q.setMeta.run('seq', String(this.#seq));
    this.#db.exec('COMMIT');
    this.articles.clear();
    this.#deferredAt = undefined; // data_version does not tell of this connection's own commits
    const rowsMoved = this.#rowsMoved;
    this.#rowsMoved = false;
    this.#committed(rowsMoved);
    if (this.#sessions > 0) await this.beginWrite();
  }

  /**
   * For an import that will at least double the catalog: what only the lists read is worked out at
   * `endBulk` instead of row by row (bulk-import.ts).
   */
  beginBulk(): void {
    this.write();
    if (this.#bulk) return; // another's, or already ours: the end works out every row anyway
    const { token, idsDeferred } = startBulk(this.#db);
    this.#bulkToken = token;
    this.#bulk = true;
    if (idsDeferred) this.#ids = new IdRows();
    // The WAL is copied back into the file less often: rows keyed by id land on random pages, and a
    // checkpoint every 1,000 pages wrote each page back many times (3 million rows: 29 -> 11 µs a row).
    this.#db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
    // A commit's pages stay in the cache until it is written (none spilled to the WAL part-way), and
    // the id index's pages are found there rather than read back from the file. Without that index
    // the rows an import writes are appended, save one per page (its source, its body): the default
    // cache does (100,000 pages: the same seconds with 16 MB or 256, and 435 MB less memory).
    if (!idsDeferred) this.#db.pragma(`cache_size = ${BULK_CACHE_KB}`);
  }

  /** Work out the lists' rows, counts and indexes (in the open batch, committed with it). */
  async endBulk(): Promise<void> {
    this.write();
    if (!this.#bulkToken) return;
    // The end reads and sorts in order: the bulk's larger cache would only add to its memory, and
    // a smaller one sorts faster (bulk-import.ts).
    this.#db.pragma(`cache_size = ${END_CACHE_KB}`);
    if (this.#ids) {
      // Built first, so that the map's memory goes before the other indexes' sorts take theirs.
      buildIdIndex(this.#db);
      this.#ids = undefined;
    }
    await finishBulkAsync(this.#db, this.#q, this.#bulkToken);
    this.#rowsMoved = true;
    this.#db.pragma('wal_autocheckpoint = 1000');
    this.#bulkToken = undefined;
    this.#bulk = false;
  }

  /** Drop what the batch has not committed (the store is closing). */
  close(): void {
    if (this.#bulkToken) abandonBulk(this.#bulkToken);
    this.#ids = undefined;
    this.articles.clear();
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }
}
