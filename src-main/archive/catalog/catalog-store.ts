/**
 * The catalog: every source file, every article's metadata and the article bodies, in one SQLite file
 * (catalog.db, see catalog-schema.ts). Nothing is read whole at start: each question is an indexed
 * query, so opening costs the same at 100 pages and at a million. Reads and writes are synchronous
 * (better-sqlite3: a point query from the page cache takes microseconds, less than a thread hop).
 *
 * Writes go into one transaction per import batch, committed by `flush()` (write-batch.ts): a crash or
 * a SIGKILL in the middle of a batch leaves the catalog as the last batch left it. The app, the serve
 * shell and the CLI may open the file at once; one of them writes at a time (`beginWrite` waits for
 * another writer without blocking the event loop), and the others see its batches as they commit.
 *
 * Everything here can be rebuilt from the source files, so an unreadable catalog is set aside rather
 * than repaired. A data folder from before (catalog.json with body packs) is migrated at first open
 * (catalog-open.ts, catalog-migration.ts).
 *
 * This class is the catalog's face to its callers; the work is in its parts: article-rows.ts and
 * article-writes.ts (articles), body-records.ts, source-records.ts and write-batch.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Article, ArticleMeta, SourceRecord } from '../model.js';
import { listsSuperseded, openCatalogDb, type Db } from './catalog-schema.js';
import { upgradeListIndexes, type UpgradeOutcome } from './list-index-upgrade.js';
import { openCatalogFile } from './catalog-open.js';
import { catalogStatements, type Statements } from './catalog-statements.js';
import type { MigrationOutcome } from './catalog-migration.js';
import { BodyRecords, type ArticleBody } from './body-records.js';
import { SourceRecords } from './source-records.js';
import { WriteBatch } from './write-batch.js';
import { deleteArticle, putArticle } from './article-writes.js';
import {
  indexedFromRow,
  storedFromRow,
  type ArticleRow,
  type IndexedArticle,
  type StoredArticle,
} from './article-rows.js';

export interface CatalogOpenOptions {
  /** Told how a migration of an older data folder goes (articles copied of all). */
  onMigrateProgress?: (progress: { done: number; total: number }) => void;
}

export class CatalogStore {
  readonly #db: Db;
  readonly #q: Statements;
  #revision = 0;
  #dataVersion = -1;
  #size: { revision: number; value: number } | undefined;
  /** The open write batch and what it keeps until it commits. */
  readonly #writes: WriteBatch;
  readonly #bodies: BodyRecords;
  readonly #sources: SourceRecords;
  /** Set when the catalog was unreadable and was moved aside (the path it was moved to). */
  recoveredFrom: string | undefined;
  /** Why it was unreadable. */
  recoveryReason: string | undefined;
  /** An older data folder's migration, when this open did one (or tried and failed). */
  migration: MigrationOutcome | undefined;
  /** An older catalog's list index being built off this thread (list-index-upgrade.ts). */
  listsUpgrade: Promise<UpgradeOutcome> | undefined;
  #reimport: string[] = [];

