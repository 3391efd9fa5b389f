/**
 * Short messages at the bottom of the window: an import finished, a bookmark removed (with Undo), an
 * error from the desktop shell. Every view shows its messages through this one queue. A toast's Undo
 * is an entry of the app's one UndoStack (./undo), which Ctrl+Z runs from the newest.
 */
import { undoStack, type UndoAction, type UndoEntry } from './undo';

export type ToastKind = 'info' | 'error';

export interface ToastInput {
  message: string;
  kind?: ToastKind;
  /** Puts back what the action changed; offered as an Undo button and through Ctrl+Z. */
  undo?: UndoAction;
  /** Ctrl+Z can still undo it after the toast has gone (a highlight deletion). */
  undoOutlastsToast?: boolean;
}

export interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
  undo?: UndoEntry;
}

/** How long a toast stays; one with an Undo stays a little longer. */
export const TOAST_MS = 6000;
export const TOAST_UNDO_MS = 8000;
const MAX_TOASTS = 4;

class ToastQueue {
  items = $state.raw<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show({ message, kind = 'info', undo, undoOutlastsToast = false }: ToastInput): void {
    const entry = undo ? undoStack.push(undo, { outlastsToast: undoOutlastsToast }) : undefined;
    const toast: Toast = { id: this.#next++, message, kind, undo: entry };
    const kept = this.items.slice(-(MAX_TOASTS - 1));
    for (const old of this.items) if (!kept.includes(old)) this.#forget(old);
    this.items = [...kept, toast];
    this.#timers.set(
      toast.id,
      setTimeout(() => this.dismiss(toast.id), undo ? TOAST_UNDO_MS : TOAST_MS),
    );
  }

  dismiss(id: number): void {
    const toast = this.items.find((t) => t.id === id);
    if (toast) this.#forget(toast);
    this.items = this.items.filter((t) => t.id !== id);
  }

  #forget(toast: Toast): void {
    this.#clearTimer(toast.id);
    if (toast.undo) undoStack.release(toast.undo);
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
    const entry = this.items.find((t) => t.id === id)?.undo;
    return entry ? this.#run(entry, failed) : false;
  }

  /** The toast whose undo Ctrl+Z would run, if it is still on screen. */
  get newestUndoable(): Toast | undefined {
    const entry = undoStack.newest;
    return entry ? this.items.find((t) => t.undo === entry) : undefined;
  }

  /** Ctrl+Z: runs the newest undo of the stack, whose toast may already have gone. */
  async undoNewest(failed?: (message: string) => string): Promise<boolean> {
    const entry = undoStack.newest;
    return entry ? this.#run(entry, failed) : false;
  }

  async #run(entry: UndoEntry, failed: (message: string) => string = (m) => m): Promise<boolean> {
    // Taken off the stack before its toast goes, so dismissing does not release it first.
    const running = undoStack.run(entry);
    const toast = this.items.find((t) => t.undo === entry);
    if (toast) this.dismiss(toast.id);
    try {
      return await running;
    } catch (err) {
      this.show({ kind: 'error', message: failed(err instanceof Error ? err.message : String(err)) });
      return false;
    }
  }

  #clearTimer(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  reset(): void {
    for (const id of this.#timers.keys()) this.#clearTimer(id);
    this.items = [];
    undoStack.reset();
  }
}

export const toasts = new ToastQueue();
