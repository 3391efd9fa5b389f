/**
 * The Sources view's list: the imported files a page at a time (archive:sourcesPage), filtered by
 * status, by folder and by a piece of the path, with the counts by status and the folders the files
 * came from. The view says which rows it shows (`show`); only their pages are fetched, so 100,000
 * files cost what one screen of them costs. After a change (an import, a removal) `load` fetches the
 * rows in view again.
 */
import type { SourceCounts, SourceFolderCount, SourceRow, SourceStatus } from '$contract';
import { call } from '../api';
import { PagedList, type Page } from '../paged-list.svelte';
import { guarded } from './guarded';

const PAGE = 100;
/** How long typing in the find box waits before asking. */
export const SOURCE_FIND_DEBOUNCE_MS = 200;

export interface SourceFilters {
  status: SourceStatus | null;
  /** A folder path ending in its separator: only the files directly in it. */
  folder: string | null;
  q: string;
}

const NO_FILTERS: SourceFilters = { status: null, folder: null, q: '' };

class SourceListState {
  #filters = $state.raw<SourceFilters>(NO_FILTERS);
  #counts = $state.raw<SourceCounts | null>(null);
  #folders = $state.raw<SourceFolderCount[]>([]);
  #error = $state<string | null>(null);
  #view = { start: 0, end: PAGE };
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly rows = new PagedList<SourceRow>(PAGE, (offset, limit, first) => this.#fetch(offset, limit, first));

  get filters(): SourceFilters {
    return this.#filters;
  }

  /** Files matching the folder and text filters, by status (the status filter's choices). */
  get counts(): SourceCounts | null {
    return this.#counts;
  }

  /** Every folder the archive's files came from, with its file count. */
  get folders(): SourceFolderCount[] {
    return this.#folders;
  }

  /** Files in the archive, whatever the filters. */
  get files(): number {
    return this.#folders.reduce((n, f) => n + f.files, 0);
  }

  get filtered(): boolean {
    return this.#filters.status !== null || this.#filters.folder !== null || this.#filters.q.trim() !== '';
  }

  get error(): string | null {
    return this.#error;
  }

  async #fetch(offset: number, limit: number, first: boolean): Promise<Page<SourceRow> | undefined> {
    const f = this.#filters;
    const q = f.q.trim();
    const page = await guarded(
      () =>
        call('archive:sourcesPage', {
          offset,
          limit,
          ...(f.status ? { status: f.status } : {}),
          ...(f.folder ? { folder: f.folder } : {}),
          ...(q ? { q } : {}),
          ...(first ? { folders: true } : {}),
        }),
      (message) => (this.#error = message),
    );
    // An answer for filters changed meanwhile says nothing about these.
    if (!page || f !== this.#filters) return undefined;
    this.#counts = page.counts;
    if (page.folders) this.#folders = page.folders;
    return { rows: page.sources, total: page.total };
  }

  /** Fetches the rows in view again (first show, or after the archive changed). */
  load(): Promise<void> {
    return this.rows.reload(this.#view.start, this.#view.end);
  }

  /** The view shows rows `start` to `end` (exclusive): their pages are fetched if need be. */
  show(start: number, end: number): Promise<void> {
    this.#view = { start, end };
    return this.rows.ensure(start, end);
  }

  setStatus(status: SourceStatus | null): void {
    this.#set({ status });
  }

  setFolder(folder: string | null): void {
    this.#set({ folder });
  }

  /** What is typed in the find box: asked for once typing pauses. */
  setQuery(q: string): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#set({ q }), SOURCE_FIND_DEBOUNCE_MS);
  }

  /** Another filter: the list starts again from its top (the old rows stay until the new come). */
  #set(patch: Partial<SourceFilters>): void {
    clearTimeout(this.#timer);
    this.#filters = { ...this.#filters, ...patch };
    this.#view = { start: 0, end: PAGE };
    void this.load();
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#filters = NO_FILTERS;
    this.#counts = null;
    this.#folders = [];
    this.#error = null;
    this.#view = { start: 0, end: PAGE };
    this.rows.reset();
  }
}

export const sourceList = new SourceListState();
