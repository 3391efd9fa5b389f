/**
 * The search box and its results. Typing schedules a query after a short pause; every query carries a
 * generation number and only the newest one may write results, so a slow early answer never replaces
 * a later one.
 */
import type { SearchHit } from '../../../../src-main/archive/search/search-types';
import { call } from '../api';

export const SEARCH_DEBOUNCE_MS = 120;
const LIMIT = 200;

export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

class SearchState {
  query = $state('');
  hits = $state.raw<SearchHit[]>([]);
  total = $state(0);
  suggestions = $state.raw<string[]>([]);
  status = $state<SearchStatus>('idle');
  error = $state<string | null>(null);
  selected = $state(-1);
  /** The query whose results are shown (may lag `query` while typing). */
  shownQuery = $state('');

  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  setQuery(q: string): void {
    this.query = q;
    clearTimeout(this.#timer);
    const trimmed = q.trim();
    if (!trimmed) {
      this.#generation++;
      this.hits = [];
      this.total = 0;
      this.suggestions = [];
      this.status = 'idle';
      this.error = null;
      this.selected = -1;
      this.shownQuery = '';
      return;
    }
    this.status = 'searching';
    this.#timer = setTimeout(() => void this.run(trimmed), SEARCH_DEBOUNCE_MS);
  }

  async run(q: string): Promise<void> {
    const generation = ++this.#generation;
    try {
      const result = await call('archive:search', { q, limit: LIMIT });
      if (generation !== this.#generation) return;
      this.hits = result.hits;
      this.total = result.total;
      this.suggestions = result.suggestions ?? [];
      this.selected = result.hits.length > 0 ? 0 : -1;
      this.status = 'done';
      this.error = null;
      this.shownQuery = q;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  move(delta: number): void {
    if (this.hits.length === 0) return;
    const next = this.selected + delta;
    this.selected = Math.min(this.hits.length - 1, Math.max(0, next));
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#generation++;
    this.query = '';
    this.hits = [];
    this.total = 0;
    this.suggestions = [];
    this.status = 'idle';
    this.error = null;
    this.selected = -1;
    this.shownQuery = '';
  }
}

export const search = new SearchState();
