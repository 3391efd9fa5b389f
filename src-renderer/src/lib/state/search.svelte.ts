/**
 * The search box, its filters and its results. Typing schedules a query after a short pause; every
 * query carries a generation number and only the newest one may write results, so a slow early answer
 * never replaces a later one. An empty box lists the newest articles that pass the filters. Results
 * come a page at a time: the list asks for the next page as it nears the end, to the true end. Each
 * new query, sort or filter is a new result set (`resultSet`): the list goes back to the top with the
 * first result selected. Filters, sort and scope are remembered for the session (sessionStorage).
 */
import type {
  ArticleKind,
  ArticleKinds,
  KindCounts,
  NoteResult,
  Request,
  SearchHit,
  SearchScope,
  SearchScopes,
  SearchSort,
  SearchSorts,
} from '$contract';
import { call } from '../api';

export const SEARCH_DEBOUNCE_MS = 120;
/** Results asked for at a time. */
export const PAGE = 200;
/** Files the source filter offers at once: past that, typing in its find box narrows them. */
export const SOURCE_CHOICES = 300;
const STORAGE_KEY = 'yuelan.search.filters';

export const KINDS: ArticleKinds = ['full', 'brief', 'headline'];
export const SORTS: SearchSorts = ['relevance', 'newest', 'oldest'];
export const SCOPES: SearchScopes = ['articles', 'notes', 'both'];

export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

export interface SearchFilters {
  /** Kinds to show; empty means every kind. */
  kinds: ArticleKind[];
  /** Inclusive days, YYYY-MM-DD, or '' for open. */
  from: string;
  to: string;
  bookmarked: boolean;
  annotated: boolean;
  /** A source file path, or '' for every source. */
  source: string;
  sort: SearchSort;
  scope: SearchScope;
}

