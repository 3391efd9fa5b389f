/**
 * Bookmark tags and notes saved as typed (#17 item 2): an edit is kept in local storage at once,
 * written after the pause or at once on flush, a newer edit made while writing stays pending, a
 * failed write stays stored, and what a reload finds stored is offered back.
 */
// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookmarkDrafts, type BookmarkDraft } from '../../src-renderer/src/lib/state/bookmark-drafts';

const KEY = 'yuelan.bookmarkDrafts';

describe('BookmarkDrafts', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('stores at once, writes the last edit after the pause, then forgets it', async () => {
    const saved: [string, BookmarkDraft][] = [];
    const settled: boolean[] = [];
    const drafts = new BookmarkDrafts(
      async (id, d) => (saved.push([id, d]), true),
      (all) => settled.push(all),
      500,
    );
    drafts.set('a', { tags: ['党建'], note: '留' });
    drafts.set('a', { tags: ['党建'], note: '留作参考' });
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ a: { tags: ['党建'], note: '留作参考' } });
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual([['a', { tags: ['党建'], note: '留作参考' }]]);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(settled).toEqual([true]);
  });

  it('flush writes now; a failed write stays stored and is offered after a reload', async () => {
    let ok = false;
    const drafts = new BookmarkDrafts(async () => ok);
    drafts.set('b', { tags: [], note: '未保存' });
    await drafts.flush();
    expect(drafts.has('b')).toBe(true);
    const reloaded = new BookmarkDrafts(async () => true);
    expect([...reloaded.takeStored()]).toEqual([['b', { tags: [], note: '未保存' }]]);
    ok = true;
    await drafts.flush();
    expect(drafts.has('b')).toBe(false);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('keeps an edit made while the previous one is being written', async () => {
    let release: (() => void) | undefined;
    const drafts = new BookmarkDrafts(() => new Promise<boolean>((r) => (release = () => r(true))));
    drafts.set('c', { tags: ['一'], note: '' });
    const writing = drafts.flush();
    while (!release) await Promise.resolve();
    drafts.set('c', { tags: ['一', '二'], note: '' });
    release();
    await writing;
    expect(drafts.has('c')).toBe(true);
    expect(JSON.parse(localStorage.getItem(KEY)!).c.tags).toEqual(['一', '二']);
  });
});
