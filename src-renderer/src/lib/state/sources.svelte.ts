/**
 * Importing and the imported source files: progress, the last report, re-importing and removing a
 * source or a whole folder (with Undo). After any of these, whatever else was loaded (the Sources
 * list, info, listing, bookmarks) loads again, since an import can change all of it.
 */
import type { ImportProgress, ImportReport } from '$contract';
import { call } from '../api';
import { i18n } from '../i18n/i18n.svelte';
import { appInfo } from './app-info.svelte';
import { articles } from './articles.svelte';
import { bookmarks } from './bookmarks.svelte';
import { toasts } from './toasts.svelte';
import { guarded } from './guarded';
import { sourceList } from './source-list.svelte';

/** The most paths one archive:import takes (the contract's limit). */
const IMPORT_PATHS = 10_000;

class SourcesState {
  #progress = $state.raw<ImportProgress | null>(null);
  #importing = $state(false);
  #report = $state.raw<ImportReport | null>(null);
  #error = $state<string | null>(null);

  /** The import under way ('import:progress' events), or null. */
  get progress(): ImportProgress | null {
    return this.#progress;
  }

  get importing(): boolean {
    return this.#importing;
  }

  /** The last import's report. */
  get report(): ImportReport | null {
    return this.#report;
  }

  /** The last failed call of this view, or of what an import reloads. */
  get error(): string | null {
    return this.#error ?? sourceList.error ?? appInfo.error ?? articles.error ?? bookmarks.error;
  }

  #guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    return guarded(work, (message) => (this.#error = message));
  }

  /** An 'import:progress' event. */
  noteProgress(progress: ImportProgress): void {
    this.#progress = progress;
  }

  async importPaths(paths: string[]): Promise<ImportReport | undefined> {
    if (this.#importing) return undefined;
    this.#importing = true;
    this.#report = null;
    this.#progress = { done: 0, total: 0 };
    try {
      const report = await this.#guard(() => call('archive:import', { paths }));
      if (report) {
        this.#report = report;
        toasts.show({ message: this.#summary(report) });
      } else if (this.#error) {
        toasts.show({ kind: 'error', message: i18n.t('error.generic', { message: this.#error }) });
      }
      await this.#afterImport();
      return report;
    } finally {
      this.#importing = false;
      this.#progress = null;
    }
  }

  async cancelImport(): Promise<void> {
    await this.#guard(() => call('archive:cancelImport', {}));
  }

  /** Imports one source file again (it changed, or its parser improved). */
  async reimport(path: string): Promise<void> {
    const report = await this.#guard(() => call('archive:reimportSource', { path }));
    if (report) {
      this.#report = report;
      toasts.show({ message: this.#summary(report) });
    }
    await this.#afterImport();
  }

  /** Forgets a source file and the articles only it held; Undo imports it again. */
  async remove(path: string): Promise<void> {
    const result = await this.#guard(() => call('archive:removeSource', { path }));
    if (!result) {
      if (this.#error)
        toasts.show({ kind: 'error', message: i18n.t('error.generic', { message: this.#error }) });
      return;
    }
    await this.#afterImport();
    if (result.removed) {
      toasts.show({
        message: i18n.t('sources.removed', { name: path.split(/[\\/]/).pop() ?? path }),
        undo: async () => {
          await this.importPaths([path]);
        },
      });
    }
  }

  /**
   * Forgets every source file directly in a folder (a whole import, or the bundled demo) and the
   * articles only they held, in one step; one toast's Undo (or Ctrl+Z) imports those files again.
   */
  async removeFolder(folder: string, message: string): Promise<void> {
    const result = await this.#guard(() => call('archive:removeFolder', { folder }));
    await this.#afterImport();
    if (!result) {
      if (this.#error)
        toasts.show({ kind: 'error', message: i18n.t('error.generic', { message: this.#error }) });
      return;
    }
    const { removed } = result;
    if (removed.length > 0) {
      toasts.show({
        message,
        undo: async () => {
          // As many imports as the contract's path limit asks for (a folder of more files).
          for (let at = 0; at < removed.length; at += IMPORT_PATHS)
            await this.importPaths(removed.slice(at, at + IMPORT_PATHS));
        },
      });
    }
  }

  #summary(report: ImportReport): string {
    return i18n.t(report.cancelled ? 'sources.reportCancelled' : 'sources.report', {
      added: report.articles.added,
      updated: report.articles.updated + report.articles.upgraded,
      imported: report.files.imported,
      rejected: report.files.rejected,
    });
  }

  async #afterImport(): Promise<void> {
    await Promise.all([
      sourceList.load(),
      appInfo.load(),
      articles.refresh(),
      bookmarks.loaded ? bookmarks.load() : undefined,
    ]);
  }

  reset(): void {
    sourceList.reset();
    this.#progress = null;
    this.#importing = false;
    this.#report = null;
    this.#error = null;
  }
}

export const sources = new SourcesState();
