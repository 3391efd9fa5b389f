/**
 * The library's state, split by concern: the listing and its days (./articles), bookmarks
 * (./bookmarks), sources and importing (./sources), and what the app says about itself (./app-info).
 * This module only wires the core's push events to them, and resets them all for tests.
 */
import { onEvent } from '../api';
import { appInfo } from './app-info.svelte';
import { articles } from './articles.svelte';
import { bookmarks } from './bookmarks.svelte';
import { sourceList } from './source-list.svelte';
import { sources } from './sources.svelte';

/** Follows the core's events until the returned function is called. */
export function listenToLibrary(): () => void {
  const offs = [
    onEvent('import:progress', (p) => sources.noteProgress(p)),
    onEvent('search:indexing', (p) => appInfo.noteIndexing(p)),
    onEvent(
      'archive:changed',
      () =>
        void Promise.all([
          appInfo.load(),
          articles.refresh(),
          sourceList.rows.loaded ? sourceList.load() : undefined,
        ]),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}

export function resetLibrary(): void {
  appInfo.reset();
  articles.reset();
  bookmarks.reset();
  sources.reset();
}