export const DEFAULT_FILTERS: SearchFilters = {
  kinds: [],
  from: '',
  to: '',
  bookmarked: false,
  annotated: false,
  source: '',
  sort: 'relevance',
  scope: 'articles',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Keeps only well-formed values from whatever was stored; anything else falls back to the default. */
export function cleanFilters(raw: unknown): SearchFilters {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof SearchFilters, unknown>>;
  const kinds = Array.isArray(r.kinds) ? KINDS.filter((k) => (r.kinds as unknown[]).includes(k)) : [];
  return {
    kinds: kinds.length === KINDS.length ? [] : kinds,
    from: typeof r.from === 'string' && DAY.test(r.from) ? r.from : '',
    to: typeof r.to === 'string' && DAY.test(r.to) ? r.to : '',
    bookmarked: r.bookmarked === true,
    annotated: r.annotated === true,
    source: typeof r.source === 'string' ? r.source : '',
    sort: SORTS.includes(r.sort as SearchSort) ? (r.sort as SearchSort) : 'relevance',
    scope: SCOPES.includes(r.scope as SearchScope) ? (r.scope as SearchScope) : 'articles',
  };
}

/** The 'archive:search' request for a query under these filters. */
export function searchRequest(q: string, f: SearchFilters, limit = PAGE): Request<'archive:search'> {
  // With nothing typed there is nothing to rank by relevance: list the newest first.
  const sort = !q && f.sort === 'relevance' ? 'newest' : f.sort;
  let { from, to } = f;
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q,
    limit,
    sort,
    ...(f.kinds.length > 0 && f.kinds.length < KINDS.length ? { kinds: [...f.kinds] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(f.bookmarked ? { bookmarked: true } : {}),
    ...(f.annotated ? { annotated: true } : {}),
    ...(f.scope !== 'articles' ? { scope: f.scope } : {}),
  };
}

/** How many of the tucked-away settings (all but scope) differ from the defaults. */
export function activeFilterCount(f: SearchFilters): number {
  return (
    (f.sort !== 'relevance' ? 1 : 0) +
    (f.kinds.length > 0 ? 1 : 0) +
    (f.from || f.to ? 1 : 0) +
    (f.bookmarked ? 1 : 0) +
    (f.annotated ? 1 : 0) +
    (f.source ? 1 : 0)
  );
}

function loadStored(): { filters: SearchFilters; open: boolean } {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    const open = !!stored && typeof stored === 'object' && (stored as { open?: unknown }).open === true;
    return { filters: cleanFilters(stored), open };
  } catch {
    return { filters: { ...DEFAULT_FILTERS }, open: false };
  }
}

const stored = loadStored();

class SearchState {
  query = $state('');
  filters = $state.raw<SearchFilters>(stored.filters);
  /** Whether the filter panel is unfolded (remembered with the filters). */
  filtersOpen = $state(stored.open);
  hits = $state.raw<SearchHit[]>([]);
  notes = $state.raw<NoteResult[]>([]);
  /** Entries in all (the hits are the pages loaded so far), and by kind. */
  total = $state(0);
  counts = $state.raw<KindCounts | null>(null);
  /** Counts the result sets shown: a new one (not a further page) starts the list at the top. */
  resultSet = $state(0);
  suggestions = $state.raw<string[]>([]);
  status = $state<SearchStatus>('idle');
  error = $state<string | null>(null);
  /** Selected row among the article hits, and among the notes. */
  selected = $state(-1);
  noteSelected = $state(-1);
  /** The query whose results are shown (may lag `query` while typing). */
  shownQuery = $state('');
  /**
   * The source filter's choices: the first files (those that gave articles) whose path holds what was
   * typed in its find box, and how many match in all.
   */
  sources = $state.raw<{ paths: string[]; total: number }>({ paths: [], total: 0 });
  #sourcesAsked = 0;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  /** The request whose results are shown, for their next pages. */
  #shown: Request<'archive:search'> | null = null;
  #loadingMore: Promise<void> | null = null;

  /** Whether the results list the newest articles (nothing typed) rather than matches. */
  get browsing(): boolean {
    return this.shownQuery === '' && this.status !== 'idle';
  }

  get activeFilters(): number {
    return activeFilterCount(this.filters);
  }

  /** Where arrow keys in the box move: the article hits, or the notes when there are no hits. */
  get activeList(): 'hits' | 'notes' {
    return this.hits.length === 0 && this.notes.length > 0 ? 'notes' : 'hits';
  }

  setQuery(q: string): void {
    this.query = q;
    this.#schedule(SEARCH_DEBOUNCE_MS);
  }

  /** Changes one filter and searches again at once. */
  setFilter<K extends keyof SearchFilters>(key: K, value: SearchFilters[K]): void {
    this.filters = cleanFilters({ ...this.filters, [key]: value });
    this.#save();
    this.#schedule(0);
  }

  toggleKind(kind: ArticleKind, on: boolean): void {
    const shown = this.filters.kinds.length === 0 ? [...KINDS] : this.filters.kinds;
    const next = on ? [...new Set([...shown, kind])] : shown.filter((k) => k !== kind);
    // Unticking the last kind would show nothing: that reads as "every kind" again.
    this.setFilter('kinds', next.length === KINDS.length ? [] : next);
  }

  /** Whether a kind is shown (every kind is, when none is singled out). */
  kindShown(kind: ArticleKind): boolean {
    return this.filters.kinds.length === 0 || this.filters.kinds.includes(kind);
  }

  /** Clears the tucked-away filters and sort; the scope stays as chosen. */
  clearFilters(): void {
    this.filters = { ...DEFAULT_FILTERS, scope: this.filters.scope };
    this.#save();
    this.#schedule(0);
  }

  setFiltersOpen(open: boolean): void {
    this.filtersOpen = open;
    this.#save();
  }

  /** Runs the current query again now (first show, or after the archive changed). */
  refresh(): void {
    this.#schedule(0);
  }

  /** The source filter's choices for what is typed in its find box (the newest answer wins). */
  async loadSources(q = ''): Promise<void> {
    const asked = ++this.#sourcesAsked;
    const needle = q.trim();
    try {
      const page = await call('archive:sourcesPage', {
        limit: SOURCE_CHOICES,
        withArticles: true,
        ...(needle ? { q: needle } : {}),
      });
      if (asked === this.#sourcesAsked)
        this.sources = { paths: page.sources.map((s) => s.path), total: page.total };
    } catch {
      // The filter keeps its last list; the search itself reports errors.
    }
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    // A pending answer for an older query must not land while the next one waits.
    this.#generation++;
    this.status = 'searching';
    const q = this.query.trim();
    if (delay <= 0) void this.run(q);
    else this.#timer = setTimeout(() => void this.run(q), delay);
  }

  async run(q: string): Promise<void> {
    const generation = ++this.#generation;
    this.status = 'searching';
    try {
      const request = searchRequest(q, this.filters);
      const result = await call('archive:search', request);
      if (generation !== this.#generation) return;
      this.#shown = request;
      this.#loadingMore = null;
      this.hits = result.hits;
      // The core applies the filters to the notes too, before the limit.
      this.notes = result.notes ?? [];
      this.total = result.total;
      this.counts = result.counts ?? null;
      this.resultSet++;
      this.suggestions = result.suggestions ?? [];
      this.selected = result.hits.length > 0 ? 0 : -1;
      this.noteSelected = result.hits.length === 0 && this.notes.length > 0 ? 0 : -1;
      this.status = 'done';
      this.error = null;
      // Only punctuation typed ("?", "，"): shown as the empty query's list, not as matches.
      this.shownQuery = result.blank ? '' : q;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Whether more results exist than are loaded. */
  get more(): boolean {
    return this.status === 'done' && this.hits.length < this.total;
  }

  /** Loads the next page of the shown results; concurrent calls share one request. */
  loadMore(): Promise<void> {
    const request = this.#shown;
    if (!request || !this.more) return Promise.resolve();
    this.#loadingMore ??= this.#loadPage(request).finally(() => (this.#loadingMore = null));
    return this.#loadingMore;
  }

  async #loadPage(request: Request<'archive:search'>): Promise<void> {
    const generation = this.#generation;
    const offset = this.hits.length;
    try {
      const result = await call('archive:search', { ...request, offset });
      // A new query meanwhile, or another page landed first: this one is not wanted.
      if (generation !== this.#generation || this.#shown !== request || this.hits.length !== offset) return;
      this.hits = [...this.hits, ...result.hits];
      this.total = result.total;
      this.counts = result.counts ?? this.counts;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  move(delta: number): void {
    if (this.activeList === 'notes') {
      this.noteSelected = Math.min(this.notes.length - 1, Math.max(0, this.noteSelected + delta));
      return;
    }
    if (this.hits.length === 0) return;
    const next = this.selected + delta;
    this.selected = Math.min(this.hits.length - 1, Math.max(0, next));
  }

  #save(): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...this.filters, open: this.filtersOpen }));
    } catch {
      // Without storage the filters still hold for this page's lifetime.
    }
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#generation++;
    this.query = '';
    this.filters = { ...DEFAULT_FILTERS };
    this.filtersOpen = false;
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
    this.hits = [];
    this.notes = [];
    this.total = 0;
    this.counts = null;
    this.#shown = null;
    this.#loadingMore = null;
    this.suggestions = [];
    this.status = 'idle';
    this.error = null;
    this.selected = -1;
    this.noteSelected = -1;
    this.shownQuery = '';
  }
}

export const search = new SearchState();
