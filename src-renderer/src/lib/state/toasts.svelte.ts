/**
 * Short messages at the bottom of the window: an import finished, a bookmark removed (with Undo), an
 * error from the desktop shell. Every view shows its messages through this one queue, so Ctrl+Z always
 * knows which undo is the newest.
 */

export type ToastKind = 'info' | 'error';

export interface ToastInput {
  message: string;
  kind?: ToastKind;
  /** Puts back what the action changed; offered as an Undo button and through Ctrl+Z. */
  undo?: () => Promise<void> | void;
}

export interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
  undo?: () => Promise<void> | void;
}

/** How long a toast stays; one with an Undo stays a little longer. */
export const TOAST_MS = 6000;
export const TOAST_UNDO_MS = 8000;
const MAX_TOASTS = 4;

class ToastQueue {
  items = $state.raw<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show({ message, kind = 'info', undo }: ToastInput): void {
    const toast: Toast = { id: this.#next++, message, kind, undo };
    const kept = this.items.slice(-(MAX_TOASTS - 1));
    for (const old of this.items) if (!kept.includes(old)) this.#clearTimer(old.id);
    this.items = [...kept, toast];
    this.#timers.set(
      toast.id,
      setTimeout(() => this.dismiss(toast.id), undo ? TOAST_UNDO_MS : TOAST_MS),
    );
  }

  dismiss(id: number): void {
    this.#clearTimer(id);
    this.items = this.items.filter((t) => t.id !== id);
  }

  /** Keeps a toast on screen while the pointer or focus is on it. */
  hold(id: number): void {
    this.#clearTimer(id);
  }

  release(id: number): void {
    const toast = this.items.find((t) => t.id === id);
    if (!toast || this.#timers.has(id)) return;
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), TOAST_MS),
    );
  }

  /** Runs a toast's undo once and dismisses it; an undo that fails says so in a new toast. */
  async undo(id: number, failed: (message: string) => string = (m) => m): Promise<boolean> {
    const toast = this.items.find((t) => t.id === id);
    if (!toast?.undo) return false;
    const undo = toast.undo;
    this.dismiss(id);
    try {
      await undo();
      return true;
    } catch (err) {
      this.show({ kind: 'error', message: failed(err instanceof Error ? err.message : String(err)) });
      return false;
    }
  }

  /** The newest toast that can be undone (what Ctrl+Z acts on). */
  get newestUndoable(): Toast | undefined {
    return this.items.findLast((t) => t.undo !== undefined);
  }

  async undoNewest(failed?: (message: string) => string): Promise<boolean> {
    const toast = this.newestUndoable;
    return toast ? this.undo(toast.id, failed) : false;
  }

  #clearTimer(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  reset(): void {
    for (const id of this.#timers.keys()) this.#clearTimer(id);
    this.items = [];
  }
}

export const toasts = new ToastQueue();
