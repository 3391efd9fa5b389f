/**
 * The source files as the Sources view and the search's source picker page through them, answered
 * by SQL over the catalog's `sources` table (its `folder` and `articles` columns and the
 * `sources_list` index): rejected files first (they are what needs a look), then by folder and path.
 * Counts by status and the folder list are counted once per catalog change and filter.
 */
import type { SourceRecord, SourceStatus } from '../model.js';
import type { CatalogStore } from './catalog-store.js';

export interface SourceFilter {
  status?: SourceStatus;
  /** Only the files directly in this folder (a path ending in its separator). */
  folder?: string;
  /** Only paths containing this text (case-insensitive for ASCII letters, as SQLite's lower()). */
  q?: string;
  /** Only files that gave at least one article. */
  withArticles?: boolean;
}

/** A source record as stored, with how many articles it gave instead of their ids. */
export type ListedSource = Omit<SourceRecord, 'articleIds'> & { articles: number };

const ORDER = "ORDER BY status <> 'rejected', folder, path";

function where(filter: SourceFilter, withStatus: boolean): { sql: string; args: (string | number)[] } {
  const parts = ["status <> 'pending'"];
  const args: (string | number)[] = [];
  if (withStatus && filter.status) {
    parts.push('status = ?');
    args.push(filter.status);
  }
  if (filter.folder !== undefined) {
    parts.push('folder = ?');
    args.push(filter.folder);
  }
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    parts.push('instr(lower(path), ?) > 0');
    args.push(q);
  }
  if (filter.withArticles) parts.push('articles > 0');
  return { sql: parts.join(' AND '), args };
}

const counted = new WeakMap<CatalogStore, { revision: number; values: Map<string, unknown> }>();

function once<T>(catalog: CatalogStore, key: string, make: () => T): T {
  const revision = catalog.revision;
  let entry = counted.get(catalog);
  if (!entry || entry.revision !== revision) counted.set(catalog, (entry = { revision, values: new Map() }));
  if (!entry.values.has(key)) entry.values.set(key, make());
  return entry.values.get(key) as T;
}

/** One page of the files matching `filter`. */
export function listSourcePage(
  catalog: CatalogStore,
  filter: SourceFilter,
  offset: number,
  limit: number,
): ListedSource[] {
  const { sql, args } = where(filter, true);
  const rows = catalog.db
    .prepare(`SELECT path, articles, record FROM sources WHERE ${sql} ${ORDER} LIMIT ? OFFSET ?`)
    .all(...args, limit, offset) as { path: string; articles: number; record: string }[];
  return rows.map((r) => ({
    ...(JSON.parse(r.record) as Omit<SourceRecord, 'articleIds'>),
    path: r.path,
    articles: r.articles,
  }));
}

/** Files matching every filter but the status one, by status. */
export function sourceStatusCounts(catalog: CatalogStore, filter: SourceFilter): Record<string, number> {
  const { sql, args } = where(filter, false);
  return once(catalog, `counts|${sql}|${JSON.stringify(args)}`, () => {
    const out: Record<string, number> = {};
    for (const r of catalog.db
      .prepare(`SELECT status, count(*) AS n FROM sources WHERE ${sql} GROUP BY status`)
      .all(...args) as { status: string; n: number }[])
      out[r.status] = r.n;
    return out;
  });
}

/** Every folder with how many files are directly in it, by path. */
export function sourceFolderCounts(catalog: CatalogStore): { folder: string; files: number }[] {
  return once(
    catalog,
    'folders',
    () =>
      catalog.db
        .prepare(
          "SELECT folder, count(*) AS files FROM sources WHERE status <> 'pending' GROUP BY folder ORDER BY folder",
        )
        .all() as { folder: string; files: number }[],
  );
}

/** The paths of the files directly in a folder. */
export function sourcePathsInFolder(catalog: CatalogStore, folder: string): string[] {
  return (
    catalog.db
      .prepare(`SELECT path FROM sources WHERE folder = ? AND status <> 'pending' ${ORDER}`)
      .all(folder) as { path: string }[]
  ).map((r) => r.path);
}
