/**
 * What the library views show: bookmarks, the article listing, the imported sources, app info and
 * import progress. Each list is replaced as a whole after a call, never mutated in place.
 */
import type {
  AppInfo,
  BookmarkEntry,
  ArticleMeta,
  ImportProgress,
  ImportReport,
  SourceRecord,
  Bookmark,
} from '$contract';
import { call, onEvent } from '../api';
import { i18n } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';

const PAGE = 2000;

export interface DayCount {
  day: string;
  count: number;
}

class LibraryState {
  info = $state.raw<AppInfo | null>(null);
  bookmarks = $state.raw<BookmarkEntry[]>([]);
  bookmarksLoaded = $state(false);
  articles = $state.raw<ArticleMeta[]>([]);
  articlesTotal = $state(0);
  articlesLoaded = $state(false);
  /** Articles per day, newest first (the timeline strip); undated articles sort after all of them. */
  days = $state.raw<DayCount[]>([]);
  daysLoaded = $state(false);
  sources = $state.raw<SourceRecord[]>([]);
  progress = $state.raw<ImportProgress | null>(null);
  /** The search index build under way (from app:info, then 'search:indexing' events), or null. */
  indexing = $state.raw<{ done: number; total: number } | null>(null);
  importing = $state(false);
  report = $state.raw<ImportReport | null>(null);
  error = $state<string | null>(null);

  /** The Bookmarks view's tag filter ('' for all). */
  bookmarkTag = $state('');
  visibleBookmarks: BookmarkEntry[] = $derived(
    this.bookmarkTag ? this.bookmarks.filter((b) => b.tags.includes(this.bookmarkTag)) : this.bookmarks,
  );

  bookmarkedIds: Set<string> = $derived(new Set(this.bookmarks.map((b) => b.articleId)));

