/**
 * The imported source files as the Sources view and the search's source picker ask for them: one page
 * at a time (offset and limit), filtered by status, by folder and by a piece of the path, with the
 * counts by status and the folders, so no shell ever holds the whole list (100,000 files and more).
 *
 * Each answer is one or two SQL queries over the catalog's sources (catalog/source-lists.ts): a
 * page costs its own rows, and the counts by status and the folders are counted once per change.
 */
import type { CatalogStore } from './catalog/catalog-store.js';
import {
  listSourcePage,
  sourceFolderCounts,
  sourcePathsInFolder,
  sourceStatusCounts,
  type ListedSource,
} from './catalog/source-lists.js';
import type { LowConfidencePage, SourceRecord, SourceStatus } from './model.js';

/** A source as a row of the list: what the views show, without the file's article ids. */
export interface SourceRow {
  path: string;
  status: SourceStatus;
  /** Why a file was rejected (or, for duplicates and partial imports, what happened). */
  reason?: SourceRecord['reason'];
  duplicateOf?: string;
  encoding?: string;
  format?: SourceRecord['format'];
  pages?: { total: number; rejected: number };
  lowConfidence?: LowConfidencePage[];
  /** How many articles the file gave. */
  articles: number;
}

export type SourceCounts = Record<'all' | SourceStatus, number>;

export interface SourceFolderCount {
  /** The folder with its separator at the end. */
  folder: string;
  /** Files directly in it. */
  files: number;
}

export interface SourcesQuery {
  offset?: number;
  limit?: number;
  status?: SourceStatus;
  /** Only the files directly in this folder (a path ending in its separator). */
  folder?: string;
  /** Only paths containing this text (case-insensitive). */
  q?: string;
  /** Only files that gave at least one article (what a search can be narrowed to). */
  withArticles?: boolean;
  /** Also answer every folder with its file count (whatever the filters). */
  folders?: boolean;
}

export interface SourcesPage {
  /** The page: rejected files first (they are what needs a look), then by folder and file name. */
  sources: SourceRow[];
  /** Files matching every filter. */
  total: number;
  /** Files matching the folder, text and article filters, by status (the status filter's choices). */
  counts: SourceCounts;
  /** Every folder with its file count, by path, when asked for. */
  folders?: SourceFolderCount[];
}

export function sourceRow(s: ListedSource | SourceRecord): SourceRow {
  return {
    path: s.path,
    status: s.status,
    articles: 'articles' in s ? s.articles : s.articleIds.length,
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}),
    ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.format ? { format: s.format } : {}),
    ...(s.pages ? { pages: s.pages } : {}),
    ...(s.lowConfidence?.length ? { lowConfidence: s.lowConfidence } : {}),
  };
}

export function sourcesPage(
  catalog: CatalogStore,
  { offset = 0, limit = 100, folders = false, ...filters }: SourcesQuery,
): SourcesPage {
  const byStatus = sourceStatusCounts(catalog, filters);
  const counts: SourceCounts = { all: 0, imported: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  for (const status of ['imported', 'unchanged', 'duplicate', 'rejected'] as const) {
    counts[status] = byStatus[status] ?? 0;
    counts.all += counts[status];
  }
  return {
    sources: listSourcePage(catalog, filters, offset, limit).map(sourceRow),
    total: filters.status ? counts[filters.status] : counts.all,
    counts,
    ...(folders ? { folders: sourceFolderCounts(catalog) } : {}),
  };
}

/** The paths of the files directly in a folder (removing a folder takes these). */
export function sourcePathsIn(catalog: CatalogStore, folder: string): string[] {
  return sourcePathsInFolder(catalog, folder);
}

/** How many source files the catalog holds. */
export function sourceCount(catalog: CatalogStore): number {
  return catalog.sourceCount;
}
