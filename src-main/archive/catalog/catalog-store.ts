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
import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile, rename, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableJsonFile, syncDir } from '../store/durable-json-file.js';
import type { Article, ArticleImage, ArticleMeta, Block, SourceRecord } from '../model.js';

/** 2: an article's sources may be numbers (positions in `sources`), which keeps the file small. */
export const CATALOG_VERSION = 2;

/** Catalog entry: the public metadata plus where its body is kept. */
export interface StoredArticle extends ArticleMeta {
  /** Key of the body file (the sha256 of the source page that gave the body). */
  bodyRef?: string;
}

export interface ArticleBody {
  blocks: Block[];
  byline?: string;
  /** A saved page's pictures, which its figure blocks point into. */
  images?: ArticleImage[];
}

/** Where a page's bodies sit: pack number, byte offset, byte length. */
type PackRef = [pack: number, offset: number, length: number];

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

/** A pack is closed and a new one started past this size (keeps files and a future compaction small). */
const PACK_MAX_BYTES = 256 * 1024 * 1024;
/** An open pack is closed after this long without a read (an index build reads thousands in a row). */
const PACK_IDLE_MS = 2000;
/** Parsed body records kept in memory (one per source page). */
const BODY_CACHE_MAX = 512;

/**
 * A catalog file this large is not read: V8 strings end near 512 MiB, and a file past that fails to
 * load on every start. (Only a catalog written before the import limits could grow so.)
 */
export const MAX_CATALOG_FILE_BYTES = 480 * 1024 * 1024;
/**
 * One page's body record is at most a few MB under the import limits (an article body of at most
 * MAX_BODY_CHARS characters); a larger one was imported before the limits existed.
 */
