/**
 * The All articles listing, newest first, loaded page by page, and the entries per day that the
 * timeline strip shows. Each list is replaced as a whole after a call, never mutated in place. A
 * headline listed by several pages is one entry (the core folds them); "readable only" leaves out
 * the headline-only entries from both, and is remembered in the library's settings.
 */
import type { ArticleMeta, KindCounts, ListedArticle } from '$contract';
import { archiveDay } from '../../../../src-shared/archive-day';
import { call } from '../api';
import { guarded } from './guarded';

const PAGE = 2000;

export interface DayCount {
  day: string;
  count: number;
}

class ArticlesState {
  #items = $state.raw<ListedArticle[]>([]);
  #total = $state(0);
  #counts = $state.raw<KindCounts | null>(null);
  #readable = $state(false);
  #readableKnown = false;
  #loaded = $state(false);
  #days = $state.raw<DayCount[]>([]);
  #daysLoaded = $state(false);
  #error = $state<string | null>(null);
  #loadingMore: Promise<void> | null = null;

  /** The loaded part of the listing (`total` says how long it is). */
  get items(): ListedArticle[] {
    return this.#items;
  }

  /** The listing's entries by kind (articles that can be read, headline-only rows). */
  get counts(): KindCounts | null {
    return this.#counts;
  }

  /** Whether headline-only entries are left out of the listing and the timeline. */
  get readableOnly(): boolean {
    return this.#readable;
  }

  /** Shows or hides headline-only entries, remembers it, and loads the listing and days again. */
  async setReadableOnly(on: boolean): Promise<void> {
    if (on === this.#readable) return;
    this.#readable = on;
    this.#readableKnown = true;
    const saved = this.#guard(() => call('library:updateSettings', { readableOnly: on }));
    await Promise.all([saved, this.load(), this.loadDays()]);
  }

  /** The remembered choice, read once before the first listing. */
  async #knowReadable(): Promise<void> {
    if (this.#readableKnown) return;
    const settings = await this.#guard(() => call('library:settings', {}));
    if (this.#readableKnown) return;
    this.#readableKnown = true;
    this.#readable = settings?.readableOnly === true;
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
    await this.#knowReadable();
    const readable = this.#readable;
    const page = await this.#guard(() => call('archive:list', { limit: PAGE, sort: 'newest', readable }));
    // The choice changed meanwhile: that load's answer is the one to keep.
    if (page && readable === this.#readable) {
      this.#items = page.articles;
      this.#total = page.total;
      this.#counts = page.counts;
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
    const readable = this.#readable;
    const page = await this.#guard(() => call('archive:list', { offset, limit, sort: 'newest', readable }));
    if (page && this.#items.length === offset && readable === this.#readable) {
      this.#items = [...this.#items, ...page.articles];
      this.#total = page.total;
    }
  }

  async loadDays(): Promise<void> {
    await this.#knowReadable();
    const readable = this.#readable;
    const days = await this.#guard(() => call('archive:days', { readable }));
    if (days && readable === this.#readable) {
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
    const page = await call('archive:list', { offset, limit, sort: 'newest', readable: this.#readable });
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
    this.#counts = null;
    this.#readable = false;
    this.#readableKnown = false;
    this.#loaded = false;
    this.#days = [];
    this.#daysLoaded = false;
    this.#error = null;
  }
}

export const articles = new ArticlesState();
