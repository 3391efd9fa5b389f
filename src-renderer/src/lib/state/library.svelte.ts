/**
 * What the library views show: bookmarks, the article listing, the imported sources, app info and
 * import progress. Each list is replaced as a whole after a call, never mutated in place.
 */
import type { AppInfo, BookmarkEntry } from '../../../../src-main/api/contract';
import type {
  ArticleMeta,
  ImportProgress,
  ImportReport,
  SourceRecord,
} from '../../../../src-main/archive/model';
import { call, onEvent } from '../api';

const PAGE = 2000;

class LibraryState {
  info = $state.raw<AppInfo | null>(null);
  bookmarks = $state.raw<BookmarkEntry[]>([]);
  bookmarksLoaded = $state(false);
  articles = $state.raw<ArticleMeta[]>([]);
  articlesTotal = $state(0);
  articlesLoaded = $state(false);
  sources = $state.raw<SourceRecord[]>([]);
  progress = $state.raw<ImportProgress | null>(null);
  importing = $state(false);
  report = $state.raw<ImportReport | null>(null);
  error = $state<string | null>(null);

  bookmarkedIds: Set<string> = $derived(new Set(this.bookmarks.map((b) => b.articleId)));

  #unsubscribe: (() => void)[] = [];

  listen(): () => void {
    this.#unsubscribe.push(
      onEvent('import:progress', (p) => (this.progress = p)),
      onEvent('archive:changed', () => void this.refreshAfterChange()),
    );
    return () => {
      for (const off of this.#unsubscribe.splice(0)) off();
    };
  }

  async refreshAfterChange(): Promise<void> {
    await Promise.all([this.loadInfo(), this.articlesLoaded ? this.loadArticles() : undefined]);
  }

  async #guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await work();
      this.error = null;
      return value;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return undefined;
    }
  }

  async loadInfo(): Promise<void> {
    const info = await this.#guard(() => call('app:info', {}));
    if (info) this.info = info;
  }

  async loadBookmarks(): Promise<void> {
    const list = await this.#guard(() => call('library:bookmarks', {}));
    if (list) {
      this.bookmarks = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.bookmarksLoaded = true;
    }
  }

  async loadArticles(): Promise<void> {
    const page = await this.#guard(() => call('archive:list', { limit: PAGE, sort: 'newest' }));
    if (page) {
      this.articles = page.articles;
      this.articlesTotal = page.total;
      this.articlesLoaded = true;
    }
  }

  async loadMoreArticles(): Promise<void> {
    const offset = this.articles.length;
    const page = await this.#guard(() => call('archive:list', { offset, limit: PAGE, sort: 'newest' }));
    if (page) {
      this.articles = [...this.articles, ...page.articles];
      this.articlesTotal = page.total;
    }
  }

  async loadSources(): Promise<void> {
    const list = await this.#guard(() => call('archive:sources', {}));
    if (list) this.sources = list;
  }

  async importPaths(paths: string[]): Promise<void> {
    this.importing = true;
    this.report = null;
    this.progress = { done: 0, total: 0 };
    try {
      const report = await this.#guard(() => call('archive:import', { paths }));
      if (report) this.report = report;
      await Promise.all([this.loadSources(), this.loadInfo(), this.loadArticles()]);
    } finally {
      this.importing = false;
    }
  }

  /** Keeps the bookmark list in step after a toggle, without waiting for a reload. */
  noteBookmark(article: ArticleMeta, bookmarked: boolean): void {
    if (bookmarked) {
      if (this.bookmarkedIds.has(article.id)) return;
      this.bookmarks = [
        { articleId: article.id, createdAt: new Date().toISOString(), tags: [], article },
        ...this.bookmarks,
      ];
    } else {
      this.bookmarks = this.bookmarks.filter((b) => b.articleId !== article.id);
    }
  }

  reset(): void {
    this.info = null;
    this.bookmarks = [];
    this.bookmarksLoaded = false;
    this.articles = [];
    this.articlesTotal = 0;
    this.articlesLoaded = false;
    this.sources = [];
    this.progress = null;
    this.importing = false;
    this.report = null;
    this.error = null;
  }
}

export const library = new LibraryState();
