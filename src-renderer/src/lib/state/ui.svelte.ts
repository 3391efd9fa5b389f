/**
 * Which view is showing, the shortcuts sheet, and the "current list" that j/k walk through.
 */
import { tick } from 'svelte';
import { bookmarks } from './bookmarks.svelte';
import { opensId } from './folds.svelte';
import { search } from './search.svelte';

export type View = 'search' | 'all' | 'bookmarks' | 'notes' | 'sources' | 'settings';

/** Whether dropped files can be imported: only the desktop app can see their paths. */
export function canDropFiles(): boolean {
  return typeof window !== 'undefined' && typeof window.yuelan?.pathsForFiles === 'function';
}

const VIEW_KEY = 'yuelan.view';
const VIEWS: readonly View[] = ['search', 'all', 'bookmarks', 'notes', 'sources', 'settings'];

/** The view the app was last left on (restored at the next start, like the window's size). */
function lastView(): View {
  try {
    const saved = localStorage.getItem(VIEW_KEY);
    return VIEWS.includes(saved as View) ? (saved as View) : 'search';
  } catch {
    return 'search';
  }
}

function rememberView(view: View): void {
  try {
    localStorage.setItem(VIEW_KEY, view);
  } catch {
    // Storage may be unavailable; the app then starts on Search.
  }
}

class UiState {
  #view = $state<View>(lastView());

  get view(): View {
    return this.#view;
  }

  set view(view: View) {
    this.#view = view;
    rememberView(view);
  }

  shortcutsOpen = $state(false);
  /** Selected row in the All articles and Bookmarks lists (search keeps its own). */
  allSelected = $state(-1);
  bookmarksSelected = $state(-1);
  /** Cursor in the Notes list. */
  notesSelected = $state(-1);
  /** The search input, registered by SearchBox so shortcuts can focus it. */
  searchInput: HTMLInputElement | null = null;
  #list: HTMLElement | null = null;
  #focusList = false;

  /** The active listbox, registered by the list components so Esc can return to it. */
  get listElement(): HTMLElement | null {
    return this.#list;
  }

  set listElement(element: HTMLElement | null) {
    this.#list = element;
    // A view chosen in the sidebar: its list takes the keyboard once it is there.
    if (element && this.#focusList) {
      this.#focusList = false;
      element.focus({ preventScroll: true });
    }
  }

  /**
   * Article ids of the list beside the reader, in display order (what each row opens). Not All
   * articles: that list is loaded in pages (j and k step through it by the selected row's place).
   */
  currentIds: string[] = $derived.by(() => {
    switch (this.view) {
      case 'search':
        return search.hits.map((h) => opensId(h.article));
      case 'bookmarks':
        return bookmarks.visible.filter((b) => b.article).map((b) => b.articleId);
      default:
        return [];
    }
  });

  show(view: View): void {
    this.#focusList = false;
    this.view = view;
  }

  /** Shows a view and moves the keyboard to its list, so arrows and Enter work at once. */
  showList(view: View): void {
    const same = this.view === view;
    this.view = view;
    if (view === 'sources' || view === 'settings') return;
    if (same && this.#list?.isConnected) this.#list.focus({ preventScroll: true });
    else this.#focusList = true;
  }

  focusSearch(): void {
    this.#focusList = false;
    this.view = 'search';
    // The input may only exist after the view switch renders.
    void tick().then(() => {
      this.searchInput?.focus();
      this.searchInput?.select();
    });
  }

  reset(): void {
    this.#view = 'search';
    this.#focusList = false;
    this.shortcutsOpen = false;
    this.allSelected = -1;
    this.bookmarksSelected = -1;
  }

  /** Marks `index` as selected in the list of the current view. */
  select(index: number): void {
    if (this.view === 'search') search.selected = index;
    else if (this.view === 'all') this.allSelected = index;
    else if (this.view === 'bookmarks') this.bookmarksSelected = index;
  }
}

export const ui = new UiState();