  /** Every bookmark tag with how many bookmarks carry it, most used first (autocomplete, filter). */
  bookmarkTags: { tag: string; count: number }[] = $derived.by(() => {
    const counts: Record<string, number> = {};
    for (const b of this.bookmarks) for (const t of b.tags) counts[t] = (counts[t] ?? 0) + 1;
    return Object.entries(counts)
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'zh-CN'));
  });

  /** Index in the newest-first listing where each day's articles start. */
  dayStart: Map<string, number> = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once per derivation, never mutated
    const out = new Map<string, number>();
    let at = 0;
    for (const d of this.days) {
      out.set(d.day, at);
      at += d.count;
    }
    return out;
  });

  #unsubscribe: (() => void)[] = [];
  #loadingMore: Promise<void> | null = null;

  listen(): () => void {
    this.#unsubscribe.push(
      onEvent('import:progress', (p) => (this.progress = p)),
      onEvent('search:indexing', (p) => (this.indexing = p.done < p.total ? p : null)),
      onEvent('archive:changed', () => void this.refreshAfterChange()),
    );
    return () => {
      for (const off of this.#unsubscribe.splice(0)) off();
    };
  }

  async refreshAfterChange(): Promise<void> {
    await Promise.all([
      this.loadInfo(),
      this.articlesLoaded ? this.loadArticles() : undefined,
      this.daysLoaded ? this.loadDays() : undefined,
    ]);
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
    if (info) {
      this.info = info;
      // Only a build under way: a finished one was already reported by its last event.
      if (info.indexing && this.indexing === null) this.indexing = info.indexing;
    }
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

  /** Loads the next page of the listing; concurrent calls share one request. */
  loadMoreArticles(): Promise<void> {
    if (this.articles.length >= this.articlesTotal) return Promise.resolve();
    this.#loadingMore ??= this.#loadUpTo(this.articles.length + PAGE).finally(
      () => (this.#loadingMore = null),
    );
    return this.#loadingMore;
  }

  /** Makes sure the first `count` articles of the listing are loaded (a timeline jump far down). */
  async ensureArticles(count: number): Promise<void> {
    if (this.#loadingMore) await this.#loadingMore;
    if (count <= this.articles.length || this.articles.length >= this.articlesTotal) return;
    await this.#loadUpTo(count);
  }

  async #loadUpTo(count: number): Promise<void> {
    const offset = this.articles.length;
    const limit = Math.min(100_000, Math.max(1, count - offset));
    const page = await this.#guard(() => call('archive:list', { offset, limit, sort: 'newest' }));
    if (page && this.articles.length === offset) {
      this.articles = [...this.articles, ...page.articles];
      this.articlesTotal = page.total;
    }
  }

  async loadDays(): Promise<void> {
    const days = await this.#guard(() => call('archive:days', {}));
    if (days) {
      this.days = days;
      this.daysLoaded = true;
    }
  }

  async loadSources(): Promise<void> {
    const list = await this.#guard(() => call('archive:sources', {}));
    if (list) this.sources = list;
  }

  async importPaths(paths: string[]): Promise<ImportReport | undefined> {
    if (this.importing) return undefined;
    this.importing = true;
    this.report = null;
    this.progress = { done: 0, total: 0 };
    try {
      const report = await this.#guard(() => call('archive:import', { paths }));
      if (report) {
        this.report = report;
        toasts.show({ message: this.#summary(report) });
      } else if (this.error) {
        toasts.show({ kind: 'error', message: i18n.t('error.generic', { message: this.error }) });
      }
      await this.#afterImport();
      return report;
    } finally {
      this.importing = false;
      this.progress = null;
    }
  }

  async cancelImport(): Promise<void> {
    await this.#guard(() => call('archive:cancelImport', {}));
  }

  /** Imports one source file again (it changed, or its parser improved). */
  async reimportSource(path: string): Promise<void> {
    const report = await this.#guard(() => call('archive:reimportSource', { path }));
    if (report) {
      this.report = report;
      toasts.show({ message: this.#summary(report) });
    }
    await this.#afterImport();
  }

  /** Forgets a source file and the articles only it held; Undo imports it again. */
  async removeSource(path: string): Promise<void> {
    const result = await this.#guard(() => call('archive:removeSource', { path }));
    if (!result) {
      if (this.error)
        toasts.show({ kind: 'error', message: i18n.t('error.generic', { message: this.error }) });
      return;
    }
    await this.#afterImport();
    if (result.removed) {
      toasts.show({
        message: i18n.t('sources.removed', { name: path.split(/[\\/]/).pop() ?? path }),
        undo: async () => {
          await this.importPaths([path]);
        },
      });
    }
  }

  #summary(report: ImportReport): string {
    return i18n.t(report.cancelled ? 'sources.reportCancelled' : 'sources.report', {
      added: report.articles.added,
      updated: report.articles.updated + report.articles.upgraded,
      imported: report.files.imported,
      rejected: report.files.rejected,
    });
  }

  async #afterImport(): Promise<void> {
    await Promise.all([
      this.loadSources(),
      this.loadInfo(),
      this.articlesLoaded ? this.loadArticles() : undefined,
      this.daysLoaded ? this.loadDays() : undefined,
      this.bookmarksLoaded ? this.loadBookmarks() : undefined,
    ]);
  }

  /** Bookmarks or un-bookmarks an article from any list (e.g. a search result row), with a toast. */
  async toggleBookmark(article: ArticleMeta): Promise<void> {
    if (this.bookmarkedIds.has(article.id)) {
      await this.removeBookmarks([article.id]);
      return;
    }
    try {
      const result = await call('library:setBookmark', { articleId: article.id, bookmarked: true });
      this.noteBookmark(article, result.bookmarked);
      toasts.show({
        message: i18n.t('bookmarks.added', { title: article.title }),
        undo: async () => {
          await this.removeBookmarks([article.id], false);
        },
      });
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Saves a bookmark's tags and note (and bookmarks the article if it was not). */
  async saveBookmark(articleId: string, tags: string[], note: string): Promise<boolean> {
    try {
      const trimmed = note.trim();
      const result = await call('library:setBookmark', {
        articleId,
        bookmarked: true,
        tags,
        note: trimmed,
      });
      const saved = result.bookmark;
      this.bookmarks = this.bookmarks.map((b) =>
        b.articleId === articleId ? { ...b, tags: saved?.tags ?? tags, note: saved?.note ?? trimmed } : b,
      );
      toasts.show({ message: i18n.t('bookmarks.saved') });
      return true;
    } catch (err) {
      this.#fail(err);
      return false;
    }
  }

  /** Removes bookmarks; the toast offers Undo (Ctrl+Z), which puts the same records back. */
  async removeBookmarks(articleIds: string[], offerUndo = true): Promise<Bookmark[]> {
    if (articleIds.length === 0) return [];
    try {
      const { removed } = await call('library:removeBookmarks', { articleIds });
      const gone = new Set(removed.map((b) => b.articleId));
      this.bookmarks = this.bookmarks.filter((b) => !gone.has(b.articleId));
      if (offerUndo && removed.length > 0) {
        toasts.show({
          message: i18n.t('bookmarks.removed', { n: removed.length }),
          undo: () => this.restoreBookmarks(removed),
        });
      }
      return removed;
    } catch (err) {
      this.#fail(err);
      return [];
    }
  }

  async restoreBookmarks(bookmarks: Bookmark[]): Promise<void> {
    await call('library:restore', { bookmarks });
    await this.loadBookmarks();
    toasts.show({ message: i18n.t('bookmarks.restored', { n: bookmarks.length }) });
  }

  #fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    toasts.show({ kind: 'error', message: i18n.t('error.generic', { message }) });
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
    this.bookmarkTag = '';
    this.articles = [];
    this.articlesTotal = 0;
    this.articlesLoaded = false;
    this.days = [];
    this.daysLoaded = false;
    this.sources = [];
    this.progress = null;
    this.importing = false;
    this.report = null;
    this.error = null;
  }
}

export const library = new LibraryState();
