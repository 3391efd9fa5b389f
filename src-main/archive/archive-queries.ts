/**
 * What the shells ask of an opened archive, answered in the core so every shell (the app through the
 * contract, the CLI, the desktop menu) gets the same answer: the article list in time order (sorted
 * once per catalog change, not per page), the timeline's days, search over articles and the user's
 * notes with the same filters, an article with its reading state, the library export. The lists
 * come from the catalog's SQL (catalog/catalog-lists.ts).
 */
import { archiveDay } from '../../src-shared/archive-day.js';
import { exportFileName, type ExportFormat } from '../../src-shared/export-name.js';
import type { Locale } from '../../src-shared/i18n/translate.js';
import type { CatalogStore } from './catalog/catalog-store.js';
import type { LibraryStore } from './library/library-store.js';
import type { Annotation, Bookmark, ReadingState } from './library/library-types.js';
import type { FoldedListing, NoteResult } from './search/search-types.js';
import { countTitlesGuessed, dayCounts, listPage } from './catalog/catalog-lists.js';
import { exportLibraryJson, exportLibraryMarkdown } from './library/library-export.js';
import type { Article, ArticleKind, ArticleListing, ArticleMeta, ImportReport } from './model.js';
import type { SearchService } from './search/search-service.js';
import type { SearchQuery, SearchResult, SearchScope } from './search/search-types.js';
import type { ListSort } from '../api/enums.js';

/** The parts of an opened archive the queries read (ArchiveCore has them all). */
export interface ArchiveParts {
  catalog: CatalogStore;
  library: LibraryStore;
  search: SearchService;
}

export type { ArticleListing, ListSort, NoteResult };

const READABLE: ArticleKind[] = ['full', 'brief'];

export interface ArchiveSearch extends Omit<SearchQuery, 'onlyIds'> {
  bookmarked?: boolean;
  annotated?: boolean;
  /** Articles, my notes (annotation notes and highlighted quotes), or both (default articles). */
  scope?: SearchScope;
  /** Only articles that can be read (full or brief): no headline-only entries. */
  readable?: boolean;
}

export type { FoldedListing };

/** One page of All articles in time order, headline-only entries folded (SQL: catalog-lists.ts). */
export function listArticles(
  catalog: CatalogStore,
  {
    offset = 0,
    limit = 200,
    sort = 'newest',
    readable = false,
  }: { offset?: number; limit?: number; sort?: ListSort; readable?: boolean },
): FoldedListing {
  return listPage(catalog, { offset, limit, sort, readable });
}

/**
 * Entries per archive day (China Standard Time), newest day first: the timeline strip. They count the
 * rows of the newest-first list (folded, or readable only), so a day's place in it follows from them.
 */
export function articleDays(
  catalog: CatalogStore,
  { readable = false }: { readable?: boolean } = {},
): { day: string; count: number }[] {
  return dayCounts(catalog, readable);
}

/** An article with its body, whether it is bookmarked and where the user stopped reading it. */
export async function readArticle(
  { catalog, library }: ArchiveParts,
  id: string,
): Promise<(Article & { bookmarked: boolean; reading?: ReadingState }) | undefined> {
  const article = await catalog.getArticle(id);
  if (!article) return undefined;
  const reading = library.reading(id);
  return { ...article, bookmarked: library.isBookmarked(id), ...(reading ? { reading } : {}) };
}

/**
 * Search the articles, the user's notes, or both. The kind, date and source filters apply to a note
 * through its article (a note whose article has left the archive passes only when none is set), and
 * before the limit, so every shell gets the same notes.
 */
