// @vitest-environment jsdom
/**
 * Search as you type: a burst of keystrokes sends one query, and a slow answer to an older query never
 * replaces the answer to a newer one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { YuelanBridge } from '../../src-main/api/bridge';
import type { SearchResult } from '../../src-main/archive/search/search-types';
import { setBridge } from '../../src-renderer/src/lib/api';
import { SEARCH_DEBOUNCE_MS, search } from '../../src-renderer/src/lib/state/search.svelte';

function result(title: string): SearchResult {
  return {
    hits: [{ article: { id: 'aaaaaaaa', title, kind: 'full', sources: [] }, score: 1, titleRanges: [] }],
    total: 1,
    tookMs: 1,
  };
}

describe('search state', () => {
  let calls: { q: string; resolve: (r: SearchResult) => void }[];

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    const bridge = {
      shell: 'serve',
      on: () => () => {},
      invoke: (_channel: string, req: { q: string }) =>
        new Promise((resolve) => {
          calls.push({ q: req.q, resolve: (value) => resolve({ ok: true, value }) });
        }),
    } as unknown as YuelanBridge;
    setBridge(bridge);
    search.reset();
  });

  afterEach(() => {
    vi.useRealTimers();
    setBridge(undefined);
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

  it('clearing the box drops pending answers', async () => {
    search.setQuery('党建');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5);
    search.setQuery('');
    calls[0]!.resolve(result('late'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits).toEqual([]);
    expect(search.status).toBe('idle');
  });
});
