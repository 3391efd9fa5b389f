/**
 * What a Listbox takes (Listbox.svelte): its items or a list loaded in pages, the selection the parent
 * owns, and what it reports (selection, opening, scrolling, the rows shown).
 */
import type { Snippet } from 'svelte';

export interface ListboxProps<T> {
  id: string;
  label: string;
  items: readonly T[];
  key: (item: T) => string;
  selected: number;
  /** The key of the article open in the reader, marked as current. */
  activeKey?: string | null;
  group?: (item: T) => string;
  groupLabel?: (group: string, count: number) => string;
  row: Snippet<[T, number]>;
  onselect: (index: number) => void;
  onopen: (index: number) => void;
  element?: HTMLElement | null;
  /** Estimated height of a row in pixels, before it is measured. */
  estimate?: number;
  /** Called when the rendered window comes near the end of the items (to load the next page). */
  onend?: () => void;
  /**
   * Multi-selection: when given, the listbox is aria-multiselectable, aria-selected says which
   * options are checked, and a click or Space toggles one (Shift extends from the cursor).
   */
  checked?: (index: number) => boolean;
  ontoggle?: (index: number, extend: boolean) => void;
  /** How many entries the whole list has, when `items` is only the part loaded so far. */
  total?: number;
  /** The place of the first option in the whole list (a window over a longer list). */
  first?: number;
  /** Called with the index of the first option in view (e.g. to mark the day in a timeline). */
  onscrolled?: (firstIndex: number) => void;
  /** → (open) and ← (close) on the selected option; returns whether it did something. */
  onexpand?: (index: number, open: boolean) => boolean;
  /**
   * A list loaded in pages: its length, the option at an index (undefined while its page is on its
   * way), and its groups in order (options past their sum are one more group, keyed ''). `items`
   * and `group` are then not read.
   */
  paged?: {
    count: number;
    at: (index: number) => T | undefined;
    groups: readonly { key: string; count: number }[];
  };
  /** What stands in for an option whose page has not come. */
  pending?: Snippet;
  /** The options rendered, first to last (exclusive): a paged list fetches their pages. */
  onshow?: (start: number, end: number) => void;
  /** Home or End: returns true when the parent took it (a window over a longer list). */
  onedge?: (edge: 'start' | 'end') => boolean;
}
