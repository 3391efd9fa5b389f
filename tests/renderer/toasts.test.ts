/**
 * The toast queue: a toast goes away by itself, Undo runs once and dismisses it, Ctrl+Z's target is
 * the newest undo of the app's one UndoStack, and a failing undo says so instead of failing silently.
 * An undo that outlasts its toast (a highlight deletion) stays for Ctrl+Z; only the newest such does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOAST_MS, TOAST_UNDO_MS, toasts } from '../../src-renderer/src/lib/state/toasts.svelte';
import { undoStack } from '../../src-renderer/src/lib/state/undo';

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    toasts.reset();
  });
  afterEach(() => {
    toasts.reset();
    vi.useRealTimers();
  });

  it('dismisses a toast after a while; one with Undo stays longer', () => {
    toasts.show({ message: 'plain' });
    toasts.show({ message: 'undoable', undo: () => {} });
    vi.advanceTimersByTime(TOAST_MS + 1);
    expect(toasts.items.map((t) => t.message)).toEqual(['undoable']);
    vi.advanceTimersByTime(TOAST_UNDO_MS - TOAST_MS);
    expect(toasts.items).toEqual([]);
  });

  it('runs the newest undo once and dismisses its toast', async () => {
    const first = vi.fn();
    const second = vi.fn();
    toasts.show({ message: 'one', undo: first });
    toasts.show({ message: 'two', undo: second });
    toasts.show({ message: 'info only' });
    expect(toasts.newestUndoable?.message).toBe('two');
    expect(await toasts.undoNewest()).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(toasts.items.map((t) => t.message)).toEqual(['one', 'info only']);
    expect(await toasts.undoNewest()).toBe(true);
    expect(await toasts.undoNewest()).toBe(false);
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('keeps an undo that outlasts its toast for Ctrl+Z, only the newest one, and runs it once', async () => {
    const older = vi.fn();
    const newer = vi.fn();
    const plain = vi.fn();
    toasts.show({ message: 'deleted 1', undo: older, undoOutlastsToast: true });
    toasts.show({ message: 'deleted 2', undo: newer, undoOutlastsToast: true });
    toasts.show({ message: 'bookmark removed', undo: plain });
    vi.advanceTimersByTime(TOAST_UNDO_MS + 1);
    expect(toasts.items).toEqual([]);
    expect(undoStack.canUndo).toBe(true);
    expect(await toasts.undoNewest()).toBe(true);
    expect(newer).toHaveBeenCalledTimes(1);
    expect(await toasts.undoNewest()).toBe(false);
    expect(older).not.toHaveBeenCalled();
    expect(plain).not.toHaveBeenCalled();
  });

  it('runs an undo once whether from its button or from Ctrl+Z', async () => {
    const action = vi.fn();
    toasts.show({ message: 'deleted', undo: action, undoOutlastsToast: true });
    const id = toasts.items[0]!.id;
    expect(await toasts.undo(id)).toBe(true);
    expect(await toasts.undoNewest()).toBe(false);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('says when an undo fails', async () => {
    toasts.show({
      message: 'removed',
      undo: () => Promise.reject(new Error('disk full')),
    });
    expect(await toasts.undoNewest((m) => `undo failed: ${m}`)).toBe(false);
    expect(toasts.items).toMatchObject([{ kind: 'error', message: 'undo failed: disk full' }]);
  });

  it('keeps a toast while it is hovered or focused', () => {
    toasts.show({ message: 'held' });
    const id = toasts.items[0]!.id;
    toasts.hold(id);
    vi.advanceTimersByTime(TOAST_MS * 3);
    expect(toasts.items).toHaveLength(1);
    toasts.release(id);
    vi.advanceTimersByTime(TOAST_MS + 1);
    expect(toasts.items).toHaveLength(0);
  });
});
