/**
 * The catalog: every source file and every article's metadata, in one small lowdb file
 * (catalog.json), with article bodies kept apart and loaded on demand. Bodies go to append-only pack
 * files (bodies/pack-NNNN.bin: one JSON record per source page) whose offsets live in the metadata,
 * so 100,000 pages are a few files, not 100,000, and a batch costs one fsync, not one per page.
 * Older data folders keep one file per page (bodies/xx/<sha>.json); those are still read.
 * Everything here can be rebuilt from the source files, so a corrupt catalog is set aside rather
 * than repaired.
 */
import { Low } from 'lowdb';
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableJsonFile } from '../store/durable-json-file.js';
import type { Article, ArticleMeta, SourceRecord } from '../model.js';
import { BodyPacks, type ArticleBody, type PackRef } from './body-packs.js';

export type { ArticleBody } from './body-packs.js';
export { MAX_BODY_RECORD_BYTES } from './body-packs.js';

/** 2: an article's sources may be numbers (positions in `sources`), which keeps the file small. */
export const CATALOG_VERSION = 2;

/** Catalog entry: the public metadata plus where its body is kept. */
export interface StoredArticle extends ArticleMeta {
  /** Key of the body file (the sha256 of the source page that gave the body). */
  bodyRef?: string;
}

/** An article as persisted: each source a path, or the position of its record in `sources`. */
type PersistedArticle = Omit<StoredArticle, 'sources'> & { sources: (string | number)[] };

/**
 * A source as persisted: without its article ids, which are the articles naming it among their
 * sources and are worked out again on load. They were a third of catalog.json (36 ids a page).
 * Files written before this carry them; they are ignored.
 */
type PersistedSource = Omit<SourceRecord, 'articleIds'> & { articleIds?: string[] };

interface CatalogData {
  version: number;
  /** Changes whenever the persisted content changes: derived data (the search index) records it. */
  token?: string;
  sources: PersistedSource[];
  articles: PersistedArticle[];
  /** Body reference -> its record in a pack file (absent in data folders from before packs). */
  packs?: Record<string, PackRef>;
}

/**
 * A catalog file this large is not read: V8 strings end near 512 MiB, and a file past that fails to
 * load on every start. (Only a catalog written before the import limits could grow so.)
 */
export const MAX_CATALOG_FILE_BYTES = 480 * 1024 * 1024;
class CatalogUnreadable extends Error {}

