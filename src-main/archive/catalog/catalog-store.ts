/**
 * The catalog: every source file, every article's metadata and the article bodies, in one SQLite file
 * (catalog.db, see catalog-schema.ts). Nothing is read whole at start: each question is an indexed
 * query, so opening costs the same at 100 pages and at a million. Reads and writes are synchronous
 * (better-sqlite3: a point query from the page cache takes microseconds, less than a thread hop).
 *
 * Writes go into one transaction per import batch, committed by `flush()`: a crash or a SIGKILL in the
 * middle of a batch leaves the catalog as the last batch left it. The app, the serve shell and the CLI
 * may open the file at once; one of them writes at a time (`beginWrite` waits for another writer
 * without blocking the event loop), and the others see its batches as they commit.
 *
 * Everything here can be rebuilt from the source files, so an unreadable catalog is set aside rather
 * than repaired. A data folder from before (catalog.json with body packs) is migrated at first open
 * (catalog-migration.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveDay } from '../../../src-shared/archive-day.js';
import type { Article, ArticleMeta, SourceRecord } from '../model.js';
import { foldFast, stripSeparators } from '../search/search-text.js';
import { KIND_CODE, CatalogFileUnreadable, openCatalogDb, type Db } from './catalog-schema.js';
import { catalogStatements, type Statements } from './catalog-statements.js';
import { migrateOldCatalog, type MigrationOutcome } from './catalog-migration.js';
import { BatchArticles, type RowFacts } from './batch-articles.js';
import {
  abandonBulk,
  bulkMarker,
  finishBulk,
  finishBulkAsync,
  ownerAlive,
  startBulk,
} from './bulk-import.js';
import { refoldRows } from './fold-rows.js';
import { BodyRecords, type ArticleBody } from './body-records.js';
import { SourceRecords } from './source-records.js';
import {
  indexedFromRow,
  storedFromRow,
  type ArticleRow,
  type IndexedArticle,
  type StoredArticle,
} from './article-rows.js';

/** WAL pages between checkpoints during a bulk import (about 400 MB; SQLite's default is 1,000). */
const BULK_CHECKPOINT_PAGES = 100_000;
/** How long `beginWrite` waits for another process's write batch before giving up. */
const WRITE_WAIT_MS = 120_000;

export class CatalogBusyError extends Error {
  constructor() {
    super('Another Yuelan process is writing to this archive; try again when its import ends.');
    this.name = 'CatalogBusyError';
  }
}

export interface CatalogOpenOptions {
  /** Told how a migration of an older data folder goes (articles copied of all). */
  onMigrateProgress?: (progress: { done: number; total: number }) => void;
}

export class CatalogStore {
  readonly #db: Db;
  readonly #q: Statements;
  #revision = 0;
  #dataVersion = -1;
  #seq = 0;
  #size: { revision: number; value: number } | undefined;
  readonly #bodies: BodyRecords;
  readonly #sources: SourceRecords;
  /** Folds whose list rows must be worked out again before the batch commits. */
  #dirtyFolds = new Set<string>();
  /** The articles the open batch has read or written (see batch-articles.ts). */
  readonly #batch = new BatchArticles();
  /** Whether `removed` may hold a row (undefined: not asked yet in this batch). */
  #anyRemoved: boolean | undefined;
  /** Whether a bulk import (this process's or another's) leaves the list rows to its end. */
  #bulk = false;
  /** This store's own bulk import, while it runs. */
  #bulkToken: string | undefined;
  /** Nested write sessions (an import and the watcher share one transaction at a time). */
  #sessions = 0;
  /** Set when the catalog was unreadable and was moved aside (the path it was moved to). */
  recoveredFrom: string | undefined;
  /** Why it was unreadable. */
  recoveryReason: string | undefined;
  /** An older data folder's migration, when this open did one (or tried and failed). */
  migration: MigrationOutcome | undefined;
  #reimport: string[] = [];

