/**
 * The All articles listing, newest first, loaded page by page, and the articles per day that the
 * timeline strip shows. Each list is replaced as a whole after a call, never mutated in place.
 */
import type { ArticleMeta } from '$contract';
import { call } from '../api';
import { archiveDay } from '../format';
import { guarded } from './guarded';

const PAGE = 2000;

export interface DayCount {
  day: string;
  count: number;
}

class ArticlesState {
  #items = $state.raw<ArticleMeta[]>([]);
  #total = $state(0);
  #loaded = $state(false);
  #days = $state.raw<DayCount[]>([]);
  #daysLoaded = $state(false);
  #error = $state<string | null>(null);
  #loadingMore: Promise<void> | null = null;

  /** The loaded part of the listing (`total` says how long it is). */
  get items(): ArticleMeta[] {
    return this.#items;
  }

  get total(): number {
    return this.#total;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** Articles per day, newest first (the timeline strip); undated articles sort after all of them. */
  get days(): DayCount[] {
    return this.#days;
  }

  get daysLoaded(): boolean {
    return this.#daysLoaded;
  }

  get error(): string | null {
    return this.#error;
  }

  /** Index in the newest-first listing where each day's articles start. */
  readonly dayStart: Map<string, number> = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once per derivation, never mutated
    const out = new Map<string, number>();
    let at = 0;
    for (const d of this.#days) {
      out.set(d.day, at);
      at += d.count;
    }
    return out;
  });

  #guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    return guarded(work, (message) => (this.#error = message));
  }

  async load(): Promise<void> {
    const page = await this.#guard(() => call('archive:list', { limit: PAGE, sort: 'newest' }));
    if (page) {
      this.#items = page.articles;
      this.#total = page.total;
      this.#loaded = true;
    }
  }

  /** Loads the next page of the listing; concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (this.#items.length >= this.#total) return Promise.resolve();
    this.#loadingMore ??= this.#loadUpTo(this.#items.length + PAGE).finally(() => (this.#loadingMore = null));
    return this.#loadingMore;
  }

  /** Makes sure the first `count` articles of the listing are loaded (a timeline jump far down). */
  async ensure(count: number): Promise<void> {
    if (this.#loadingMore) await this.#loadingMore;
    if (count <= this.#items.length || this.#items.length >= this.#total) return;
    await this.#loadUpTo(count);
  }

  async #loadUpTo(count: number): Promise<void> {
    const offset = this.#items.length;
    const limit = Math.min(100_000, Math.max(1, count - offset));
    const page = await this.#guard(() => call('archive:list', { offset, limit, sort: 'newest' }));
    if (page && this.#items.length === offset) {
      this.#items = [...this.#items, ...page.articles];
      this.#total = page.total;
    }
  }

  async loadDays(): Promise<void> {
    const days = await this.#guard(() => call('archive:days', {}));
    if (days) {
      this.#days = days;
      this.#daysLoaded = true;
    }
  }

  /**
   * Up to `max` articles of one day, newest first, whatever part of the listing is loaded: the day's
   * place in the listing comes from the day counts, then one page of exactly that day is asked for.
   */
  async ofDay(day: string, max: number, except?: string): Promise<ArticleMeta[]> {
    if (!this.#daysLoaded) await this.loadDays();
    const offset = this.dayStart.get(day);
    const count = this.#days.find((d) => d.day === day)?.count ?? 0;
    if (offset === undefined || count === 0) return [];
    const limit = Math.min(count, max + (except ? 1 : 0));
    const page = await call('archive:list', { offset, limit, sort: 'newest' });
    return page.articles.filter((a) => a.id !== except && archiveDay(a.publishedAt) === day).slice(0, max);
  }

  /** The archive changed: what was loaded loads again. */
  async refresh(): Promise<void> {
    await Promise.all([
      this.#loaded ? this.load() : undefined,
      this.#daysLoaded ? this.loadDays() : undefined,
    ]);
  }

  reset(): void {
    this.#items = [];
    this.#total = 0;
    this.#loaded = false;
    this.#days = [];
    this.#daysLoaded = false;
    this.#error = null;
  }
}

export const articles = new ArticlesState();
