/**
 * The All articles listing, newest first, and the entries per day that the timeline strip shows. The
 * listing is held as the pages a view asked for (PagedList): any row can be fetched by its place, so a
 * day far down a list of millions is shown without loading what lies before it. A headline listed by
 * several pages is one entry (the core folds them); "readable only" leaves out the headline-only
 * entries from both, and is remembered in the library's settings.
 */
import type { ArticleMeta, KindCounts, ListedArticle } from '$contract';
import { archiveDay } from '../../../../src-shared/archive-day';
import { call } from '../api';
import { PagedList, type Page } from '../paged-list.svelte';
import { guarded } from './guarded';

const PAGE = 500;

export interface DayCount {
  day: string;
  count: number;
}

class ArticlesState {
  #counts = $state.raw<KindCounts | null>(null);
  #readable = $state(false);
  #readableKnown = false;
  #days = $state.raw<DayCount[]>([]);
  #daysLoaded = $state(false);
  #error = $state<string | null>(null);
  /** The rows a view shows, loaded again after a change. */
  #view = { start: 0, end: PAGE };
  readonly rows = new PagedList<ListedArticle>(PAGE, (offset, limit) => this.#fetch(offset, limit));

  /**
   * The part of the listing the All articles view shows (all of it, or a timeline range), so j and k
   * step inside it.
   */
  shown = $state.raw<{ start: number; count: number }>({ start: 0, count: Number.MAX_SAFE_INTEGER });

  /** Row `index` of the listing, or undefined while its page is on its way. */
  at(index: number): ListedArticle | undefined {
    return this.rows.at(index);
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
    this.#view = { start: 0, end: PAGE };
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

  /** Entries in the listing. */
  get total(): number {
    return this.rows.total;
  }

  get loaded(): boolean {
    return this.rows.loaded;
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

  async #fetch(offset: number, limit: number): Promise<Page<ListedArticle> | undefined> {
    const readable = this.#readable;
    const page = await this.#guard(() => call('archive:list', { offset, limit, sort: 'newest', readable }));
    // The choice changed meanwhile: that answer is of another list.
    if (!page || readable !== this.#readable) return undefined;
    this.#counts = page.counts;
    return { rows: page.articles, total: page.total };
  }

  /** Loads the rows in view again (the first page at first). */
  async load(): Promise<void> {
    await this.#knowReadable();
    await this.rows.reload(this.#view.start, this.#view.end);
  }

  /** A view shows rows `start` to `end` (exclusive): their pages are fetched if need be. */
  show(start: number, end: number): Promise<void> {
    this.#view = { start, end };
    return this.rows.ensure(start, end);
  }

  /** Makes sure rows `start` to `end` (exclusive) are loaded (a timeline jump, a step past the window). */
  ensure(start: number, end = start + 1): Promise<void> {
    return this.rows.ensure(start, end);
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
      this.rows.loaded ? this.load() : undefined,
      this.#daysLoaded ? this.loadDays() : undefined,
    ]);
  }

  reset(): void {
    this.rows.reset();
    this.#view = { start: 0, end: PAGE };
    this.shown = { start: 0, count: Number.MAX_SAFE_INTEGER };
    this.#counts = null;
    this.#readable = false;
    this.#readableKnown = false;
    this.#days = [];
    this.#daysLoaded = false;
    this.#error = null;
  }
}

export const articles = new ArticlesState();
