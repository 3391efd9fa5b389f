// @vitest-environment jsdom
/**
 * Search as you type: a burst of keystrokes sends one query, and a slow answer to an older query never
 * replaces the answer to a newer one. An empty box lists the newest articles; filters, sort and scope
 * go into the request at once and are remembered for the session.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Request } from '$contract';
import type { SearchResult } from '../../src-main/archive/search/search-types';
import {
  SEARCH_DEBOUNCE_MS,
  activeFilterCount,
  cleanFilters,
  search,
  searchRequest,
  DEFAULT_FILTERS,
} from '../../src-renderer/src/lib/state/search.svelte';
import { resetBridge, useFakeBridge } from './fake-bridge';

function result(title: string): SearchResult {
  return {
    hits: [{ article: { id: 'aaaaaaaa', title, kind: 'full', sources: [] }, score: 1, titleRanges: [] }],
    total: 1,
    tookMs: 1,
  };
}

describe('search state', () => {
  let calls: { q: string; req: Request<'archive:search'>; resolve: (r: SearchResult) => void }[];

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    useFakeBridge({
      'archive:search': (req) =>
        new Promise((resolve) => {
          calls.push({ q: req.q, req, resolve });
        }),
    });
    search.reset();
  });

  afterEach(() => {
    vi.useRealTimers();
    resetBridge();
  });

  it('debounces keystrokes into one query', async () => {
    search.setQuery('近');
    search.setQuery('近邻');
    search.setQuery('近邻党建');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    expect(calls.map((c) => c.q)).toEqual(['近邻党建']);
  });

  it('lets the newest query win over a slower older one', async () => {
    search.setQuery('党建');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    search.setQuery('近邻党建');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(result('newer'));
    await vi.advanceTimersByTimeAsync(0);
    calls[0]!.resolve(result('older'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits[0]?.article.title).toBe('newer');
    expect(search.shownQuery).toBe('近邻党建');
    expect(search.selected).toBe(0);
  });

  it('loads the next page at the loaded length, once; a new query drops a late page and starts over', async () => {
    const page = (from: number, n: number, total: number): SearchResult => ({
      hits: Array.from({ length: n }, (_, i) => ({
        article: {
          id: `a${String(from + i).padStart(7, '0')}`,
          title: `t${from + i}`,
          kind: 'full',
          sources: [],
        },
        score: 1,
        titleRanges: [],
      })),
      total,
      tookMs: 1,
    });
    search.setQuery('市');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    calls[0]!.resolve(page(0, 200, 450));
    await vi.advanceTimersByTimeAsync(0);
    const firstSet = search.resultSet;
    expect(search.more).toBe(true);
    search.selected = 150;

    void search.loadMore();
    void search.loadMore();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.req).toMatchObject({ q: '市', offset: 200, limit: 200 });
    calls[1]!.resolve(page(200, 200, 450));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits).toHaveLength(400);
    // A further page is the same result set: the selection and the scroll stay.
    expect(search.resultSet).toBe(firstSet);
    expect(search.selected).toBe(150);

    void search.loadMore();
    search.setQuery('发展');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    calls[2]!.resolve(page(400, 50, 450));
    calls[3]!.resolve(page(0, 3, 3));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits.map((h) => h.article.title)).toEqual(['t0', 't1', 't2']);
    expect(search.resultSet).toBe(firstSet + 1);
    expect(search.selected).toBe(0);
    expect(search.more).toBe(false);
  });

  it('clearing the box drops pending answers and lists the newest articles', async () => {
    search.setQuery('党建');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    search.setQuery('');
    calls[0]!.resolve(result('late'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits).toEqual([]);
    expect(search.status).toBe('searching');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.req).toMatchObject({ q: '', sort: 'newest' });
    calls[1]!.resolve(result('newest'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits[0]?.article.title).toBe('newest');
    expect(search.browsing).toBe(true);
  });

  it('a filter change searches again at once with the filter in the request', async () => {
    search.setQuery('全面');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    calls[0]!.resolve(result('any kind'));
    await vi.advanceTimersByTimeAsync(0);
    search.toggleKind('full', false);
    search.toggleKind('brief', false);
    await vi.advanceTimersByTimeAsync(0);
    // Each change sends at once; only the last one's answer counts.
    expect(calls.at(-1)!.req).toMatchObject({ q: '全面', kinds: ['headline'], sort: 'relevance' });
    calls.at(-2)!.resolve(result('older filter'));
    calls.at(-1)!.resolve(result('headlines'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits[0]?.article.title).toBe('headlines');
    expect(search.activeFilters).toBe(1);

    search.setFilter('sort', 'oldest');
    search.setFilter('scope', 'both');
    search.setFilter('from', '2022-09-10');
    search.setFilter('bookmarked', true);
    expect(calls.at(-1)!.req).toEqual({
      q: '全面',
      limit: 200,
      sort: 'oldest',
      kinds: ['headline'],
      from: '2022-09-10',
      bookmarked: true,
      scope: 'both',
    });
    // Remembered for the session.
    const stored = JSON.parse(sessionStorage.getItem('yuelan.search.filters') ?? '{}') as object;
    expect(cleanFilters(stored)).toEqual(search.filters);

    search.clearFilters();
    expect(search.filters).toEqual({ ...DEFAULT_FILTERS, scope: 'both' });
    expect(calls.at(-1)!.req).toEqual({ q: '全面', limit: 200, sort: 'relevance', scope: 'both' });
  });

  it('never unticks every kind, and keeps notes results with their own selection', async () => {
    search.toggleKind('full', false);
    search.toggleKind('brief', false);
    search.toggleKind('headline', false);
    expect(search.filters.kinds).toEqual([]);
    expect(search.kindShown('headline')).toBe(true);

    search.setFilter('scope', 'notes');
    search.setQuery('主心骨');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    const note = {
      annotation: {
        id: 'n1',
        articleId: 'aaaaaaaa',
        color: 'yellow',
        tags: [],
        target: {
          position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 3 },
          quote: { exact: '主心骨', prefix: '', suffix: '' },
        },
        createdAt: '2024-01-01T00:00:00Z',
        updatedAt: '2024-01-01T00:00:00Z',
      },
      score: 2,
      context: { text: '主心骨', ranges: [[0, 3]] },
    };
    calls.at(-1)!.resolve({
      hits: [],
      total: 0,
      tookMs: 1,
      notes: [note, { ...note, annotation: { ...note.annotation, id: 'n2' } }],
    } as SearchResult);
    await vi.advanceTimersByTimeAsync(0);
    expect(search.activeList).toBe('notes');
    expect(search.noteSelected).toBe(0);
    search.move(1);
    search.move(1);
    expect(search.noteSelected).toBe(1);
    expect(search.selected).toBe(-1);
  });
});

describe('search request', () => {
  it('lists newest first when nothing is typed, and orders a reversed date range', () => {
    expect(searchRequest('', DEFAULT_FILTERS)).toEqual({ q: '', limit: 200, sort: 'newest' });
    expect(searchRequest('', { ...DEFAULT_FILTERS, sort: 'oldest' }).sort).toBe('oldest');
    expect(searchRequest('x', { ...DEFAULT_FILTERS, from: '2022-09-30', to: '2022-09-01' })).toMatchObject({
      from: '2022-09-01',
      to: '2022-09-30',
    });
    // Every kind ticked is no filter at all.
    expect(
      searchRequest('x', { ...DEFAULT_FILTERS, kinds: ['full', 'brief', 'headline'] }),
    ).not.toHaveProperty('kinds');
  });

  it('cleans stored filters and counts the active ones', () => {
    expect(
      cleanFilters({ kinds: ['full', 'bogus'], from: '2022-9-1', sort: 'random', scope: 'notes' }),
    ).toEqual({
      ...DEFAULT_FILTERS,
      kinds: ['full'],
      scope: 'notes',
    });
    expect(cleanFilters('nonsense')).toEqual(DEFAULT_FILTERS);
    expect(
      activeFilterCount({ ...DEFAULT_FILTERS, from: '2022-09-01', to: '2022-09-02', annotated: true }),
    ).toBe(2);
    // A sort other than relevance counts; the scope, always in sight, does not.
    expect(activeFilterCount({ ...DEFAULT_FILTERS, sort: 'newest', scope: 'notes' })).toBe(1);
  });
});
