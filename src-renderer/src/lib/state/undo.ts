/**
 * Everything Ctrl+Z can undo, newest last: one stack for the whole app, so there is one Ctrl+Z
 * handler and no view has to ask another whose turn it is. An action that offers an undo pushes an
 * entry (the toast queue does it for every toast with an Undo button); an entry runs at most once,
 * from Ctrl+Z or from its toast's button, and then leaves the stack.
 *
 * An entry lives as long as its toast, unless it was pushed to outlast it: a highlight deletion stays
 * undoable after its toast has gone. Of the entries whose toast has gone, only the newest is kept, so
 * Ctrl+Z never reaches back past what the user can still see or just did.
 */

export type UndoAction = () => Promise<void> | void;

export interface UndoEntry {
  readonly id: number;
  readonly action: UndoAction;
  /** Stays on the stack after its toast has gone. */
  readonly outlastsToast: boolean;
}

export class UndoStack {
  #entries: UndoEntry[] = [];
  /** Entries whose toast has gone (kept only when they outlast it). */
  #released = new Set<UndoEntry>();
  #next = 1;

  push(action: UndoAction, { outlastsToast = false }: { outlastsToast?: boolean } = {}): UndoEntry {
    const entry: UndoEntry = { id: this.#next++, action, outlastsToast };
    this.#entries.push(entry);
    return entry;
  }

  /** The entry's toast has gone: the entry goes too, unless it outlasts its toast and is the newest such. */
  release(entry: UndoEntry): void {
    if (!this.#entries.includes(entry)) return;
    this.#released.add(entry);
    const keep = this.#entries.findLast((e) => this.#released.has(e) && e.outlastsToast);
    this.#entries = this.#entries.filter((e) => !this.#released.has(e) || e === keep);
    for (const e of this.#released) if (!this.#entries.includes(e)) this.#released.delete(e);
  }

  has(entry: UndoEntry): boolean {
    return this.#entries.includes(entry);
  }

  /** What Ctrl+Z would undo. */
  get newest(): UndoEntry | undefined {
    return this.#entries.at(-1);
  }

  get canUndo(): boolean {
    return this.#entries.length > 0;
  }

  /** Takes the entry off the stack and runs it; false when it had already run or gone. Errors propagate. */
  async run(entry: UndoEntry): Promise<boolean> {
    if (!this.#entries.includes(entry)) return false;
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#released.delete(entry);
    await entry.action();
    return true;
  }

  reset(): void {
    this.#entries = [];
    this.#released.clear();
  }
}

export const undoStack = new UndoStack();