  private constructor(
    readonly dataDir: string,
    db: Db,
  ) {
    this.#db = db;
    this.#q = catalogStatements(db);
    this.#bodies = new BodyRecords(this.#q, () => this.#write());
    this.#sources = new SourceRecords(this.#q, () => this.#write());
    if (!this.#q.getMeta.get('catalog_id')) this.#q.setMeta.run('catalog_id', randomUUID());
    this.#finishAbandonedBulk();
  }

  /** A bulk import killed part-way is finished now, unless another process is writing. */
  #finishAbandonedBulk(): void {
    const marker = bulkMarker(this.#db);
    if (!marker || ownerAlive(marker)) return;
    try {
      this.#write();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return; // its first write will
      throw err;
    }
    void this.flush();
  }

  static async open(dataDir: string, options: CatalogOpenOptions = {}): Promise<CatalogStore> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'catalog.db');
    let migration: MigrationOutcome | undefined;
    if (!existsSync(file))
      migration = await migrateOldCatalog(
        dataDir,
        file,
        (temp) => new CatalogStore(dataDir, openCatalogDb(temp)),
        options.onMigrateProgress,
      );
    let db: Db;
    let recoveredFrom: string | undefined;
    let recoveryReason: string | undefined;
    try {
      db = openCatalogDb(file);
    } catch (err) {
      if (!(err instanceof CatalogFileUnreadable)) throw err;
      // Anything that keeps the file from opening would stop every later start too: it is set aside
      // and the catalog rebuilt from the source files.
      recoveredFrom = `${file}.corrupt-${Date.now()}`;
      recoveryReason = err.message.split('\n')[0]!.slice(0, 200);
      await rename(file, recoveredFrom);
      for (const side of ['-wal', '-shm']) await rename(file + side, recoveredFrom + side).catch(() => {});
      db = openCatalogDb(file);
    }
    const store = new CatalogStore(dataDir, db);
    store.migration = migration;
    if (migration?.unreadable) {
      recoveredFrom = migration.setAside;
      recoveryReason = migration.unreadable;
    }
    if (migration?.failed) {
      // The old files stay where they are; this catalog is rebuilt from the sources meanwhile.
      recoveredFrom = join(dataDir, 'catalog.json');
      recoveryReason = migration.failed;
    }
    store.recoveredFrom = recoveredFrom;
    store.recoveryReason = recoveryReason;
    store.#reimport = migration?.oversized ?? [];
    return store;
  }

  /** Close the file (the shells on quit; tests between processes). Uncommitted changes are dropped. */
  close(): void {
    if (this.#bulkToken) abandonBulk(this.#bulkToken);
    this.#batch.clear();
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    this.#db.close();
  }

  /** A random id of this catalog file: a rebuilt catalog gets another, and derived data starts over. */
  get catalogId(): string {
    return this.#q.getMeta.get('catalog_id')!.value;
  }

  /**
   * Grows on every change, this process's or another's (SQLite's data_version tells of commits by
   * other connections): lets caches and the search index know they are stale.
   */
  get revision(): number {
    const version = Number(this.#db.pragma('data_version', { simple: true }));
    if (version !== this.#dataVersion) {
      if (this.#dataVersion !== -1) this.#revision++;
      this.#dataVersion = version;
    }
    return this.#revision;
  }

  /** The highest change sequence number written (see changesSince). */
  get changeSeq(): number {
    if (this.#db.inTransaction) return this.#seq;
    return Number(this.#q.getMeta.get('seq')?.value ?? 0);
  }

  /**
   * Names the committed content (catalog id and change number); undefined while a batch is open.
   * An index built from this state may record it and, opened again with the same token, skip work.
   */
  get persistedToken(): string | undefined {
    return this.#db.inTransaction ? undefined : `${this.catalogId}:${this.changeSeq}`;
  }

  get size(): number {
    const revision = this.revision;
    if (this.#size?.revision !== revision) this.#size = { revision, value: this.#q.countArticles.get()!.n };
    return this.#size.value;
  }

  // ---- articles -------------------------------------------------------------------------------

  getStored(id: string): StoredArticle | undefined {
    if (!this.#db.inTransaction) {
      const row = this.#q.articleById.get(id) as ArticleRow | undefined;
      return row && storedFromRow(this.#q, row);
    }
    const known = this.#batch.get(id);
    if (known !== undefined) return known ?? undefined;
    const row = this.#q.articleFactsById.get(id) as (ArticleRow & { fold: string }) | undefined;
    if (!row) {
      this.#batch.setAbsent(id);
      return undefined;
    }
    const article = storedFromRow(this.#q, row);
    this.#batch.set(id, row, article);
    return article;
  }

  /** The row's rid, fold and kind before a write (from the batch when it read or wrote the row). */
  #factsOf(id: string): RowFacts | undefined {
    const known = this.#batch.facts(id);
    if (known !== undefined) return known ?? undefined;
    return this.#q.articleFold.get(id) as RowFacts | undefined;
  }

  getMeta(id: string): ArticleMeta | undefined {
    const a = this.getStored(id);
    if (!a) return undefined;
    const { bodyRef: _ref, ...meta } = a;
    return meta;
  }

  /** An article row as the store's record (catalog-lists.ts reads rows with these columns). */
  storedFromRow(row: ArticleRow): StoredArticle {
    return storedFromRow(this.#q, row);
  }

  /** The article with its body loaded (when it has one). */
  async getArticle(id: string): Promise<Article | undefined> {
    const a = this.getStored(id);
    if (!a) return undefined;
    const body = a.bodyRef ? await this.getBody(id) : undefined;
    const { bodyRef: _ref, ...out } = a as Article & { bodyRef?: string };
    if (body) {
      out.blocks = body.blocks;
      if (body.images) out.images = body.images;
      if (body.byline && !out.byline) out.byline = body.byline;
    }
    return out;
  }

  putArticle(article: StoredArticle): void {
    this.#write();
    const { id, title, kind, publishedAt, bodyRef, sources, ...rest } = article;
    const before = this.#factsOf(id);
    const fold = stripSeparators(foldFast(title));
    const code = KIND_CODE[kind];
    const { rid } = this.#q.upsertArticle.get({
      id,
      kind: code,
      title,
      published: publishedAt ?? null,
      day: archiveDay(publishedAt) || null,
      fold,
      body_ref: bodyRef ?? null,
      seq: ++this.#seq,
      meta: JSON.stringify(rest),
    }) as { rid: number };
    this.#batch.set(id, { rid, fold, kind: code }, article);
    if (!before && this.#mayBeRemoved()) this.#q.unremove.run(id);
    if (code === 0) this.#dirtyFolds.add(fold);
    if (before && before.kind === 0 && before.fold !== fold) this.#dirtyFolds.add(before.fold);
    if (before && before.kind === 0 && code !== 0) this.#dirtyFolds.add(before.fold);
    this.#linkSources(rid, sources, before !== undefined);
    this.#revision++;
  }

  /** Make the article's source links exactly `paths`, in that order (diffed: most puts add one). */
  #linkSources(rid: number, paths: string[], existed: boolean): void {
    const have = existed ? (this.#q.linksOfArticle.all(rid) as { sid: number; pos: number }[]) : [];
    // A path named twice (two records of one page) is one link.
    const want = [...new Set(paths.map((p) => this.#sources.sidOf(p)))];
    const wanted = new Set(want);
    for (const l of have) if (!wanted.has(l.sid)) this.#q.unlink.run(l.sid, rid);
    const had = new Map(have.map((l) => [l.sid, l.pos]));
    want.forEach((sid, pos) => {
      const at = had.get(sid);
      if (at === undefined) this.#q.link.run(sid, rid, pos);
      else if (at !== pos) this.#q.moveLink.run(pos, sid, rid);
    });
  }

  deleteArticle(id: string): void {
    const before = this.#db.inTransaction
      ? this.#factsOf(id)
      : (this.#q.articleFold.get(id) as RowFacts | undefined);
    if (!before) return;
    this.#write();
    this.#q.unlinkArticle.run(before.rid);
    this.#q.deleteArticle.run(before.rid);
    this.#q.markRemoved.run(id, ++this.#seq);
    this.#batch.setAbsent(id);
    this.#anyRemoved = true;
    if (before.kind === 0) this.#dirtyFolds.add(before.fold);
    this.#revision++;
  }

  /** A mark below every article added from now on (row ids only grow while rows are added). */
  nextArticleMark(): number {
    return (this.#q.maxRid.get() as { n: number | null }).n ?? 0;
  }

  /** Whether the article was added after `mark` was taken. */
  addedSince(id: string, mark: number): boolean {
    const row = this.#db.inTransaction
      ? this.#factsOf(id)
      : (this.#q.articleFold.get(id) as RowFacts | undefined);
    return !!row && row.rid > mark;
  }

  /** Whether a deleted article's tombstone may need taking back (a first import has none). */
  #mayBeRemoved(): boolean {
    this.#anyRemoved ??= this.#q.anyRemoved.get() !== undefined;
    return this.#anyRemoved;
  }

  /** Articles written after `seq` (for the search index), in change order. */
  changesSince(seq: number, limit: number): { seq: number; article: IndexedArticle }[] {
    return (this.#q.changesSince.all(seq, limit) as ArticleRow[]).map((row) => ({
      seq: row.seq,
      article: indexedFromRow(row),
    }));
  }

  /** Articles deleted after `seq` (and not written again since), in change order. */
  removedSince(seq: number, limit: number): { seq: number; id: string }[] {
    return this.#q.removedSince.all(seq, limit) as { seq: number; id: string }[];
  }

  /** Every article, in no particular order (tests, the bench's truth, a full index build). */
  *storedArticles(): IterableIterator<StoredArticle> {
    let after = 0;
    for (;;) {
      const rows = this.#q.articlesAfter.all(after, 1000) as ArticleRow[];
      if (!rows.length) return;
      for (const row of rows) yield storedFromRow(this.#q, row);
      after = rows[rows.length - 1]!.rid;
    }
  }

  /** Every article's metadata, in no particular order: for tests and small tools (lists page in SQL). */
  listArticles(): ArticleMeta[] {
    return [...this.storedArticles()].map(({ bodyRef: _ref, ...meta }) => meta);
  }

  /** Ids of the articles a source file mentions. */
  articleIdsOfSource(path: string): string[] {
    const row = this.#q.sidByPath.get(path) as { sid: number } | undefined;
    return row ? (this.#q.articleIdsOfSource.all(row.sid) as { id: string }[]).map((r) => r.id) : [];
  }

  // ---- bodies ---------------------------------------------------------------------------------

  /** `cache: false` for a pass over every body (indexing): it would only push out the useful ones. */
  async getBody(id: string, options: { cache?: boolean } = {}): Promise<ArticleBody | undefined> {
    return this.#bodies.get(id, options.cache ?? true);
  }

  /** Whether a body record is kept for this reference. */
  hasBodies(ref: string): boolean {
    return this.#bodies.has(ref);
  }

  /** Keep the bodies a source page gave (committed with the batch, before nothing). */
  async putBodies(ref: string, bodies: Record<string, ArticleBody>): Promise<void> {
    this.#bodies.put(ref, bodies);
  }

  /** Bodies are written as they are put; kept for the streaming importer's rhythm. */
  async writeBodies(): Promise<void> {}

  async removeBodies(ref: string): Promise<void> {
    this.#bodies.remove(ref);
  }

  /** Whether any article still points at a body record. */
  bodyInUse(ref: string): boolean {
    return this.#bodies.inUse(ref);
  }

  /**
   * Sources whose body record was larger than any the importer writes now (found when an older data
   * folder was migrated): imported again, and so rejected, once.
   */
  oversizedSources(): string[] {
    const out = this.#reimport;
    this.#reimport = [];
    return out;
  }

  // ---- sources --------------------------------------------------------------------------------

  /** Every source record with its article ids: for small archives and tests; large callers page. */
  listSources(): SourceRecord[] {
    return this.#sources.list();
  }

  /** Every source record without its article ids (cheap: no join). */
  eachSource(): IterableIterator<Omit<SourceRecord, 'articleIds'>> {
    return this.#sources.each();
  }

  get sourceCount(): number {
    return this.#sources.count;
  }

  getSource(path: string): SourceRecord | undefined {
    return this.#sources.get(path);
  }

  findSourceBySha(sha256: string): SourceRecord | undefined {
    return this.#sources.bySha(sha256);
  }

  /** The first imported source with this content. */
  importedPathBySha(sha256: string): string | undefined {
    return this.#sources.importedPathBySha(sha256);
  }

  /** Paths of the sources set apart as duplicates of `path`. */
  duplicatesOf(path: string): string[] {
    return this.#sources.duplicatesOf(path);
  }

  putSource(source: SourceRecord): void {
    this.#sources.put(source);
    this.#revision++;
  }

  deleteSource(path: string): void {
    if (!this.#sources.delete(path)) return;
    // Its links go: the articles the batch knows may have listed it.
    this.#batch.clear();
    this.#revision++;
  }

  // ---- writing --------------------------------------------------------------------------------

  /** The open write transaction, begun now when there is none (waiting at most busy_timeout). */
  #write(): void {
    if (this.#db.inTransaction) return;
    this.#batch.clear();
    this.#anyRemoved = undefined;
    this.#db.exec('BEGIN IMMEDIATE');
    this.#seq = Number(this.#q.getMeta.get('seq')?.value ?? 0);
    const marker = bulkMarker(this.#db);
    this.#bulk = marker !== undefined;
    if (marker && !ownerAlive(marker)) {
      finishBulk(this.#db, this.#q);
      this.#bulk = false;
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
        this.#write();
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
    if (!this.#bulk) for (const fold of this.#dirtyFolds) refoldRows(this.#q, fold);
    this.#dirtyFolds.clear();
    this.#q.setMeta.run('seq', String(this.#seq));
    this.#db.exec('COMMIT');
    this.#batch.clear();
    // Our own commit is not another process's change.
    this.#dataVersion = Number(this.#db.pragma('data_version', { simple: true }));
    if (this.#sessions > 0) await this.beginWrite();
  }

  /** Whether an article with this id is in the catalog (cheaper than reading it). */
  has(id: string): boolean {
    const known = this.#db.inTransaction ? this.#batch.facts(id) : undefined;
    if (known !== undefined) return known !== null;
    return this.#q.hasArticle.get(id) !== undefined;
  }

  /**
   * For an import that will at least double the catalog: what only the lists read is worked out at
   * `endBulk` instead of row by row (bulk-import.ts).
   */
  beginBulk(): void {
    this.#write();
    if (this.#bulk) return; // another's, or already ours: the end works out every row anyway
    this.#bulkToken = startBulk(this.#db);
    this.#bulk = true;
    // The WAL is copied back into the file less often: rows keyed by id land on random pages, and a
    // checkpoint every 1,000 pages wrote each page back many times (3 million rows: 29 -> 11 µs a row).
    this.#db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  }

  /** Work out the lists' rows, counts and indexes (in the open batch, committed with it). */
  async endBulk(): Promise<void> {
    this.#write();
    if (!this.#bulkToken) return;
    await finishBulkAsync(this.#db, this.#q, this.#bulkToken);
    this.#db.pragma('wal_autocheckpoint = 1000');
    this.#bulkToken = undefined;
    this.#bulk = false;
  }

  /** For the queries module (catalog-lists.ts): the connection, read-only use. */
  get db(): Db {
    return this.#db;
  }
}
