/**
 * The window a long list lays out (lib/list-window.ts), and how it moves: on its own when the rows
 * rendered come near its edge (the row at the top of the view is kept in place), at once when the
 * view is sent to a row outside it (Home, End, a timeline day). While the view is on its way to a row,
 * the rows it passes are neither fetched nor allowed to move the window. All articles and Sources use
 * one each; row numbers here are places in the whole list.
 */
import { tick } from 'svelte';
import { WINDOW, WINDOW_EDGE, windowOf, type Span } from './list-window';

/** How long the view may take to reach a row it was sent to before scrolling moves windows again. */
const ARRIVAL_MS = 2000;

export class MovingWindow {
  readonly size: number;
  readonly edge: number;
  #base = $state(0);
  #arriving: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The first row in view. */
  top = 0;

  constructor(size = WINDOW, edge = WINDOW_EDGE) {
    this.size = size;
    this.edge = edge;
  }

  /** The window over the part shown (`part.start` is the part's place in the whole list). */
  of(part: Span): Span {
    return windowOf(part, this.#base, this.size);
  }

  /** Back to the start of the part (another filter, another range), the view on its way to `row`. */
  reset(row = 0): void {
    this.#base = 0;
    this.#arrive(row);
  }

  /** Lays out the window around `row` (a jump to it), the view on its way there. */
  jumpTo(part: Span, row: number): void {
    this.#base = Math.max(0, row - part.start - Math.floor(this.size / 2));
    this.#arrive(row);
  }

  /**
   * Rows `start` to `end` (exclusive) are rendered. False while the view is on its way to a row it
   * was sent to: the rows passed are not worth fetching. Else true; and near the window's edge the
   * window moves by half its size, after which `keep` is called to scroll back to the top row.
   */
  shown(part: Span, start: number, end: number, keep: (row: number) => void): boolean {
    if (this.#arriving !== null) {
      if (this.#arriving < start || this.#arriving >= end) return false;
      this.#arriving = null;
    }
    const win = this.of(part);
    const at = win.start - part.start;
    if (end >= win.start + win.count - this.edge && at + win.count < part.count)
      this.#move(at + this.size / 2, keep);
    else if (start <= win.start + this.edge && at > 0) this.#move(at - this.size / 2, keep);
    return true;
  }

  #move(to: number, keep: (row: number) => void): void {
    const row = this.top;
    this.#arrive(row);
    this.#base = Math.max(0, to);
    void tick().then(() => keep(row));
  }

  #arrive(row: number): void {
    this.#arriving = row;
    clearTimeout(this.#timer);
    // Should the view never get there (a list that changed meanwhile), scrolling moves windows again.
    this.#timer = setTimeout(() => (this.#arriving = null), ARRIVAL_MS);
  }
}
