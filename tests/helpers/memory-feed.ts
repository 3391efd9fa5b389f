/**
 * A catalog's change feed held in memory, for the index tests: articles are put and removed, each
 * change numbered, exactly as the index reads a catalog (see src-main/archive/search/index-feed.ts).
 */
import type { IndexedArticle } from '../../src-main/archive/search/index-feed.js';
import type { SearchCatalog } from '../../src-main/archive/search/search-service.js';
import type { ArticleMeta } from '../../src-main/archive/model.js';
import { metaOf, syntheticArticle, type SyntheticArticle } from '../../bench/synthetic-feed.js';

interface Entry {
  seq: number;
  article: SyntheticArticle;
}

export class MemoryFeed implements SearchCatalog {
  changeSeq = 0;
  #live = new Map<string, Entry>();
  #removed = new Map<string, number>();
  /** A body read of this article never returns (a build stuck there, to be killed). */
  hangOn: string | undefined;
  onHang: (() => void) | undefined;

  constructor(public catalogId = 'memory-catalog') {}

  /** A feed of synthetic articles 1..n (see bench/synthetic-feed.ts). */
  static of(n: number, catalogId?: string): MemoryFeed {
    const feed = new MemoryFeed(catalogId);
    for (let i = 1; i <= n; i++) feed.put(syntheticArticle(i));
    return feed;
  }

  put(article: SyntheticArticle): void {
    this.#live.set(article.id, { seq: ++this.changeSeq, article });
    this.#removed.delete(article.id);
  }

  remove(id: string): void {
    if (this.#live.delete(id)) this.#removed.set(id, ++this.changeSeq);
  }

  get(id: string): SyntheticArticle | undefined {
    return this.#live.get(id)?.article;
  }

  get size(): number {
    return this.#live.size;
  }

  changesSince(seq: number, limit: number): { seq: number; article: IndexedArticle }[] {
    return [...this.#live.values()]
      .filter((e) => e.seq > seq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map(({ seq, article }) => ({ seq, article }));
  }

  removedSince(seq: number, limit: number): { seq: number; id: string }[] {
    return [...this.#removed]
      .filter(([, s]) => s > seq)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id, s]) => ({ seq: s, id }));
  }

  async getBody(id: string): Promise<{ blocks: { text: string }[] } | undefined> {
    if (id === this.hangOn) {
      this.onHang?.();
      return new Promise(() => undefined);
    }
    const body = this.#live.get(id)?.article.body;
    return body && { blocks: body.map((text) => ({ text })) };
  }

  articleIdsOfSource(path: string): string[] {
    return [...this.#live.values()].filter((e) => e.article.sources.includes(path)).map((e) => e.article.id);
  }

  getMeta(id: string): ArticleMeta | undefined {
    const e = this.#live.get(id);
    return e && metaOf(e.article);
  }
}
