/**
 * An article as the catalog keeps it, and how a row of the `articles` table becomes one: id, title,
 * kind, date and body reference are columns (ARTICLE_COLUMNS), the rest of the metadata is JSON, and
 * the source paths are joined in from `article_sources`. The store and the lists (catalog-lists.ts)
 * read rows this way; the search index's change feed reads them without the join.
 */
import type { ArticleMeta } from '../model.js';
import { KIND_NAME } from './catalog-schema.js';
import type { Statements } from './catalog-statements.js';

/** Catalog entry: the public metadata plus where its body is kept. */
export interface StoredArticle extends ArticleMeta {
  /** Key of the body record (the sha256 of the source page that gave the body). */
  bodyRef?: string;
}

/** What the search index needs of an article (see search/index-feed.ts). */
export type IndexedArticle = Pick<
  StoredArticle,
  'id' | 'title' | 'kind' | 'publishedAt' | 'label' | 'byline' | 'snippet' | 'bodyRef'
>;

/** Columns of an article row, as read back (ARTICLE_COLUMNS). */
export interface ArticleRow {
  rid: number;
  id: string;
  kind: number;
  title: string;
  published: string | null;
  body_ref: string | null;
  seq: number;
  meta: string;
}

/** An article row as the store's record, with its sources' paths (one more query). */
export function storedFromRow(q: Statements, row: ArticleRow): StoredArticle {
  const out = JSON.parse(row.meta) as StoredArticle;
  out.id = row.id;
  out.title = row.title;
  out.kind = KIND_NAME[row.kind]!;
  if (row.published !== null) out.publishedAt = row.published;
  if (row.body_ref !== null) out.bodyRef = row.body_ref;
  out.sources = (q.sourcesOfArticle.all(row.rid) as { path: string }[]).map((r) => r.path);
  return out;
}

/** An article row as the search index reads it (changesSince): no sources, so no join. */
export function indexedFromRow(row: ArticleRow): IndexedArticle {
  const meta = JSON.parse(row.meta) as Partial<StoredArticle>;
  const article: IndexedArticle = { id: row.id, title: row.title, kind: KIND_NAME[row.kind]! };
  if (row.published !== null) article.publishedAt = row.published;
  if (row.body_ref !== null) article.bodyRef = row.body_ref;
  if (meta.label) article.label = meta.label;
  if (meta.byline) article.byline = meta.byline;
  if (meta.snippet) article.snippet = meta.snippet;
  return article;
}
