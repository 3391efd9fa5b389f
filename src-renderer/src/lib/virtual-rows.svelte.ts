/**
 * Svelte 5 state over @tanstack/virtual-core: which rows of a long list to render, where they start
 * and how tall the whole list is, kept as `$state` that the virtualizer's onChange refreshes. The
 * list sits inside a scrolling ancestor (not its own scroller), possibly below other content: that
 * offset is the virtualizer's scroll margin, measured again when the scroller resizes.
 *
 * The virtualizer measures rendered rows (`measure`), keeps the view steady when rows above it change
 * height, and places a row it scrolled to again while the rows around it are measured.
 */
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualItem,
} from '@tanstack/virtual-core';

export interface VirtualRowsOptions {
  count: number;
  /** Height of row `index` before it is measured. */
  estimate: (index: number) => number;
  /** A stable key per row, so measured heights survive new arrays (a page appended). */
  key: (index: number) => string;
  /** Rows rendered beyond each side of the viewport. */
  overscan: number;
  /** Room kept above a row revealed at the top (a sticky header). */
  scrollPaddingStart?: number;
}

export type { VirtualItem };

/** Rows rendered when there is no layout to measure a viewport in. */
const FALLBACK_ROWS = 60;

export class VirtualRows {
  readonly #virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  #options: () => VirtualRowsOptions;
  #scroller: HTMLElement | null = null;
  #list: HTMLElement | null = null;
  #items = $state.raw<VirtualItem[]>([]);
  #total = $state(0);
  #margin = $state(0);
  #offset = $state(0);
  #viewport = $state(0);

  constructor(options: () => VirtualRowsOptions) {
    this.#options = options;
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      ...this.#core(),
      getScrollElement: () => this.#scroller,
      scrollToFn: elementScroll,
      observeElementRect: (instance, cb) =>
        observeElementRect(instance, (rect) => {
          this.#viewport = rect.height;
          cb(rect);
        }),
      observeElementOffset: (instance, cb) =>
        observeElementOffset(instance, (offset, scrolling) => {
          this.#offset = offset;
          cb(offset, scrolling);
        }),
      indexAttribute: 'data-row',
      onChange: () => this.#sync(),
    });
  }

  #core(): {
    count: number;
    estimateSize: (i: number) => number;
    getItemKey: (i: number) => string;
    overscan: number;
    scrollMargin: number;
    scrollPaddingStart: number;
  } {
    const o = this.#options();
    return {
      count: o.count,
      estimateSize: o.estimate,
      getItemKey: o.key,
      overscan: o.overscan,
      scrollMargin: this.#margin,
      scrollPaddingStart: o.scrollPaddingStart ?? 0,
    };
  }

  #sync(): void {
    // Without a layout (no scroller, or one of no height: tests, a hidden pane) the first rows stand in.
    this.#items =
      this.#scroller && this.#viewport > 0 ? this.#virtualizer.getVirtualItems() : this.#firstRows();
    this.#total = this.#virtualizer.getTotalSize();
  }

  /** The first rows at their estimated heights. */
  #firstRows(): VirtualItem[] {
    const o = this.#options();
    const out: VirtualItem[] = [];
    let start = this.#margin;
    for (let index = 0; index < Math.min(o.count, FALLBACK_ROWS); index++) {
      const size = o.estimate(index);
      out.push({ key: o.key(index), index, start, end: start + size, size, lane: 0 });
      start += size;
    }
    return out;
  }

  /** The rows to render, in order, each with where it starts (scroll margin included). */
  get items(): VirtualItem[] {
    return this.#items;
  }

  /** Room above the first rendered row, inside the list. */
  get padStart(): number {
    const first = this.#items[0];
    return first ? first.start - this.#margin : 0;
  }

  /** Room below the last rendered row, inside the list. */
  get padEnd(): number {
    const last = this.#items.at(-1);
    return last ? Math.max(0, this.#total - (last.end - this.#margin)) : 0;
  }

  /** The scroller's height (0 before there is a layout). */
  get viewport(): number {
    return this.#viewport;
  }

  /** The row at the top of the viewport. */
  get topRow(): number {
    const at = this.#virtualizer.getVirtualItemForOffset(Math.max(this.#margin, this.#offset));
    return at?.index ?? 0;
  }

  /**
   * Starts following the list's scrolling ancestor; returns the function that stops it. `above`, when
   * given, is an element whose size changes when what sits above the list does (an import report
   * appearing over a list of sources): the list's offset is measured again then too.
   */
  attach(list: HTMLElement, above?: HTMLElement | null): () => void {
    this.#list = list;
    this.#scroller = scrollingAncestor(list);
    const stop = this.#virtualizer._didMount();
    this.#measureMargin();
    this.#virtualizer._willUpdate();
    const observer =
      this.#scroller && typeof ResizeObserver !== 'undefined'
        ? new ResizeObserver(() => this.#measureMargin())
        : null;
    if (this.#scroller) observer?.observe(this.#scroller);
    if (above) observer?.observe(above);
    this.#sync();
    return () => {
      observer?.disconnect();
      stop();
      this.#scroller = null;
      this.#list = null;
    };
  }

  /** The options changed (rows added, another estimate): the window is worked out again. */
  update(): void {
    this.#virtualizer.setOptions({ ...this.#virtualizer.options, ...this.#core() });
    this.#virtualizer._willUpdate();
    this.#sync();
  }

  #measureMargin(): void {
    const scroller = this.#scroller;
    const list = this.#list;
    if (!scroller || !list) return;
    const outer = scroller.getBoundingClientRect();
    const inner = list.getBoundingClientRect();
    const margin = Math.round(inner.top - outer.top - scroller.clientTop + scroller.scrollTop);
    if (margin !== this.#margin) {
      this.#margin = margin;
      this.update();
    }
  }

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rows waiting to be measured: no view reads it
  #unmeasured = new Set<HTMLElement>();

  /**
   * Measures a rendered row (it carries its index in `data-row`); a Svelte attachment. The rows
   * rendered in one update are measured together once it is done: measuring each as it is attached
   * made the browser lay out the page again for every row (a few hundred milliseconds on a window
   * of twenty).
   */
  measure = (element: HTMLElement): void => {
    if (typeof ResizeObserver === 'undefined') return;
    this.#unmeasured.add(element);
    if (this.#unmeasured.size === 1) queueMicrotask(() => this.#measureAll());
  };

  #measureAll(): void {
    const rows = [...this.#unmeasured];
    this.#unmeasured.clear();
    for (const row of rows) if (row.isConnected) this.#virtualizer.measureElement(row);
  }

  /** Scrolls row `index` to the top (under `scrollPaddingStart`), or just into view ('auto'). */
  scrollTo(index: number, align: 'start' | 'auto'): void {
    if (!this.#scroller) return;
    this.#virtualizer.scrollToIndex(index, { align });
  }

  /** Stops placing a row scrolled to (the user took over). */
  cancelScroll(): void {
    this.#virtualizer.cancelScroll();
  }
}

/** The nearest ancestor that scrolls vertically. */
function scrollingAncestor(from: HTMLElement): HTMLElement | null {
  for (let el = from.parentElement; el; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return el;
  }
  return null;
}