export const MAX_BODY_RECORD_BYTES = 8 * 1024 * 1024;

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
  readonly #bodyDir: string;
  #articles = new Map<string, StoredArticle>();
  #sources = new Map<string, SourceRecord>();
  #bodyCache = new Map<string, Record<string, ArticleBody>>();
  #packIndex = new Map<string, PackRef>();
  /** Bodies put since the last flush: written to a pack (and fsynced) before the metadata. */
  #pending = new Map<string, string>();
  /** Live bytes per pack, to delete a pack once nothing in it is referenced. */
  #packLive = new Map<number, number>();
  /** Packs open for reading, each closed when idle (so a deleted data folder is not held open). */
  #readers = new Map<number, { fd: number; timer?: NodeJS.Timeout }>();
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
    this.#bodyDir = join(dataDir, 'bodies');
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
    this.#packIndex.clear();
    this.#packLive.clear();
    this.#pending.clear();
    this.#bodyCache.clear();
    for (const pack of [...this.#readers.keys()]) this.#closeReader(pack);
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
    for (const [ref, at] of Object.entries(data.packs ?? {})) {
      this.#packIndex.set(ref, at);
      this.#packLive.set(at[0], (this.#packLive.get(at[0]) ?? 0) + at[2]);
    }
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
    const file = await this.#readBodyFile(ref, options.cache ?? true);
    return file[id];
  }

  async #readBodyFile(ref: string, keep = true): Promise<Record<string, ArticleBody>> {
    const cached = this.#bodyCache.get(ref);
    if (cached) return cached;
    let parsed: Record<string, ArticleBody>;
    try {
      const pending = this.#pending.get(ref);
      const at = this.#packIndex.get(ref);
      // Never handed to a reader or the indexer whole (see oversizedSources).
      if (at && at[2] > MAX_BODY_RECORD_BYTES) throw new CatalogUnreadable('body record too large');
      const text = pending ?? (at ? this.#readPack(at) : await readFile(this.#legacyPath(ref), 'utf8'));
      parsed = JSON.parse(text) as Record<string, ArticleBody>;
    } catch {
      // A missing or damaged body record: the metadata still shows; a re-import restores the body.
      parsed = {};
    }
    if (!keep) return parsed;
    // Oldest out first (Map keeps insertion order): a page of hits does not flush the whole cache.
    if (this.#bodyCache.size >= BODY_CACHE_MAX) this.#bodyCache.delete(this.#bodyCache.keys().next().value!);
    this.#bodyCache.set(ref, parsed);
    return parsed;
  }

  /**
   * One record by a positional read on a kept-open descriptor. Synchronous on purpose: a record is a
   * few KB from the page cache (microseconds), while a thread-pool round trip per hit cost whole
   * milliseconds of scheduling on a busy machine — most of a query's time.
   */
  #readPack([pack, offset, length]: PackRef): string {
    let reader = this.#readers.get(pack);
    if (!reader) {
      reader = { fd: openSync(this.#packPath(pack), 'r') };
      this.#readers.set(pack, reader);
    }
    clearTimeout(reader.timer);
    reader.timer = setTimeout(() => this.#closeReader(pack), PACK_IDLE_MS);
    reader.timer.unref();
    const buf = Buffer.allocUnsafe(length);
    const n = readSync(reader.fd, buf, 0, length, offset);
    if (n !== length) throw new Error('short body record');
    return buf.toString('utf8');
  }

  #closeReader(pack: number): void {
    const reader = this.#readers.get(pack);
    if (!reader) return;
    this.#readers.delete(pack);
    clearTimeout(reader.timer);
    closeSync(reader.fd);
  }

  #packPath(pack: number): string {
    return join(this.#bodyDir, `pack-${String(pack).padStart(4, '0')}.bin`);
  }

  #legacyPath(ref: string): string {
    checkRef(ref);
    return join(this.#bodyDir, ref.slice(0, 2), `${ref}.json`);
  }

  /** Whether a body record is known for this reference (written or waiting for the next flush). */
  hasBodies(ref: string): boolean {
    return this.#pending.has(ref) || this.#packIndex.has(ref);
  }

  /**
   * Keep the bodies a source page gave. They reach the disk at the next flush, before the metadata
   * that points at them; until then they are served from memory.
   */
  async putBodies(ref: string, bodies: Record<string, ArticleBody>): Promise<void> {
    checkRef(ref);
    this.#pending.set(ref, JSON.stringify(bodies));
    this.#bodyCache.delete(ref);
    this.#bodyCache.set(ref, bodies);
  }

  async removeBodies(ref: string): Promise<void> {
    checkRef(ref);
    this.#bodyCache.delete(ref);
    this.#pending.delete(ref);
    const at = this.#packIndex.get(ref);
    if (at) {
      this.#packIndex.delete(ref);
      const live = (this.#packLive.get(at[0]) ?? 0) - at[2];
      this.#packLive.set(at[0], live);
      // A pack nothing points at any more goes (the metadata that still lists it points at no article).
      if (live <= 0 && at[0] !== this.#currentPack()) {
        this.#packLive.delete(at[0]);
        this.#closeReader(at[0]);
        await rm(this.#packPath(at[0]), { force: true });
      }
    }
    await rm(this.#legacyPath(ref), { force: true });
  }

  #currentPack(): number {
    let max = 0;
    for (const p of this.#packLive.keys()) max = Math.max(max, p);
    return max;
  }

  /** Append the pending bodies to the current pack and fsync it: one write and one sync per batch. */
  async #writePending(): Promise<void> {
    if (this.#pending.size === 0) return;
    await mkdir(this.#bodyDir, { recursive: true });
    let pack = Math.max(1, this.#currentPack());
    let handle = await open(this.#packPath(pack), 'a');
    try {
      // Append at the real end: a crash may have left an unreferenced tail, which is simply skipped.
      let offset = (await handle.stat()).size;
      if (offset >= PACK_MAX_BYTES) {
        await handle.close();
        pack++;
        handle = await open(this.#packPath(pack), 'a');
        offset = (await handle.stat()).size;
      }
      const created = offset === 0;
      const placed: [string, PackRef][] = [];
      const chunks: Buffer[] = [];
      for (const [ref, text] of this.#pending) {
        const buf = Buffer.from(text, 'utf8');
        placed.push([ref, [pack, offset, buf.length]]);
        chunks.push(buf);
        offset += buf.length;
      }
      await handle.writeFile(Buffer.concat(chunks));
      await handle.sync();
      // A new pack's name must survive a power loss too, before the metadata that names it.
      if (created) await syncDir(this.#bodyDir);
      for (const [ref, at] of placed) {
        const old = this.#packIndex.get(ref);
        if (old) this.#packLive.set(old[0], (this.#packLive.get(old[0]) ?? 0) - old[2]);
        this.#packIndex.set(ref, at);
        this.#packLive.set(pack, (this.#packLive.get(pack) ?? 0) + at[2]);
      }
      if (!this.#packLive.has(pack)) this.#packLive.set(pack, 0);
      this.#pending.clear();
    } finally {
      await handle.close();
    }
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
    const refs = new Set<string>();
    for (const [ref, at] of this.#packIndex) if (at[2] > MAX_BODY_RECORD_BYTES) refs.add(ref);
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
    await this.#writePending();
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
      packs: Object.fromEntries(this.#packIndex),
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

function checkRef(ref: string): void {
  if (!/^[0-9a-f]{8,64}$/.test(ref)) throw new Error(`bad body reference ${ref}`);
}

function emptyCatalog(): CatalogData {
  return { version: CATALOG_VERSION, sources: [], articles: [] };
}

function toPublic(a: StoredArticle): ArticleMeta {
  const { bodyRef: _ref, ...meta } = a;
  return { ...meta, sources: [...meta.sources] };
}
