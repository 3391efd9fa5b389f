/**
 * The user's bookmarks, newest first, with their tags and notes, and the Bookmarks view's tag filter.
 * Any list's star and the reader's bookmark button go through here, so every view shows the same
 * state at once. Tags and notes are saved as they are typed (./bookmark-drafts). Removing, from
 * anywhere (a list, the reader's button, Ctrl+D), offers Undo through the toast queue and Ctrl+Z, which
 * puts the bookmark back with its tags and note.
 */
import type { ArticleMeta, Bookmark, BookmarkEntry } from '$contract';
import { call } from '../api';
import { i18n } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';
import { guarded } from './guarded';
import { BookmarkDrafts, type BookmarkDraft } from './bookmark-drafts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface TagCount {
  tag: string;
  count: number;
}

class BookmarksState {
  #list = $state.raw<BookmarkEntry[]>([]);
  #loaded = $state(false);
  #tag = $state('');
  #error = $state<string | null>(null);
  #status = $state<SaveStatus>('idle');
  #drafts = new BookmarkDrafts(
    (id, draft) => this.#write(id, draft),
    (allSaved) => {
      if (allSaved && this.#status === 'saving') this.#status = 'saved';
    },
  );
  #listening = false;

  get list(): BookmarkEntry[] {
    return this.#list;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** The Bookmarks view's tag filter ('' for all). */
  get tag(): string {
    return this.#tag;
  }

  get error(): string | null {
    return this.#error;
  }

  /** Where the latest tag or note edit is: being written, written, or failed. */
  get saveStatus(): SaveStatus {
    return this.#status;
  }

  entry(articleId: string): BookmarkEntry | undefined {
    return this.#list.find((b) => b.articleId === articleId);
  }

  readonly visible: BookmarkEntry[] = $derived(
    this.#tag ? this.#list.filter((b) => b.tags.includes(this.#tag)) : this.#list,
  );

  /** The ids of bookmarked articles (the stars of every list). */
  readonly ids: ReadonlySet<string> = $derived(new Set(this.#list.map((b) => b.articleId)));

  /** Every bookmark tag with how many bookmarks carry it, most used first (autocomplete, filter). */
  readonly tags: TagCount[] = $derived.by(() => {
    const counts: Record<string, number> = {};
    for (const b of this.#list) for (const t of b.tags) counts[t] = (counts[t] ?? 0) + 1;
    return Object.entries(counts)
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'zh-CN'));
  });

  filterByTag(tag: string): void {
    this.#tag = tag;
  }

  async load(): Promise<void> {
    const list = await guarded(
      () => call('library:bookmarks', {}),
      (message) => (this.#error = message),
    );
    if (!list) return;
    this.#list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.#loaded = true;
    this.#listen();
    // Edits typed before a reload and not yet written: written now, onto bookmarks that still exist.
    for (const [id, draft] of this.#drafts.takeStored()) {
      if (this.entry(id)) this.edit(id, draft);
    }
    void this.#drafts.flush();
  }

  /** Flushes pending edits when the page is hidden or left (a reload, a closed window). */
  #listen(): void {
    if (this.#listening || typeof window === 'undefined') return;
    this.#listening = true;
    const flush = (): void => void this.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }

  /**
   * Changes a bookmark's tags or note: shown at once everywhere, kept in local storage at once and
   * written to the library after a short pause (or at the next `flush`).
   */
  edit(articleId: string, change: Partial<BookmarkDraft>): void {
    const entry = this.entry(articleId);
    if (!entry) return;
    const draft: BookmarkDraft = { tags: change.tags ?? entry.tags, note: change.note ?? entry.note ?? '' };
    this.#list = this.#list.map((b) =>
      b.articleId === articleId ? { ...b, tags: draft.tags, note: draft.note || undefined } : b,
    );
    this.#status = 'saving';
    this.#drafts.set(articleId, draft);
  }

  /** Sets a bookmark's tags; a tag taken off offers Undo (toast and Ctrl+Z), as every removal does. */
  setTags(articleId: string, next: string[]): void {
    const before = this.entry(articleId)?.tags ?? [];
    this.edit(articleId, { tags: next });
    const gone = before.filter((t) => !next.includes(t));
    if (gone.length === 0) return;
    toasts.show({
      message: i18n.t('bookmarks.tagRemoved', { tag: gone.join('、') }),
      undo: () => {
        const now = this.entry(articleId)?.tags;
        if (now) this.edit(articleId, { tags: [...now, ...gone.filter((t) => !now.includes(t))] });
        return this.flush();
      },
    });
  }

  /** Writes every pending tag and note edit now. */
  flush(): Promise<void> {
    return this.#drafts.flush();
  }

  async #write(articleId: string, draft: BookmarkDraft): Promise<boolean> {
    try {
      await call('library:setBookmark', {
        articleId,
        bookmarked: true,
        tags: draft.tags,
        note: draft.note.trim(),
      });
      return true;
    } catch (err) {
      this.#status = 'error';
      this.#fail(err);
      return false;
    }
  }

  /** Bookmarks or un-bookmarks an article from any list (e.g. a search result row), with a toast. */
  async toggle(article: ArticleMeta): Promise<void> {
    if (this.ids.has(article.id)) {
      await this.remove([article.id]);
      return;
    }
    try {
      const result = await call('library:setBookmark', { articleId: article.id, bookmarked: true });
      this.note(article, result.bookmarked);
      toasts.show({
        message: i18n.t('bookmarks.added', { title: article.title }),
        undo: async () => {
          await this.remove([article.id], false);
        },
      });
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Removes bookmarks; the toast offers Undo (Ctrl+Z), which puts the same records back. */
  async remove(articleIds: string[], offerUndo = true): Promise<Bookmark[]> {
    if (articleIds.length === 0) return [];
    try {
      // What was typed is part of what is removed, and so of what Undo puts back.
      await this.#drafts.flush();
      const { removed } = await call('library:removeBookmarks', { articleIds });
      const gone = new Set(removed.map((b) => b.articleId));
      this.#list = this.#list.filter((b) => !gone.has(b.articleId));
      if (offerUndo && removed.length > 0) {
        toasts.show({
          message: i18n.t('bookmarks.removed', { n: removed.length }),
          undo: () => this.restore(removed),
        });
      }
      return removed;
    } catch (err) {
      this.#fail(err);
      return [];
    }
  }

  async restore(bookmarks: Bookmark[]): Promise<void> {
    await call('library:restore', { bookmarks });
    await this.load();
    toasts.show({ message: i18n.t('bookmarks.restored', { n: bookmarks.length }) });
  }

  #fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    toasts.show({ kind: 'error', message: i18n.t('error.generic', { message }) });
  }

  /** Keeps the list in step after a toggle elsewhere (the reader), without waiting for a reload. */
  note(article: ArticleMeta, bookmarked: boolean): void {
    if (bookmarked) {
      if (this.ids.has(article.id)) return;
      this.#list = [
        { articleId: article.id, createdAt: new Date().toISOString(), tags: [], article },
        ...this.#list,
      ];
    } else {
      this.#list = this.#list.filter((b) => b.articleId !== article.id);
    }
  }

  reset(): void {
    this.#list = [];
    this.#loaded = false;
    this.#tag = '';
    this.#error = null;
    this.#status = 'idle';
    this.#drafts.reset();
  }
}

export const bookmarks = new BookmarksState();
