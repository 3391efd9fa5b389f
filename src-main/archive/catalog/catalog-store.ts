/**
 * The catalog: every source file and every article's metadata, in one small lowdb file
 * (catalog.json), with article bodies in their own files under bodies/ (one per source page), loaded
 * on demand. Everything here can be rebuilt from the source files, so a corrupt catalog is set aside
 * rather than repaired.
 */
import { Low } from 'lowdb';
import { readFile, rename, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableJsonFile, StoreCorruptError, writeFileDurably } from '../store/durable-json-file.js';
import type { Article, ArticleMeta, Block, SourceRecord } from '../model.js';

export const CATALOG_VERSION = 1;

/** Catalog entry: the public metadata plus where its body is kept. */
export interface StoredArticle extends ArticleMeta {
  /** Key of the body file (the sha256 of the source page that gave the body). */
  bodyRef?: string;
}

export interface ArticleBody {
  blocks: Block[];
  byline?: string;
}

interface CatalogData {
  version: number;
  sources: SourceRecord[];
  articles: StoredArticle[];
}

export class CatalogStore {
  readonly #db: Low<CatalogData>;
  readonly #bodyDir: string;
  #articles = new Map<string, StoredArticle>();
  #sources = new Map<string, SourceRecord>();
  #bodyCache = new Map<string, Record<string, ArticleBody>>();
  #revision = 0;
  /** Set when the catalog file was unreadable and was moved aside (the path it was moved to). */
  recoveredFrom: string | undefined;

  private constructor(readonly dataDir: string) {
    this.#db = new Low(new DurableJsonFile<CatalogData>(join(dataDir, 'catalog.json')), emptyCatalog());
    this.#bodyDir = join(dataDir, 'bodies');
  }

  static async open(dataDir: string): Promise<CatalogStore> {
    const store = new CatalogStore(dataDir);
    await store.#load();
    return store;
  }

  async #load(): Promise<void> {
    try {
      await this.#db.read();
    } catch (err) {
      if (!(err instanceof StoreCorruptError)) throw err;
      this.recoveredFrom = `${err.file}.corrupt-${Date.now()}`;
      await rename(err.file, this.recoveredFrom);
      this.#db.data = emptyCatalog();
    }
    const data = this.#db.data;
    if (!Array.isArray(data.articles) || !Array.isArray(data.sources)) this.#db.data = emptyCatalog();
    for (const a of this.#db.data.articles) this.#articles.set(a.id, a);
    for (const s of this.#db.data.sources) this.#sources.set(s.path, s);
  }

  /** Grows by one on every change: lets derived data (the search index) know it is stale. */
  get revision(): number {
    return this.#revision;
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
      if (body.byline && !out.byline) out.byline = body.byline;
    }
    return out;
  }

  async getBody(id: string): Promise<ArticleBody | undefined> {
    const ref = this.#articles.get(id)?.bodyRef;
    if (!ref) return undefined;
    const file = await this.#readBodyFile(ref);
    return file[id];
  }

  async #readBodyFile(ref: string): Promise<Record<string, ArticleBody>> {
    const cached = this.#bodyCache.get(ref);
    if (cached) return cached;
    let parsed: Record<string, ArticleBody>;
    try {
      parsed = JSON.parse(await readFile(this.#bodyPath(ref), 'utf8')) as Record<string, ArticleBody>;
    } catch {
      // A missing or damaged body file: the metadata still shows; a re-import restores the body.
      parsed = {};
    }
    if (this.#bodyCache.size > 256) this.#bodyCache.clear();
    this.#bodyCache.set(ref, parsed);
    return parsed;
  }

  #bodyPath(ref: string): string {
    if (!/^[0-9a-f]{8,64}$/.test(ref)) throw new Error(`bad body reference ${ref}`);
    return join(this.#bodyDir, ref.slice(0, 2), `${ref}.json`);
  }

  /** Write the bodies a source page gave (before the metadata that points at them is flushed). */
  async putBodies(ref: string, bodies: Record<string, ArticleBody>): Promise<void> {
    const path = this.#bodyPath(ref);
    await mkdir(join(this.#bodyDir, ref.slice(0, 2)), { recursive: true });
    await writeFileDurably(path, JSON.stringify(bodies));
    this.#bodyCache.set(ref, bodies);
  }

  async removeBodies(ref: string): Promise<void> {
    this.#bodyCache.delete(ref);
    await rm(this.#bodyPath(ref), { force: true });
  }

  putArticle(article: StoredArticle): void {
    this.#articles.set(article.id, article);
    this.#revision++;
  }

  deleteArticle(id: string): void {
    if (this.#articles.delete(id)) this.#revision++;
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

  /** Persist metadata. Callers batch changes and flush once per batch: lowdb rewrites the whole file. */
  async flush(): Promise<void> {
    this.#db.data = {
      version: CATALOG_VERSION,
      sources: [...this.#sources.values()],
      articles: [...this.#articles.values()],
    };
    await this.#db.write();
  }
}

function emptyCatalog(): CatalogData {
  return { version: CATALOG_VERSION, sources: [], articles: [] };
}

function toPublic(a: StoredArticle): ArticleMeta {
  const { bodyRef: _ref, ...meta } = a;
  return { ...meta, sources: [...meta.sources] };
}
