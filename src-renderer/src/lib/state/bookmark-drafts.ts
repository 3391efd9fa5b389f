/**
 * Bookmark tags and notes saved as they are typed. An edit is kept at once in local storage (so a
 * reload, a crash or a closed window loses no keystroke) and written to the library after a short
 * pause, or at once on `flush()` (the field loses focus, the view changes, the page is hidden). What
 * local storage still holds at the next start is written then. Separate from the bookmarks state so
 * the timing and the storage can be tested without a DOM.
 */

export interface BookmarkDraft {
  tags: string[];
  note: string;
}

export type SaveDraft = (articleId: string, draft: BookmarkDraft) => Promise<boolean>;

const STORAGE_KEY = 'yuelan.bookmarkDrafts';
export const DRAFT_SAVE_MS = 700;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export class BookmarkDrafts {
  #pending = new Map<string, BookmarkDraft>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> = Promise.resolve();
  readonly #save: SaveDraft;
  readonly #delay: number;
  readonly #settled: (allSaved: boolean) => void;

  /** `settled` hears after each flush whether every edit is now written. */
  constructor(save: SaveDraft, settled: (allSaved: boolean) => void = () => {}, delay = DRAFT_SAVE_MS) {
    this.#save = save;
    this.#settled = settled;
    this.#delay = delay;
  }

  /** Records an edit; it is written after the pause unless another edit comes first. */
  set(articleId: string, draft: BookmarkDraft): void {
    this.#pending.set(articleId, { tags: [...draft.tags], note: draft.note });
    this.#persist();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delay);
  }

  has(articleId: string): boolean {
    return this.#pending.has(articleId);
  }

  /** Forgets an unsaved edit (its bookmark is being removed, with what was saved before). */
  drop(articleId: string): void {
    this.#pending.delete(articleId);
    this.#persist();
  }

  /** Writes every pending edit now; resolves once they (and any write under way) are done. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = [...this.#pending];
    if (batch.length === 0) return this.#saving;
    this.#saving = this.#saving.then(async () => {
      for (const [articleId, draft] of batch) {
        const saved = await this.#save(articleId, draft).catch(() => false);
        // Edited again while this was written: the newer edit stays pending.
        if (saved && this.#pending.get(articleId) === draft) this.#pending.delete(articleId);
      }
      this.#persist();
      this.#settled(this.#pending.size === 0);
    });
    return this.#saving;
  }

  /** Edits left in local storage by an earlier page (a reload before they were written). */
  takeStored(): Map<string, BookmarkDraft> {
    const found = new Map<string, BookmarkDraft>();
    try {
      const raw = storage()?.getItem(STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (parsed && typeof parsed === 'object') {
        for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
          const d = value as Partial<BookmarkDraft> | null;
          if (d && Array.isArray(d.tags) && typeof d.note === 'string') {
            found.set(id, { tags: d.tags.filter((t): t is string => typeof t === 'string'), note: d.note });
          }
        }
      }
    } catch {
      // Unreadable drafts are not worth an error: the library keeps what was saved.
    }
    return found;
  }

  #persist(): void {
    try {
      const s = storage();
      if (!s) return;
      if (this.#pending.size === 0) s.removeItem(STORAGE_KEY);
      else s.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(this.#pending)));
    } catch {
      // Storage full or unavailable: the pause-then-save still runs.
    }
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    this.#saving = Promise.resolve();
  }
}
