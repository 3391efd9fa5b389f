/**
 * The article bodies, one record per source page in the catalog's `bodies` table: keyed by the page's
 * sha256 (an article's bodyRef), the JSON of every body the page gave, by article id. Parsed records
 * are kept in a small cache; writes go into the store's open batch.
 */
import type { ArticleImage, Block } from '../model.js';
import type { Statements } from './catalog-statements.js';

export interface ArticleBody {
  blocks: Block[];
  byline?: string;
  /** A saved page's pictures, which its figure blocks point into. */
  images?: ArticleImage[];
}

/** Parsed body records kept in memory (one per source page). */
const BODY_CACHE_MAX = 512;

export class BodyRecords {
  readonly #q: Statements;
  /** Opens the store's write batch (CatalogStore's #write). */
  readonly #write: () => void;
  #cache = new Map<string, Record<string, ArticleBody>>();

  /** An article's body reference, by its id (WriteBatch.rowById). */
  readonly #refOf: (id: string) => string | null;

  constructor(q: Statements, write: () => void, refOf: (id: string) => string | null) {
    this.#q = q;
    this.#write = write;
    this.#refOf = refOf;
  }

  /** `keep: false` leaves the cache as it is (see CatalogStore.getBody). */
  get(id: string, keep: boolean): ArticleBody | undefined {
    const ref = this.#refOf(id);
    if (!ref) return undefined;
    return this.#bodies(ref, keep)[id];
  }

  #bodies(ref: string, keep: boolean): Record<string, ArticleBody> {
    const cached = this.#cache.get(ref);
    if (cached) return cached;
    let parsed: Record<string, ArticleBody>;
    try {
      const row = this.#q.body.get(ref) as { data: Buffer } | undefined;
      parsed = row ? (JSON.parse(row.data.toString('utf8')) as Record<string, ArticleBody>) : {};
    } catch {
      // A damaged body record: the metadata still shows; a re-import restores the body.
      parsed = {};
    }
    if (!keep) return parsed;
    // Oldest out first (Map keeps insertion order): a page of hits does not flush the whole cache.
    if (this.#cache.size >= BODY_CACHE_MAX) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(ref, parsed);
    return parsed;
  }

  has(ref: string): boolean {
    return this.#cache.has(ref) || this.#q.hasBody.get(ref) !== undefined;
  }

  put(ref: string, bodies: Record<string, ArticleBody>): void {
    checkRef(ref);
    this.#write();
    this.#q.putBody.run(ref, Buffer.from(JSON.stringify(bodies), 'utf8'));
    // Not cached: an import writes every page's bodies once, and a cache filled here without the
    // bound reads keep held every body of the run (an import of 300,000 pages grew past 1.4 GB).
    this.#cache.delete(ref);
  }

  remove(ref: string): void {
    this.#cache.delete(ref);
    if (this.#q.hasBody.get(ref) === undefined) return;
    this.#write();
    this.#q.deleteBody.run(ref);
  }

  inUse(ref: string): boolean {
    return this.#q.bodyInUse.get(ref) !== undefined;
  }
}

function checkRef(ref: string): void {
  if (!/^[0-9a-f]{8,64}$/.test(ref)) throw new Error(`bad body reference ${ref}`);
}
