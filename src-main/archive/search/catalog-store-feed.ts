/**
 * TEMPORARY: the change feed over today's lowdb CatalogStore, which keeps no change numbers. It goes
 * when the SQLite catalog (branch catalog-sqlite) lands: that store is an IndexFeed itself.
 *
 * Until then the changes are worked out by comparing every catalog article's signature with the
 * index's (as the index did before it had a feed), numbered after the change number the index has
 * reached. The comparison runs only when the catalog changed (its revision) or the index moved; a
 * catalog file whose token the index recorded after an up-to-date comparison is not compared at all
 * (a cold start).
 */
import type { CatalogStore } from '../catalog/catalog-store.js';
import type { ArticleMeta } from '../model.js';
import { articleSignature, type IndexedArticle } from './index-feed.js';
import type { SearchIndex } from './search-index.js';
import type { SearchCatalog } from './search-service.js';

const CATALOG_ID = 'lowdb-catalog';
const TOKEN_NOTE = 'catalog-token';

interface Pending {
  revision: number;
  /** The index's change number when compared, and the last number given to a change. */
  from: number;
  end: number;
  token: string | undefined;
  changes: { seq: number; article: IndexedArticle }[];
  removed: { seq: number; id: string }[];
}

export class CatalogStoreFeed implements SearchCatalog {
  readonly catalogId = CATALOG_ID;
  #pending: Pending | undefined;

  constructor(
    private readonly store: CatalogStore,
    private readonly index: () => SearchIndex,
  ) {}

  get changeSeq(): number {
    const index = this.index();
    const p = this.#pending;
    if (p && p.revision === this.store.revision && (index.seq === p.from || index.seq === p.end))
      return p.end;
    this.#pending = this.#compare(index);
    return this.#pending.end;
  }

  #compare(index: SearchIndex): Pending {
    const revision = this.store.revision;
    const token = this.store.persistedToken;
    const ours = index.catalogId === CATALOG_ID;
    const from = ours ? index.seq : 0;
    const pending: Pending = { revision, from, end: from, token, changes: [], removed: [] };
    this.#incomplete = false;
    if (ours && token && index.getNote(TOKEN_NOTE) === token) return pending;
    const sigs = ours ? index.signatures() : new Map<string, string>();
    const changed: IndexedArticle[] = [];
    for (const a of this.store.storedArticles()) {
      if (sigs.get(a.id) !== articleSignature(a)) changed.push(a);
      sigs.delete(a.id);
    }
    let seq = from;
    for (const id of sigs.keys()) pending.removed.push({ seq: ++seq, id });
    for (const article of changed) pending.changes.push({ seq: ++seq, article });
    pending.end = seq;
    // Nothing to do: remember the catalog file this index matches, so the next start skips this.
    if (ours && seq === from && token && index.getNote(TOKEN_NOTE) !== token)
      index.setNote(TOKEN_NOTE, token);
    return pending;
  }

  changesSince(seq: number, limit: number): { seq: number; article: IndexedArticle }[] {
    return (this.#pending?.changes ?? []).filter((c) => c.seq > seq).slice(0, limit);
  }

  removedSince(seq: number, limit: number): { seq: number; id: string }[] {
    return (this.#pending?.removed ?? []).filter((r) => r.seq > seq).slice(0, limit);
  }

  #incomplete = false;

  async getBody(
    id: string,
    options?: { cache?: boolean },
  ): Promise<{ blocks: { text: string }[] } | undefined> {
    const body = await this.store.getBody(id, options);
    // The indexer reads without caching; a hit's context with.
    if (!body && options?.cache === false) this.#incomplete = true;
    return body;
  }

  articleIdsOfSource(path: string): string[] {
    const out: string[] = [];
    for (const a of this.store.storedArticles()) if (a.sources.includes(path)) out.push(a.id);
    return out;
  }

  getMeta(id: string): ArticleMeta | undefined {
    return this.store.getMeta(id);
  }

  /** After a build: record the catalog file it matches (unless a body was missing or it changed). */
  indexed(index: SearchIndex): void {
    const token = this.store.persistedToken;
    const done = this.#pending && index.seq === this.#pending.end;
    index.setNote(
      TOKEN_NOTE,
      done && !this.#incomplete && token && token === this.#pending!.token ? token : null,
    );
    this.#incomplete = false;
    if (this.#pending && done) this.#pending.from = this.#pending.end;
  }
}
