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

/** Whether a read of the list (or of it backwards) reads its index forwards: the index is oldest first. */
function readsForwards(sort: ListSort, backwards: boolean): boolean {
  return (sort === 'oldest') !== backwards;
}

/**
 * A list page's query from one of its rows (a keyset, then LIMIT, OFFSET): the rows at or after it in
 * the list's order, or at or before it read backwards. A row without a time is outside every key's
 * range (a row value compared with NULL is not true): such rows end each order (oldest first read
 * backwards, newest first), so a page that reaches them comes back short.
 */
export function anchoredSql(sort: ListSort, readable: boolean, backwards: boolean): string {
  const { where, order, reverse } = listShape(sort, readable);
  const up = readsForwards(sort, backwards);
  return `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${where} AND (published, title, rid) ${up ? '>=' : '<='} (?, ?, ?)
    ORDER BY ${backwards ? reverse : order} LIMIT ? OFFSET ?`;
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

/** A row of a list, where it is in the list: a later page may be read from it (`listRows`). */
interface Anchor {
  offset: number;
  published: string;
  title: string;
  rid: number;
}

/** Rows kept per list and catalog revision to read pages from (each page leaves its first and last). */
const ANCHORS_MAX = 64;
/**
 * What a row skipped after a key costs, against one skipped by OFFSET alone: about a third more (the
 * key is compared on each), 125 against 96 ns at a million pages.
 */
const KEYED_SKIP_COST = 1.5;
/**
 * What a row skipped reading the index backwards costs, against one read forwards, when the catalog
 * is not in the page cache: the disk reads ahead only forwards. A jump a quarter into a list of 27.8
 * million rows read 7 million entries in 2.2 s forwards and 44 s backwards; in the page cache both
 * take 0.7 s. Backwards is taken only where it is this much shorter.
 */
const BACKWARDS_SKIP_COST = 3;

/** The known row nearest a page, and how many rows a read from it skips (forwards or backwards). */
function nearestAnchor(
  anchors: readonly Anchor[],
  offset: number,
  count: number,
): { anchor: Anchor; skip: number; backwards: boolean } | undefined {
  let best: { anchor: Anchor; skip: number; backwards: boolean } | undefined;
  const last = offset + count - 1;
  for (const anchor of anchors) {
    const near =
      anchor.offset <= offset
        ? { anchor, skip: offset - anchor.offset, backwards: false }
        : anchor.offset >= last
          ? { anchor, skip: anchor.offset - last, backwards: true }
          : undefined;
    if (near && (!best || near.skip < best.skip)) best = near;
  }
  return best;
}

function keepAnchors(anchors: Anchor[], offset: number, rows: readonly ArticleRow[]): void {
  for (const [row, at] of [
    [rows[0], offset],
    [rows[rows.length - 1], offset + rows.length - 1],
  ] as const) {
    if (!row?.published || anchors.some((a) => a.offset === at)) continue;
    anchors.push({ offset: at, published: row.published, title: row.title, rid: row.rid });
    if (anchors.length > ANCHORS_MAX) anchors.shift();
  }
}

/**
 * A page's rows. OFFSET walks the index from where it starts, so a page is read from the nearest row
 * an earlier page of this revision left (scrolling on in the middle of 27.8 million rows: 7-12 ms a
 * page, not 0.6-1.3 s), else from the end that skips fewer rows, backwards counted thrice (End costs
 * what Home does).
 */
function listRows(
  catalog: CatalogStore,
  { offset, limit, sort, readable }: ListQuery,
  total: number,
): ArticleRow[] {
  const count = Math.max(0, Math.min(limit, total - offset));
  const cost = (skip: number, backwards: boolean): number =>
    skip * (readsForwards(sort, backwards) ? 1 : BACKWARDS_SKIP_COST);
  const fromEnd = count > 0 && cost(total - offset - count, true) < cost(offset, false);
  const skip = fromEnd ? total - offset - count : offset;
  const anchors = once(catalog, `anchors|${sort}|${readable}`, (): Anchor[] => []);
  const near = count > 0 ? nearestAnchor(anchors, offset, count) : undefined;
  let rows: ArticleRow[] | undefined;
  if (near && cost(near.skip, near.backwards) * KEYED_SKIP_COST < cost(skip, fromEnd)) {
    const { anchor, backwards } = near;
    const got = catalog.db
      .prepare(anchoredSql(sort, readable, backwards))
      .all(anchor.published, anchor.title, anchor.rid, count, near.skip) as ArticleRow[];
    // Short: the page reaches the rows without a time (see anchoredSql), which OFFSET reads.
    if (got.length === count) rows = backwards ? got.reverse() : got;
  }
  rows ??= fromEnd
    ? (catalog.db.prepare(listSql(sort, readable, true)).all(count, skip) as ArticleRow[]).reverse()
    : (catalog.db.prepare(listSql(sort, readable, false)).all(limit, offset) as ArticleRow[]);
  keepAnchors(anchors, offset, rows);
  return rows;
}

/** One page of a list, each headline row with its fold's listings and readable article. */
export function listPage(
  catalog: CatalogStore,
  query: ListQuery,
): { articles: ListedArticle[]; total: number; counts: KindCounts } {
  const { sort, readable } = query;
  const counts = listCounts(catalog, readable);
  const total = counts.readable + counts.headlines;
  const rows = listRows(catalog, query, total);
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
