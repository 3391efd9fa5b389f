/**
 * The article being read, with the history of articles opened in this session (Alt+Left/Right).
 * Its `bookmarked` flag follows the library's bookmarks once they are loaded, so a bookmark removed
 * elsewhere (the Bookmarks view, a row's star) shows at once on the open article. A brief or a
 * headline (the archive holds no text of it) comes with the other articles of its day, asked for
 * before it shows, so the reader lays it out once.
 */
import type { ArticleMeta, Response } from '$contract';
import { call } from '../api';
import { archiveDay } from '../format';
import { bookmarks } from './bookmarks.svelte';

export type OpenArticle = Response<'archive:get'>;
const SAME_DAY_MAX = 50;

export type ReaderStatus = 'empty' | 'loading' | 'ready' | 'error';

class ReaderState {
  /** The article as `archive:get` returned it. */
  #loaded = $state.raw<OpenArticle | null>(null);
  article: OpenArticle | null = $derived.by(() => {
    const article = this.#loaded;
    if (!article || !bookmarks.loaded) return article;
    const bookmarked = bookmarks.ids.has(article.id);
    return bookmarked === article.bookmarked ? article : { ...article, bookmarked };
  });
  #sameDay = $state.raw<ArticleMeta[]>([]);
  status = $state<ReaderStatus>('empty');
  error = $state<string | null>(null);
  busy = $state(false);
  #history = $state.raw<string[]>([]);
  #index = $state(-1);
  #generation = 0;

  /** For a brief or a headline: up to 50 other articles of its day, newest first. */
  get sameDay(): ArticleMeta[] {
    return this.#sameDay;
  }

  get currentId(): string | null {
    return this.#history[this.#index] ?? null;
  }

  get canBack(): boolean {
    return this.#index > 0;
  }

  get canForward(): boolean {
    return this.#index < this.#history.length - 1;
  }

  async open(id: string, push = true): Promise<void> {
    if (push && this.currentId !== id) {
      this.#history = [...this.#history.slice(0, this.#index + 1), id];
      this.#index = this.#history.length - 1;
    }
    const generation = ++this.#generation;
    this.status = 'loading';
    this.error = null;
    try {
      const article = await call('archive:get', { id });
      const sameDay = await this.#loadSameDay(article);
      if (generation !== this.#generation) return;
      this.#loaded = article;
      this.#sameDay = sameDay;
      this.status = 'ready';
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#loaded = null;
      this.#sameDay = [];
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  async #loadSameDay(article: OpenArticle): Promise<ArticleMeta[]> {
    const day = archiveDay(article.publishedAt);
    if (article.kind === 'full' || !day) return [];
    // A query of the catalog for that day, whatever part of a list is loaded. A courtesy list:
    // without it the reader still says the text is not in the archive.
    return call('archive:search', { q: '', from: day, to: day, sort: 'newest', limit: SAME_DAY_MAX + 1 })
      .then((r) =>
        r.hits
          .map((h) => h.article)
          .filter((a) => a.id !== article.id)
          .slice(0, SAME_DAY_MAX),
      )
      .catch(() => []);
  }

  back(): void {
    if (!this.canBack) return;
    this.#index--;
    void this.open(this.#history[this.#index]!, false);
  }

  forward(): void {
    if (!this.canForward) return;
    this.#index++;
    void this.open(this.#history[this.#index]!, false);
  }

  async toggleBookmark(): Promise<void> {
    const article = this.article;
    if (!article || this.busy) return;
    this.busy = true;
    const want = !article.bookmarked;
    try {
      if (!want) {
        // Through the bookmarks, so the toast and Ctrl+Z can put it back with its tags and note.
        const removed = await bookmarks.remove([article.id]);
        if (removed.length > 0 && this.#loaded?.id === article.id) {
          this.#loaded = { ...this.#loaded, bookmarked: false };
        }
        return;
      }
      const result = await call('library:setBookmark', { articleId: article.id, bookmarked: want });
      if (this.#loaded?.id === article.id) this.#loaded = { ...this.#loaded, bookmarked: result.bookmarked };
      bookmarks.note(article, result.bookmarked);
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.#generation++;
    this.#loaded = null;
    this.#sameDay = [];
    this.status = 'empty';
  }

  reset(): void {
    this.close();
    this.#history = [];
    this.#index = -1;
    this.error = null;
    this.busy = false;
  }
}

export const reader = new ReaderState();
