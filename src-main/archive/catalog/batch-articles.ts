/**
 * The articles an open write batch has read or written, as they stand in it. An import merges each
 * entry by reading its article, then writing it, then reading it again to count and to sync originals:
 * each read was a query, a JSON parse and a join for its sources (most of an entry's cost). While the
 * batch holds the write lock no other process can change these rows, so they are answered from here
 * until the batch commits. A known absence is kept too: a new article is written without a lookup.
 */
import type { StoredArticle } from './article-rows.js';

/** What a write needs of the row as it was (article-writes.ts's putArticle). */
export interface RowFacts {
  rid: number;
  fold: string;
  kind: number;
}

interface Entry extends RowFacts {
  article: StoredArticle;
}

/** A batch touching more articles than this (one web archive of many pages) forgets and reads again. */
const MAX_ENTRIES = 100_000;

export class BatchArticles {
  #entries = new Map<string, Entry | null>();

  /** The article as the batch left it: undefined when unknown here, null when known to be absent. */
  get(id: string): StoredArticle | null | undefined {
    const entry = this.#entries.get(id);
    return entry ? copy(entry.article) : entry;
  }

  /** As `get`, without the copy: for a caller that only reads it. */
  peek(id: string): Readonly<StoredArticle> | null | undefined {
    const entry = this.#entries.get(id);
    return entry ? entry.article : entry;
  }

  /** The row's facts: undefined when unknown here, null when known to be absent. */
  facts(id: string): RowFacts | null | undefined {
    return this.#entries.get(id);
  }

  set(id: string, facts: RowFacts, article: StoredArticle): void {
    this.#room();
    // A path named twice is one link in the table, so one source here.
    const { rid, fold, kind } = facts;
    this.#entries.set(id, {
      rid,
      fold,
      kind,
      article: { ...article, sources: [...new Set(article.sources)] },
    });
  }

  setAbsent(id: string): void {
    this.#room();
    this.#entries.set(id, null);
  }

  clear(): void {
    this.#entries.clear();
  }

  #room(): void {
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
  }
}

/** Callers get their own record (they build the next state from it). */
function copy(a: StoredArticle): StoredArticle {
  return { ...a, sources: [...a.sources] };
}
