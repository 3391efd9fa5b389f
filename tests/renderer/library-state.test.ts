// @vitest-environment jsdom
/**
 * The library's state, split by concern, against a fake core: the core's events reach the right
 * part; the listing's next page is one request however often it is asked for; a bookmark removed from
 * any list comes back with Ctrl+Z (the app's one undo stack), and an import reloads what was loaded.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleMeta, Bookmark, BookmarkEntry } from '$contract';
import { appInfo } from '../../src-renderer/src/lib/state/app-info.svelte';
import { articles } from '../../src-renderer/src/lib/state/articles.svelte';
import { bookmarks } from '../../src-renderer/src/lib/state/bookmarks.svelte';
import { listenToLibrary, resetLibrary } from '../../src-renderer/src/lib/state/library.svelte';
import { sources } from '../../src-renderer/src/lib/state/sources.svelte';
import { toasts } from '../../src-renderer/src/lib/state/toasts.svelte';
import { resetBridge, useFakeBridge } from './fake-bridge';

const meta = (n: number): ArticleMeta => ({
  id: n.toString(16).padStart(16, '0'),
  title: `标题 ${n}`,
  kind: 'full',
  sources: [],
});

describe('library state', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    resetLibrary();
    toasts.reset();
  });
  afterEach(() => {
    resetBridge();
    vi.useRealTimers();
  });

  it('routes the core events to app info and importing', () => {
    const bridge = useFakeBridge();
    const stop = listenToLibrary();
    bridge.emit('search:indexing', { done: 3, total: 10 });
    expect(appInfo.indexing).toEqual({ done: 3, total: 10 });
    bridge.emit('search:indexing', { done: 10, total: 10 });
    expect(appInfo.indexing).toBeNull();
    bridge.emit('import:progress', { done: 1, total: 4 });
    expect(sources.progress).toEqual({ done: 1, total: 4 });
    stop();
    bridge.emit('import:progress', { done: 2, total: 4 });
    expect(sources.progress).toEqual({ done: 1, total: 4 });
  });

  it('loads just the pages of the rows shown, each once, however often they are asked for', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => meta(i + 1));
    const bridge = useFakeBridge({
      'archive:list': ({ offset = 0, limit = 2000 }) => ({
        articles: all.slice(offset, offset + limit),
        total: all.length,
        counts: { readable: all.length, headlines: 0 },
      }),
    });
    await articles.load();
    expect(articles.total).toBe(2500);
    expect(articles.at(0)?.id).toBe(all[0]!.id);
    expect(articles.at(2400)).toBeUndefined();
    // A jump far down fetches the page holding the row, not what lies before it.
    await Promise.all([articles.show(2300, 2420), articles.ensure(2400), articles.ensure(2499)]);
    expect(articles.at(2400)?.id).toBe(all[2400]!.id);
    expect(articles.at(1200)).toBeUndefined();
    expect(bridge.requests('archive:list').map((r) => r.offset ?? 0)).toEqual([0, 2000]);
  });

  it('removes a bookmark from a list and puts it back with Ctrl+Z', async () => {
    const article = meta(1);
    const stored: BookmarkEntry = {
      articleId: article.id,
      createdAt: '2024-01-01T00:00:00Z',
      tags: ['党建'],
      article,
    };
    let held: BookmarkEntry[] = [stored];
    const bridge = useFakeBridge({
      'library:bookmarks': () => held,
      'library:removeBookmarks': ({ articleIds }) => {
        const removed: Bookmark[] = held.filter((b) => articleIds.includes(b.articleId));
        held = held.filter((b) => !articleIds.includes(b.articleId));
        return { removed };
      },
      'library:restore': ({ bookmarks: back = [] }) => {
        held = [...held, ...back.map((b) => ({ ...b, tags: b.tags ?? [], article }))];
        return { bookmarks: back.length, annotations: 0 };
      },
    });
    await bookmarks.load();
    expect(bookmarks.tags).toEqual([{ tag: '党建', count: 1 }]);
    await bookmarks.toggle(article);
    expect(bookmarks.ids.has(article.id)).toBe(false);
    expect(await toasts.undoNewest()).toBe(true);
    expect(bookmarks.ids.has(article.id)).toBe(true);
    expect(bridge.requests('library:restore')[0]?.bookmarks?.[0]?.tags).toEqual(['党建']);
  });

  it('reloads what was loaded after an import, and reports a failed one', async () => {
    const bridge = useFakeBridge({
      'archive:import': () => {
        throw new Error('disk gone');
      },
      'archive:sourcesPage': () => ({
        sources: [],
        total: 0,
        counts: { all: 0, imported: 0, unchanged: 0, duplicate: 0, rejected: 0 },
      }),
      'app:info': () => ({ articles: 1 }) as never,
      'library:bookmarks': () => [],
    });
    await bookmarks.load();
    const report = await sources.importPaths(['/x']);
    expect(report).toBeUndefined();
    expect(sources.importing).toBe(false);
    expect(bridge.calls.map((c) => c.channel)).toEqual([
      'library:bookmarks',
      'archive:import',
      'archive:sourcesPage',
      'app:info',
      'library:bookmarks',
    ]);
    expect(toasts.items.map((t) => t.kind)).toEqual(['error']);
  });
});