export async function searchArchive(
  { catalog, library, search }: ArchiveParts,
  { bookmarked, annotated, scope = 'articles', readable, ...query }: ArchiveSearch,
): Promise<SearchResult & { notes?: NoteResult[] }> {
  if (readable) {
    const kinds = (query.kinds?.length ? query.kinds : READABLE).filter((k) => k !== 'headline');
    // Headlines only, and readable only: nothing is both.
    if (!kinds.length) return { hits: [], total: 0, counts: { readable: 0, headlines: 0 }, tookMs: 0 };
    query = { ...query, kinds };
  }
  let onlyIds: string[] | undefined;
  if (bookmarked) onlyIds = library.listBookmarks().map((b) => b.articleId);
  if (annotated) {
    const withNotes = new Set(library.listAnnotations().map((a) => a.articleId));
    onlyIds = (onlyIds ?? [...withNotes]).filter((id) => withNotes.has(id));
  }
  const result =
    scope === 'notes'
      ? { hits: [], total: 0, tookMs: 0 }
      : await search.search({ ...query, ...(onlyIds ? { onlyIds } : {}) });
  if (scope === 'articles') return result;
  const passes = noteFilter(query);
  const annotations = new Map<string, Annotation>();
  for (const a of library.listAnnotations()) {
    if (passes(catalog.getMeta(a.articleId))) annotations.set(a.id, a);
  }
  const docs = [...annotations.values()].map((a) => ({
    id: a.id,
    articleId: a.articleId,
    text: a.note ? `${a.note}\n${a.target.quote.exact}` : a.target.quote.exact,
  }));
  // Bookmark notes too, each as a note without a quote (see bookmarkNote).
  for (const b of library.listBookmarks()) {
    if (!b.note || !passes(catalog.getMeta(b.articleId))) continue;
    const stand = bookmarkNote(b);
    annotations.set(stand.id, stand);
    docs.push({ id: stand.id, articleId: b.articleId, text: b.note });
  }
  const found = await search.searchNotes(query.q, docs, query.limit ?? 20);
  const notes = found.flatMap((hit) => {
    const annotation = annotations.get(hit.id);
    if (!annotation) return [];
    const article = catalog.getMeta(hit.articleId);
    const bookmark = annotation.id.startsWith(BOOKMARK_NOTE) ? { bookmark: true } : {};
    return [
      { annotation, score: hit.score, context: hit.context, ...bookmark, ...(article ? { article } : {}) },
    ];
  });
  return { ...result, notes };
}

const BOOKMARK_NOTE = 'bookmark:';

/** A bookmark's note in a note result's shape: id `bookmark:<articleId>`, no quote, no position. */
function bookmarkNote(b: Bookmark): Annotation {
  const none = { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 0 };
  return {
    id: `${BOOKMARK_NOTE}${b.articleId}`,
    articleId: b.articleId,
    color: 'yellow',
    ...(b.note ? { note: b.note } : {}),
    tags: [...b.tags],
    target: { position: none, quote: { exact: '', prefix: '', suffix: '' } },
    createdAt: b.createdAt,
    updatedAt: b.createdAt,
  };
}

/** Whether a note's article passes the kind, date and source filters. */
function noteFilter(q: {
  kinds?: ArticleKind[];
  from?: string;
  to?: string;
  source?: string;
}): (article: ArticleMeta | undefined) => boolean {
  const kinds = q.kinds?.length ? q.kinds : undefined;
  if (!kinds && !q.from && !q.to && !q.source) return () => true;
  return (article) => {
    if (!article) return false;
    if (kinds && !kinds.includes(article.kind)) return false;
    if (q.source && !article.sources.includes(q.source)) return false;
    if (!q.from && !q.to) return true;
    const day = archiveDay(article.publishedAt);
    return day !== '' && (!q.from || day >= q.from) && (!q.to || day <= q.to);
  };
}

/** The user's notes (Markdown) or whole library (JSON), with the file name to save it under. */
export function exportLibrary(
  { catalog, library }: Pick<ArchiveParts, 'catalog' | 'library'>,
  format: ExportFormat,
  now = new Date(),
  locale: Locale = 'en',
): { content: string; fileName: string; mimeType: string } {
  return format === 'md'
    ? {
        content: exportLibraryMarkdown(library, catalog, locale, now),
        fileName: exportFileName('md', now),
        mimeType: 'text/markdown',
      }
    : {
        content: exportLibraryJson(library),
        fileName: exportFileName('json', now),
        mimeType: 'application/json',
      };
}

/**
 * How many articles from files inside `paths` have a guessed title (no headline of the page named
 * them: titleInferred), counted from the catalog after an import, for its report.
 */
export function titlesGuessed(catalog: CatalogStore, paths: readonly string[]): number {
  return countTitlesGuessed(catalog, paths);
}

/** An import's report with the guessed titles among the files it covered. */
export function withTitlesGuessed(
  catalog: CatalogStore,
  report: ImportReport,
  paths: readonly string[],
): ImportReport {
  const n = titlesGuessed(catalog, paths);
  return n > 0 ? { ...report, titlesGuessed: n } : report;
}
