/**
 * Folded headline rows (a headline listed by several pages is one row of a result list): which are
 * open, showing the pages that listed them. Shared by every list, keyed by the row's article id.
 */
import type { ListedArticle } from '$contract';

/** Whether a list entry stands for several listings (a row that opens to show them). */
export function isFolded(article: ListedArticle): boolean {
  return (article.listings?.length ?? 0) > 1;
}

/** How many pages listed the entry's title. */
export function pagesOf(article: ListedArticle): number {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- counted once, never kept
  return new Set(article.listings?.map((l) => l.source)).size;
}

/** What opening the entry opens: the readable article of its title when there is one. */
export function opensId(article: ListedArticle): string {
  return article.readableId ?? article.id;
}

class FoldsState {
  #open = $state.raw<ReadonlySet<string>>(new Set());

  isOpen(id: string): boolean {
    return this.#open.has(id);
  }

  set(id: string, open: boolean): void {
    if (this.#open.has(id) === open) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw), never mutated once set
    const next = new Set(this.#open);
    if (open) next.add(id);
    else next.delete(id);
    this.#open = next;
  }

  toggle(id: string): void {
    this.set(id, !this.isOpen(id));
  }

  /** Opens or closes entry `article` when it is folded; false when it is not (the key is not used). */
  expand(article: ListedArticle | undefined, open: boolean): boolean {
    if (!article || !isFolded(article)) return false;
    this.set(article.id, open);
    return true;
  }

  reset(): void {
    this.#open = new Set();
  }
}

export const folds = new FoldsState();
