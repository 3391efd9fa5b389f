/**
 * A long list held as the pages a view has asked for: any row's page can be fetched, in any order,
 * so a list of 100,000 entries shows its end without loading what lies before it. The total comes
 * with every page. A reload fetches the pages of the rows in view again and swaps them in at once (the
 * old rows stay on screen until then); answers of an older generation (before a reset or reload) are
 * dropped, so a slow page of another filter never lands in this one.
 */

/* eslint-disable svelte/prefer-svelte-reactivity -- the pages' map is replaced whole ($state.raw),
   never changed in place; the map of pages under way is bookkeeping that no view reads. */

export interface Page<T> {
  rows: T[];
  total: number;
}

/** Fetches `limit` rows from `offset`; `first` is the first page of a (re)load. Undefined: failed. */
export type FetchPage<T> = (offset: number, limit: number, first: boolean) => Promise<Page<T> | undefined>;

export class PagedList<T> {
  readonly pageSize: number;
  readonly #fetch: FetchPage<T>;
  #pages = $state.raw(new Map<number, T[]>());
  #total = $state(0);
  #loaded = $state(false);
  #pending = $state(0);
  #generation = 0;
  #inflight = new Map<number, Promise<void>>();

  constructor(pageSize: number, fetch: FetchPage<T>) {
    this.pageSize = pageSize;
    this.#fetch = fetch;
  }

  get total(): number {
    return this.#total;
  }

  /** Whether a first page has come (the total is known). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** The loaded pages by number: a new map whenever rows come or go (a view lays them out again). */
  get pages(): ReadonlyMap<number, readonly T[]> {
    return this.#pages;
  }

  /** Whether a page is being fetched. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Row `index`, or undefined while its page is not loaded. */
  at(index: number): T | undefined {
    return this.#pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Fetches the pages holding rows `start` to `end` (exclusive) that are not loaded or coming. */
  async ensure(start: number, end: number): Promise<void> {
    const generation = this.#generation;
    const work: Promise<void>[] = [];
    for (const p of this.#pagesOf(start, end)) {
      if (this.#pages.has(p)) continue;
      let pending = this.#inflight.get(p);
      if (!pending) {
        pending = this.#track(this.#fetch(p * this.pageSize, this.pageSize, false)).then((page) => {
          this.#inflight.delete(p);
          if (!page || generation !== this.#generation) return;
          this.#pages = new Map(this.#pages).set(p, page.rows);
          this.#total = page.total;
        });
        this.#inflight.set(p, pending);
      }
      work.push(pending);
    }
    await Promise.all(work);
  }

  /**
   * Fetches the pages of rows `start` to `end` again (the list changed, or another filter: then after
   * `reset`) and puts them in place of everything loaded. Pages past the new end are not asked for;
   * when the list got shorter than where the view was, the view's own `ensure` asks for what it then
   * shows.
   */
  async reload(start = 0, end = this.pageSize): Promise<void> {
    const generation = ++this.#generation;
    this.#inflight.clear();
    const wanted = this.#pagesOf(start, Math.max(end, start + 1));
    const fresh = new Map<number, T[]>();
    let total: number | undefined;
    // The first page tells the total: pages beyond it are not fetched.
    for (const [i, p] of wanted.entries()) {
      if (total !== undefined && p * this.pageSize >= total) break;
      const page = await this.#track(this.#fetch(p * this.pageSize, this.pageSize, i === 0));
      if (generation !== this.#generation) return;
      if (!page) {
        if (total === undefined) return;
        break;
      }
      fresh.set(p, page.rows);
      total = page.total;
    }
    this.#pages = fresh;
    this.#total = total ?? 0;
    this.#loaded = true;
  }

  /** Forgets every row (another filter): nothing is shown until the next reload. */
  reset(): void {
    this.#generation++;
    this.#inflight.clear();
    this.#pages = new Map();
    this.#total = 0;
    this.#loaded = false;
  }

  #pagesOf(start: number, end: number): number[] {
    const first = Math.max(0, Math.floor(start / this.pageSize));
    const last = Math.max(first, Math.floor((Math.max(end, 1) - 1) / this.pageSize));
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }

  async #track<R>(work: Promise<R>): Promise<R> {
    this.#pending++;
    try {
      return await work;
    } finally {
      this.#pending--;
    }
  }
}
