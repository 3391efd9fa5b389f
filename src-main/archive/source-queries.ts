/**
 * The imported source files as the Sources view and the search's source picker ask for them: one page
 * at a time (offset and limit), filtered by status, by folder and by a piece of the path, with the
 * counts by status and the folders, so no shell ever holds the whole list (100,000 files and more).
 *
 * Written against a small structural view of the catalog. Today its body filters the catalog's list,
 * sorted once per catalog revision; with the catalog in SQLite each function is one or two queries of
 * the same shape: `WHERE status = ? AND folder = ? AND instr(lower(path), ?) AND articles > 0
 * ORDER BY status <> 'rejected', folder, name LIMIT ? OFFSET ?`, `GROUP BY status`, `GROUP BY folder`.
 */
import { sourceFolder } from '../../src-shared/source-path.js';
import type { LowConfidencePage, SourceRecord, SourceStatus } from './model.js';

/** What these queries need of a catalog. `revision`, when there is one, lets a sort be reused. */
export interface SourceCatalog {
  listSources(): SourceRecord[];
  readonly revision?: number;
}

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

interface Entry {
  record: SourceRecord;
  folder: string;
  lowerPath: string;
}

interface Matched {
  entries: Entry[];
  counts: SourceCounts;
}

/** Per catalog revision: the files in order, the folders, and the last few filters' matches. */
interface Cached {
  revision: number | undefined;
  entries: Entry[];
  folders?: SourceFolderCount[];
  matched: Map<string, Matched>;
}

/** Filters remembered per revision: a view pages through one or two at a time. */
const KEPT_FILTERS = 8;

const cache = new WeakMap<SourceCatalog, Cached>();

/** Code-unit order, as SQLite's BINARY collation compares (and much cheaper than localeCompare). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function cached(catalog: SourceCatalog): Cached {
  const known = cache.get(catalog);
  if (known && catalog.revision !== undefined && known.revision === catalog.revision) return known;
  const entries = catalog.listSources().map((record) => ({
    record,
    folder: sourceFolder(record.path),
    lowerPath: record.path.toLowerCase(),
  }));
  const rank = (e: Entry): number => (e.record.status === 'rejected' ? 0 : 1);
  entries.sort(
    (a, b) => rank(a) - rank(b) || compare(a.folder, b.folder) || compare(a.record.path, b.record.path),
  );
  const fresh: Cached = { revision: catalog.revision, entries, matched: new Map() };
  // Without a revision nothing tells when the list changed: nothing is kept.
  if (catalog.revision !== undefined) cache.set(catalog, fresh);
  return fresh;
}

/** The files matching the filters, and the counts by status under all but the status filter. */
function matching(
  c: Cached,
  { status, folder, q, withArticles }: Pick<SourcesQuery, 'status' | 'folder' | 'q' | 'withArticles'>,
): Matched {
  const needle = q?.trim().toLowerCase() ?? '';
  const key = JSON.stringify([status ?? null, folder ?? null, needle, withArticles === true]);
  const known = c.matched.get(key);
  if (known) return known;
  const counts: SourceCounts = { all: 0, imported: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  const entries: Entry[] = [];
  for (const e of c.entries) {
    if (folder !== undefined && e.folder !== folder) continue;
    if (needle && !e.lowerPath.includes(needle)) continue;
    if (withArticles && e.record.articleIds.length === 0) continue;
    counts.all++;
    counts[e.record.status]++;
    if (status === undefined || e.record.status === status) entries.push(e);
  }
  const found = { entries, counts };
  if (c.matched.size >= KEPT_FILTERS) c.matched.delete(c.matched.keys().next().value!);
  c.matched.set(key, found);
  return found;
}

export function sourceRow(s: SourceRecord): SourceRow {
  return {
    path: s.path,
    status: s.status,
    articles: s.articleIds.length,
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}),
    ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.format ? { format: s.format } : {}),
    ...(s.pages ? { pages: s.pages } : {}),
    ...(s.lowConfidence?.length ? { lowConfidence: s.lowConfidence } : {}),
  };
}

export function sourcesPage(
  catalog: SourceCatalog,
  { offset = 0, limit = 100, folders = false, ...filters }: SourcesQuery,
): SourcesPage {
  const c = cached(catalog);
  const { entries, counts } = matching(c, filters);
  return {
    sources: entries.slice(offset, offset + limit).map((e) => sourceRow(e.record)),
    total: entries.length,
    counts: { ...counts },
    ...(folders ? { folders: (c.folders ??= folderCounts(c.entries)) } : {}),
  };
}

function folderCounts(all: Entry[]): SourceFolderCount[] {
  const files = new Map<string, number>();
  for (const e of all) files.set(e.folder, (files.get(e.folder) ?? 0) + 1);
  return [...files.entries()].sort(([a], [b]) => compare(a, b)).map(([folder, n]) => ({ folder, files: n }));
}

/** The paths of the files directly in a folder (removing a folder takes these). */
export function sourcePathsIn(catalog: SourceCatalog, folder: string): string[] {
  return matching(cached(catalog), { folder }).entries.map((e) => e.record.path);
}

/** How many source files the catalog holds. */
export function sourceCount(catalog: SourceCatalog): number {
  return cached(catalog).entries.length;
}
