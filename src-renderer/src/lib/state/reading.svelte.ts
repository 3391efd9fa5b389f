/**
 * Reading state: which articles have been read and how far. Opening an article marks it read; the
 * reader reports its scroll position here, and it is saved at most about once a second per article
 * (the last position always wins), so the place is restored when the article is opened again.
 * Lists read `reading.readIds` to show read/unread.
 */
import type { ReadingState as ReadingRecord } from '$contract';
import { call } from '../api';

const SAVE_MS = 1000;

class ReadingState {
  positions = $state.raw<Record<string, ReadingRecord>>({});
  loaded = $state(false);
  /** Ids of every article that has been opened. */
  readIds: Set<string> = $derived(new Set(Object.keys(this.positions)));

  #pending = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #listening = false;

  isRead(id: string): boolean {
    return this.readIds.has(id);
  }

  async load(): Promise<void> {
    try {
      const positions = await call('library:reading', {});
      // Keep what was recorded meanwhile.
      this.positions = { ...positions, ...this.positions };
      this.loaded = true;
    } catch {
      // Without reading state the lists only lose their read marks.
    }
  }

  /** An article was opened: it counts as read from now on. */
  markRead(id: string, position = 0): void {
    if (this.positions[id]) return;
    this.#record(id, position);
    this.track(id, position);
  }

  /** The reader scrolled; saved soon, not on every scroll event. */
  track(id: string, position: number): void {
    const p = Math.max(0, Math.min(1, Number.isFinite(position) ? position : 0));
    this.#pending.set(id, p);
    this.#record(id, p);
    this.#timer ??= setTimeout(() => void this.flush(), SAVE_MS);
    if (!this.#listening && typeof window !== 'undefined') {
      this.#listening = true;
      window.addEventListener('pagehide', () => void this.flush());
    }
  }

  #record(id: string, position: number): void {
    const old = this.positions[id];
    if (old && old.position === position) return;
    this.positions = { ...this.positions, [id]: { position, readAt: new Date().toISOString() } };
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = [...this.#pending];
    this.#pending.clear();
    await Promise.all(
      batch.map(([articleId, position]) =>
        call('library:setReading', { articleId, position }).catch(() => {
          // A position that cannot be saved (the article left the archive) is not worth an error.
        }),
      ),
    );
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    this.positions = {};
    this.loaded = false;
  }
}

export const reading = new ReadingState();
