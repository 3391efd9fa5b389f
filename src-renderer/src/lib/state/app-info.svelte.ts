/**
 * What the app says about itself (app:info: data folder, counts, version, recovery notices) and the
 * search index build under way. Separate from the lists, which load only when a view needs them.
 */
import type { AppInfo } from '$contract';
import { call } from '../api';

export interface IndexingProgress {
  done: number;
  total: number;
}

class AppInfoState {
  #info = $state.raw<AppInfo | null>(null);
  #indexing = $state.raw<IndexingProgress | null>(null);
  #error = $state<string | null>(null);

  get info(): AppInfo | null {
    return this.#info;
  }

  /** The search index build under way (from app:info, then 'search:indexing' events), or null. */
  get indexing(): IndexingProgress | null {
    return this.#indexing;
  }

  get error(): string | null {
    return this.#error;
  }

  /** The first call of a session: it throws, so the app can tell a wrong token from everything else. */
  async start(): Promise<void> {
    this.#take(await call('app:info', {}));
  }

  async load(): Promise<void> {
    try {
      this.#take(await call('app:info', {}));
      this.#error = null;
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
    }
  }

  #take(info: AppInfo): void {
    this.#info = info;
    // Only a build under way: a finished one was already reported by its last event.
    if (info.indexing && this.#indexing === null) this.#indexing = info.indexing;
  }

  /** A 'search:indexing' event: the build's progress, gone once it is done. */
  noteIndexing(progress: IndexingProgress | null): void {
    this.#indexing = progress && progress.done < progress.total ? progress : null;
  }

  reset(): void {
    this.#info = null;
    this.#indexing = null;
    this.#error = null;
  }
}

export const appInfo = new AppInfoState();
