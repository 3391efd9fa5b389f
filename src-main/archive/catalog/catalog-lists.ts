/**
 * The lists the shells page through, answered by SQL over the catalog's indexes (catalog-schema.ts):
 * All articles in time order with headline-only entries folded (or readable only), the timeline's
 * days, and counts. A page costs its own rows, whatever the archive's size; totals and days are
 * counted once per catalog change.
 */
import { resolve, sep } from 'node:path';
import type { ListSort } from '../../api/enums.js';
import type { ArticleMeta } from '../model.js';
import type { KindCounts, ListedArticle } from '../search/search-types.js';
import { asListed } from '../search/headline-folds.js';
import type { ArticleRow } from './article-rows.js';
import type { CatalogStore } from './catalog-store.js';
import { ARTICLE_COLUMNS } from './catalog-statements.js';

export interface ListQuery {
  offset: number;
  limit: number;
  sort: ListSort;
  readable: boolean;
}

/**
 * Which rows a list shows and in what order, and that order backwards. Newest first is oldest first
 * reversed, ties included, so one index serves both, read either way (catalog-schema.ts): the folded
 * lists' carries the rows' flags after rid, which decide nothing of the order but must be named for
 * SQLite to see that the index gives it.
 */
function listShape(sort: ListSort, readable: boolean): { where: string; order: string; reverse: string } {
  const up = readable ? 'published, title, rid' : 'published, title, rid, row_newest, row_oldest';
  const down = up
    .split(', ')
    .map((column) => `${column} DESC`)
    .join(', ');
  const [order, reverse] = sort === 'newest' ? [down, up] : [up, down];
  if (readable) return { where: 'kind > 0', order, reverse };
  return { where: sort === 'newest' ? 'row_newest = 1' : 'row_oldest = 1', order, reverse };
}

/** A list page's query (LIMIT, OFFSET): in the list's order, or backwards from its end. */
export function listSql(sort: ListSort, readable: boolean, backwards: boolean): string {
  const { where, order, reverse } = listShape(sort, readable);
  return `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${where} ORDER BY ${backwards ? reverse : order} LIMIT ? OFFSET ?`;
}

const cached = new WeakMap<CatalogStore, { revision: number; values: Map<string, unknown> }>();

/** A value computed once per catalog revision. */
function once<T>(catalog: CatalogStore, key: string, make: () => T): T {
  const revision = catalog.revision;
  let entry = cached.get(catalog);
  if (!entry || entry.revision !== revision) cached.set(catalog, (entry = { revision, values: new Map() }));
  if (!entry.values.has(key)) entry.values.set(key, make());
  return entry.values.get(key) as T;
}

/** How many rows a list has, by kind (a fold of headlines counts once). */
export function listCounts(catalog: CatalogStore, readable: boolean): KindCounts {
  return once(catalog, `counts|${readable}`, () => {
    const { r, h } = catalog.db
      .prepare('SELECT coalesce(sum(readable), 0) AS r, coalesce(sum(headlines), 0) AS h FROM day_stats')
      .get() as { r: number; h: number };
    return { readable: r, headlines: readable ? 0 : h };
  });
}

/** One page of a list, each headline row with its fold's listings and readable article. */
export function listPage(
  catalog: CatalogStore,
  { offset, limit, sort, readable }: ListQuery,
): { articles: ListedArticle[]; total: number; counts: KindCounts } {
  const counts = listCounts(catalog, readable);
  const total = counts.readable + counts.headlines;
  const page = (backwards: boolean, lim: number, off: number): ArticleRow[] =>
    catalog.db.prepare(listSql(sort, readable, backwards)).all(lim, off) as ArticleRow[];
  // OFFSET walks the index from the start: a page past the middle is read from the other end (End
  // in a list of 3 million rows costs what Home does, not a second).
  const rows =
    offset > total / 2 && offset < total
      ? page(true, Math.min(limit, total - offset), Math.max(0, total - offset - limit)).reverse()
      : page(false, limit, offset);
  const articles = rows.map((row) => {
    const a = toMeta(catalog, row);
    return a.kind === 'headline' && !readable ? withFold(catalog, row.rid, a, sort) : a;
  });
  return { articles, total, counts };
}

/** A headline row with every entry of its title (their pages and times) and its readable article. */
function withFold(catalog: CatalogStore, rid: number, a: ArticleMeta, sort: ListSort): ListedArticle {
  const fold = (catalog.db.prepare('SELECT fold FROM articles WHERE rid = ?').get(rid) as { fold: string })
    .fold;
  const members = (
    catalog.db
      .prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE fold = ? AND kind = 0`)
      .all(fold) as ArticleRow[]
  ).map((row) => toMeta(catalog, row));
  const order = sort === 'newest' ? 'published DESC, title DESC, rid DESC' : 'published, title, rid';
  const readable = catalog.db
    .prepare(`SELECT id FROM articles WHERE fold = ? AND kind > 0 ORDER BY ${order} LIMIT 1`)
    .get(fold) as { id: string } | undefined;
  return asListed(a, members, readable?.id);
}

function toMeta(catalog: CatalogStore, row: ArticleRow): ArticleMeta {
  const { bodyRef: _ref, ...meta } = catalog.storedFromRow(row);
  return meta;
}

/** Rows per archive day, newest day first: the timeline (rows of the newest-first list). */
export function dayCounts(catalog: CatalogStore, readable: boolean): { day: string; count: number }[] {
  return once(
    catalog,
    `days|${readable}`,
    () =>
      catalog.db
        .prepare(
          `SELECT day, ${readable ? 'readable' : 'listed'} AS count FROM day_stats
         WHERE day <> '' AND count > 0 ORDER BY day DESC`,
        )
        .all() as { day: string; count: number }[],
  );
}

/**
 * How many articles from files inside `paths` have a guessed title (no headline of the page named
 * them: titleInferred), for an import's report.
 */
export function countTitlesGuessed(catalog: CatalogStore, paths: readonly string[]): number {
  const ids = new Set<number>();
  const query = catalog.db.prepare(
    `SELECT DISTINCT a.rid FROM sources s JOIN article_sources l ON l.sid = s.sid JOIN articles a ON a.rid = l.rid
     WHERE (s.path = @root OR (s.path >= @dir AND s.path < @end)) AND a.meta LIKE '%"titleInferred":true%'`,
  );
  for (const p of paths) {
    const root = resolve(p);
    const dir = root.endsWith(sep) ? root : root + sep;
    // Every path under the folder sorts between "dir/" and the next character after the separator.
    const end = dir.slice(0, -1) + String.fromCharCode(sep.charCodeAt(0) + 1);
    for (const row of query.all({ root, dir, end }) as { rid: number }[]) ids.add(row.rid);
  }
  return ids.size;
}
