/**
 * The Sync section's state: the setup and the last sync's result as the core reports them, and the
 * actions (set up, test the connection, sync now, settle a note conflict, turn off). The sync itself
 * runs in the core (in the background too); after a run that brought changes, the library's views
 * load again.
 */
import type { Request, SyncResult, SyncStatus } from '$contract';
import { call } from '../api';
import { annotations } from './annotations.svelte';
import { bookmarks } from './bookmarks.svelte';
import { guarded } from './guarded';
import { reading } from './reading.svelte';
import { settings } from './settings.svelte';

export type SyncBusy = 'setup' | 'sync' | 'test' | 'off' | 'resolve' | null;
export type TestOutcome = { ok: true; files: number } | { ok: false; message: string };

class SyncState {
  status = $state.raw<SyncStatus | null>(null);
  busy = $state<SyncBusy>(null);
  error = $state<string | null>(null);
  tested = $state.raw<TestOutcome | null>(null);

  #setError = (message: string | null): void => {
    this.error = message;
  };

  async load(): Promise<void> {
    const status = await guarded(() => call('sync:status', {}), this.#setError);
    if (status) this.status = status;
  }

  async #run<T>(what: Exclude<SyncBusy, null>, work: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = what;
    try {
      return await guarded(work, this.#setError);
    } finally {
      this.busy = null;
    }
  }

  /** Set up; true when done (the form closes). */
  async setup(request: Request<'sync:setup'>): Promise<boolean> {
    const done = await this.#run('setup', () => call('sync:setup', request));
    if (!done) return false;
    this.tested = null;
    await this.load();
    await this.syncNow();
    return true;
  }

  async syncNow(): Promise<SyncResult | undefined> {
    const result = await this.#run('sync', () => call('sync:run', {}));
    await this.load();
    if (result?.received) await reloadLibrary();
    return result;
  }

  async test(): Promise<void> {
    this.tested = null;
    const outcome = await this.#run('test', () => call('sync:test', {}));
    if (outcome) this.tested = outcome;
  }

  async resolve(key: string, choice: number | 'all'): Promise<void> {
    await this.#run('resolve', () => call('sync:resolve', { key, choice }));
    await this.load();
    await reloadLibrary();
  }

  async off(): Promise<void> {
    await this.#run('off', () => call('sync:off', {}));
    this.tested = null;
    await this.load();
  }
}

async function reloadLibrary(): Promise<void> {
  await Promise.all([bookmarks.load(), annotations.reload(), reading.load(), settings.load()]);
}

export const sync = new SyncState();