/** Failures that mean the file's content cannot be loaded (not a missing file or a denied read). */
function isUnreadable(err: unknown): boolean {
  return (
    err instanceof CatalogUnreadable ||
    err instanceof SyntaxError ||
    err instanceof RangeError ||
    (err as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG'
  );
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}

export class CatalogStore {
  readonly #db: Low<CatalogData>;
  #articles = new Map<string, StoredArticle>();
  #sources = new Map<string, SourceRecord>();
  readonly #bodies: BodyPacks;
  #revision = 0;
  #token: string | undefined;
  /** Revision the file on disk holds (at load or at the last flush). */
  #flushedRevision = 0;
  /** Set when the catalog file was unreadable and was moved aside (the path it was moved to). */
  recoveredFrom: string | undefined;
  /** Why it was unreadable. */
  recoveryReason: string | undefined;
  /** catalog.json as this process last read or wrote it (mtime, size, inode): tells another
   * process's write (the CLI importing while the app runs) from our own. */
  #diskStamp = '';

  private constructor(readonly dataDir: string) {
    this.#db = new Low(new DurableJsonFile<CatalogData>(join(dataDir, 'catalog.json')), emptyCatalog());
    this.#bodies = new BodyPacks(join(dataDir, 'bodies'));
  }

  static async open(dataDir: string): Promise<CatalogStore> {
    const store = new CatalogStore(dataDir);
    await store.#load();
    store.#diskStamp = await store.#fileStamp();
    return store;
  }

  async #fileStamp(): Promise<string> {
    const st = await stat(join(this.dataDir, 'catalog.json')).catch(() => undefined);
    return st ? `${st.mtimeMs}:${st.size}:${st.ino}` : '';
  }

  /**
   * Catch up with catalog.json when another process wrote it since this one last read or wrote it.
   * Callers hold the catalog lock (see ArchiveCore), so nobody writes while this reads. Changes of
   * this process not yet flushed are dropped: callers flush before they release the lock.
   */
  async reloadIfChanged(): Promise<boolean> {
    const stamp = await this.#fileStamp();
    if (stamp === this.#diskStamp) return false;
    this.#articles.clear();
    this.#sources.clear();
    this.#bodies.clear();
    await this.#load();
    this.#revision++;
    this.#flushedRevision = this.#revision;
    this.#diskStamp = stamp;
    return true;
  }

  async #load(): Promise<void> {
    const file = join(this.dataDir, 'catalog.json');
    let data: CatalogData | undefined;
    try {
      const size = (await stat(file)).size;
      if (size > MAX_CATALOG_FILE_BYTES) throw new CatalogUnreadable(`${size} bytes, past what can be read`);
      // One Buffer decode, not readFile's streaming 'utf8' decoder: a quarter of a cold start at
      // 10,000 pages went to decoding this file.
      data = JSON.parse((await readFile(file)).toString('utf8')) as CatalogData;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return this.#apply(emptyCatalog());
      if (!isUnreadable(err)) throw err;
      // Anything that keeps the file from loading would stop every later start too (a crash loop):
      // it is set aside and the catalog rebuilt from the source files.
      this.recoveredFrom = `${file}.corrupt-${Date.now()}`;
      this.recoveryReason = errorText(err);
      await rename(file, this.recoveredFrom);
    }
    if (!data || !Array.isArray(data.articles) || !Array.isArray(data.sources)) data = emptyCatalog();
    this.#apply(data);
  }

  #apply(data: CatalogData): void {
    const { articles, token } = data;
    const sources = data.sources.map((s): SourceRecord => ({ ...s, articleIds: [] }));
    this.#token = token;
    for (const s of sources) this.#sources.set(s.path, s);
    for (const a of articles) {
      // Positions become the path strings of the source records (shared, not one string each); the
      // parsed object is reused as it is (no copy per article).
      const list = a.sources;
      for (let i = 0; i < list.length; i++) {
        const p = list[i]!;
        const source = typeof p === 'number' ? sources[p] : this.#sources.get(p);
        source?.articleIds.push(a.id);
        if (typeof p === 'number') list[i] = source?.path ?? '';
      }
      if (list.includes('')) a.sources = list.filter((p) => p !== '');
      this.#articles.set(a.id, a as StoredArticle);
    }
    this.#bodies.load(data.packs ?? {});
  }

  /** Grows by one on every change: lets derived data (the search index) know it is stale. */
  get revision(): number {
    return this.#revision;
  }

  /**
   * Names the catalog file's content while memory holds exactly that (no change since the last load
   * or flush); undefined otherwise. An index built from this state may record it and, opened
   * again with the same token, skip comparing every article.
   */
  get persistedToken(): string | undefined {
    return this.#revision === this.#flushedRevision ? this.#token : undefined;
  }

  get size(): number {
    return this.#articles.size;
  }

  listArticles(): ArticleMeta[] {
    return [...this.#articles.values()].map(toPublic);
  }

  /** Internal entries, bodyRef included: for the importer and the search indexer. */
  storedArticles(): IterableIterator<StoredArticle> {
    return this.#articles.values();
  }

  getStored(id: string): StoredArticle | undefined {
    return this.#articles.get(id);
  }

  getMeta(id: string): ArticleMeta | undefined {
    const a = this.#articles.get(id);
    return a && toPublic(a);
  }

  /** The article with its body loaded from disk (when it has one). */
  async getArticle(id: string): Promise<Article | undefined> {
    const a = this.#articles.get(id);
    if (!a) return undefined;
    const body = a.bodyRef ? await this.getBody(id) : undefined;
    const out: Article = toPublic(a);
    if (body) {
      out.blocks = body.blocks;
      if (body.images) out.images = body.images;
      if (body.byline && !out.byline) out.byline = body.byline;
    }
    return out;
  }

  /** `cache: false` for a pass over every body (indexing): it would only push out the useful ones. */
  async getBody(id: string, options: { cache?: boolean } = {}): Promise<ArticleBody | undefined> {
    const ref = this.#articles.get(id)?.bodyRef;
    if (!ref) return undefined;
    const file = await this.#bodies.read(ref, options.cache ?? true);
    return file[id];
  }

  /** Whether a body record is known for this reference (written or waiting for the next flush). */
  hasBodies(ref: string): boolean {
    return this.#bodies.has(ref);
  }

  /**
   * Keep the bodies a source page gave. They reach the disk at the next flush, before the metadata
   * that points at them; until then they are served from memory.
   */
  async putBodies(ref: string, bodies: Record<string, ArticleBody>): Promise<void> {
    this.#bodies.put(ref, bodies);
  }

  /** Write the bodies put so far to the pack now (a large archive's, while it is read). */
  async writeBodies(): Promise<void> {
    await this.#bodies.writePending();
  }

  async removeBodies(ref: string): Promise<void> {
    await this.#bodies.remove(ref);
  }

  putArticle(article: StoredArticle): void {
    this.#articles.set(article.id, article);
    this.#revision++;
  }

  deleteArticle(id: string): void {
    if (this.#articles.delete(id)) this.#revision++;
  }

  /**
   * Sources whose body record is larger than any the importer writes now: they came in before the
   * import limits, and are imported again (and so rejected) when the data folder opens.
   */
  oversizedSources(): string[] {
    const refs = this.#bodies.oversized();
    if (refs.size === 0) return [];
    return [...this.#sources.values()]
      .filter((s) => s.status === 'imported' && s.sha256 && refs.has(s.sha256))
      .map((s) => s.path);
  }

  listSources(): SourceRecord[] {
    return [...this.#sources.values()];
  }

  getSource(path: string): SourceRecord | undefined {
    return this.#sources.get(path);
  }

  findSourceBySha(sha256: string): SourceRecord | undefined {
    for (const s of this.#sources.values()) if (s.sha256 === sha256 && s.status === 'imported') return s;
    return undefined;
  }

  putSource(source: SourceRecord): void {
    this.#sources.set(source.path, source);
    this.#revision++;
  }

  deleteSource(path: string): void {
    if (this.#sources.delete(path)) this.#revision++;
  }

  /**
   * Persist bodies, then metadata. Callers batch changes and flush once per batch: lowdb rewrites the
   * whole file. The bodies are on disk (fsynced) before the metadata that points at them.
   */
  async flush(): Promise<void> {
    await this.#bodies.writePending();
    const revision = this.#revision;
    // Unchanged content keeps its token (a re-import that changes nothing leaves the file as it was).
    const token =
      revision === this.#flushedRevision && this.#token
        ? this.#token
        : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const sources = [...this.#sources.values()];
    const position = new Map<string, number>();
    sources.forEach((s, i) => position.set(s.path, i));
    this.#db.data = {
      version: CATALOG_VERSION,
      token,
      sources: sources.map(({ articleIds: _ids, ...rest }) => rest),
      articles: [...this.#articles.values()].map((a) => ({
        ...a,
        sources: a.sources.map((p) => position.get(p) ?? p),
      })),
      packs: this.#bodies.index(),
    };
    try {
      await this.#db.write();
      this.#token = token;
      this.#flushedRevision = revision;
      this.#diskStamp = await this.#fileStamp();
    } finally {
      this.#db.data = emptyCatalog();
    }
  }
}

function emptyCatalog(): CatalogData {
  return { version: CATALOG_VERSION, sources: [], articles: [] };
}

function toPublic(a: StoredArticle): ArticleMeta {
  const { bodyRef: _ref, ...meta } = a;
  return { ...meta, sources: [...meta.sources] };
}