  private constructor(
    readonly dataDir: string,
    db: Db,
  ) {
    this.#db = db;
    this.#q = catalogStatements(db);
    this.#writes = new WriteBatch(db, this.#q, (rowsMoved) => {
      // Our own commit is not another process's change, but one that worked out list rows (folds, a
      // bulk import's end) makes what was read while its batch was open stale.
      this.#dataVersion = Number(this.#db.pragma('data_version', { simple: true }));
      if (rowsMoved) this.#revision++;
    });
    this.#bodies = new BodyRecords(
      this.#q,
      () => this.#writes.write(),
      (id) => this.#writes.rowById(id)?.body_ref ?? null,
    );
    this.#sources = new SourceRecords(this.#q, () => this.#writes.write());
    if (!this.#q.getMeta.get('catalog_id')) this.#q.setMeta.run('catalog_id', randomUUID());
    this.#writes.finishAbandonedBulk();
  }

  static async open(dataDir: string, options: CatalogOpenOptions = {}): Promise<CatalogStore> {
    const opened = await openCatalogFile(
      dataDir,
      (temp) => new CatalogStore(dataDir, openCatalogDb(temp)),
      options.onMigrateProgress,
    );
    const store = new CatalogStore(dataDir, opened.db);
    store.migration = opened.migration;
    store.recoveredFrom = opened.recoveredFrom;
    store.recoveryReason = opened.recoveryReason;
    store.#reimport = opened.migration?.oversized ?? [];
    if (listsSuperseded(opened.db)) {
      store.listsUpgrade = upgradeListIndexes(opened.db.name);
      void store.listsUpgrade.then(({ outcome, error }) => {
        if (outcome === 'failed')
          console.warn(
            `Yuelan: the lists' new index was not built (${error}); the old ones serve meanwhile.`,
          );
      });
    }
    return store;
  }

  /** Close the file (the shells on quit; tests between processes). Uncommitted changes are dropped. */
  close(): void {
    this.#writes.close();
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
    return this.#writes.changeSeq;
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
      const row = this.#writes.rowById(id);
      return row && storedFromRow(this.#q, row);
    }
    const known = this.#writes.articles.get(id);
    if (known !== undefined) return known ?? undefined;
    const row = this.#writes.rowById(id);
    if (!row) {
      this.#writes.articles.setAbsent(id);
      return undefined;
    }
    const article = storedFromRow(this.#q, row);
    this.#writes.articles.set(id, row, article);
    return article;
  }

  /** The key of the article's original (as getStored, without copying a record the batch holds). */
  originalOf(id: string): string | undefined {
    const known = this.#db.inTransaction ? this.#writes.articles.peek(id) : undefined;
    return known !== undefined ? known?.original : this.getStored(id)?.original;
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

  /** `fold`: the title's titleFold, if the caller has it. */
  putArticle(article: StoredArticle, fold?: string): void {
    putArticle(this.#q, this.#writes, this.#sources, article, fold);
    this.#revision++;
  }

  deleteArticle(id: string): void {
    if (deleteArticle(this.#q, this.#writes, id)) this.#revision++;
  }

  /** A mark below every article added from now on (row ids only grow while rows are added). */
  nextArticleMark(): number {
    return (this.#q.maxRid.get() as { n: number | null }).n ?? 0;
  }

  /** Whether the article was added after `mark` was taken. */
  addedSince(id: string, mark: number): boolean {
    const row = this.#writes.factsOf(id);
    return !!row && row.rid > mark;
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
    this.#writes.articles.clear();
    this.#revision++;
  }

  // ---- writing (write-batch.ts) -------------------------------------------------------------

  /** Take the write lock, waiting for another process's batch; held until `flush()`. */
  beginWrite(): Promise<void> {
    return this.#writes.beginWrite();
  }

  /**
   * Run `task` as this process's writer, its changes committed after it; nested calls share one. A
   * session that begins while the list index upgrade runs waits for it: the upgrade holds the write
   * lock for a minute at a million pages, longer than a writer waits for another (WRITE_WAIT_MS).
   */
  async writeSession<T>(task: () => Promise<T>): Promise<T> {
    if (this.listsUpgrade && !this.#writes.open) await this.listsUpgrade;
    return this.#writes.writeSession(task);
  }

  /** Commit the batch. */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /** Whether an article with this id is in the catalog (cheaper than reading it). */
  has(id: string): boolean {
    const known = this.#db.inTransaction ? this.#writes.articles.facts(id) : undefined;
    if (known !== undefined) return known !== null;
    return this.#writes.factsOf(id) !== undefined;
  }

  /**
   * Whether another process's first bulk import has the id index waiting for its end: until then no
   * article is found here by id (callers say so rather than "not found").
   */
  get idLookupsWait(): boolean {
    return this.#writes.idsDeferredElsewhere();
  }

  /** For an import that will at least double the catalog: the lists' rows wait for `endBulk`. */
  beginBulk(): void {
    this.#writes.beginBulk();
  }

  /** Work out what the bulk import left, in the open batch. */
  endBulk(): Promise<void> {
    return this.#writes.endBulk();
  }

  /** For the queries module (catalog-lists.ts): the connection, read-only use. */
  get db(): Db {
    return this.#db;
  }
}
