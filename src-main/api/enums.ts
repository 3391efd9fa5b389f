/**
 * The contract's vocabularies, each declared once, as an option list and the zod enum made from it:
 * the requests validate with the enums, the core's and the renderer's types are derived from them
 * (`z.infer`), the CLI checks its flags against the lists, and the renderer's choices must match them. A leaf module
 * (zod only), so the core may import it without importing the contract's handlers.
 */
import { z } from 'zod';
import type { ExportFormat as SharedExportFormat } from '../../src-shared/export-name.js';
import type { Locale } from '../../src-shared/i18n/translate.js';
import type { SourceStatus as ModelSourceStatus } from '../archive/model.js';

export const ARTICLE_KINDS = ['full', 'brief', 'headline'] as const;
export const articleKind = z.enum(ARTICLE_KINDS);
export type ArticleKind = z.infer<typeof articleKind>;

/** How search results are ordered. */
export const SEARCH_SORTS = ['relevance', 'newest', 'oldest'] as const;
export const searchSort = z.enum(SEARCH_SORTS);
export type SearchSort = z.infer<typeof searchSort>;

/** How the article list is ordered (search's orders without relevance). */
export const LIST_SORTS = ['newest', 'oldest'] as const satisfies readonly SearchSort[];
export const listSort = z.enum(LIST_SORTS);
export type ListSort = z.infer<typeof listSort>;

/** What a search looks in: articles, my notes (notes and highlighted quotes), or both. */
export const SEARCH_SCOPES = ['articles', 'notes', 'both'] as const;
export const searchScope = z.enum(SEARCH_SCOPES);
export type SearchScope = z.infer<typeof searchScope>;

export const THEME_SETTINGS = ['system', 'light', 'dark', 'sepia'] as const;
export const themeSetting = z.enum(THEME_SETTINGS);
export type ThemeSetting = z.infer<typeof themeSetting>;

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const highlightColor = z.enum(HIGHLIGHT_COLORS);
export type HighlightColor = z.infer<typeof highlightColor>;

/** What the library is exported as: Markdown notes, or the whole library as JSON. */
export const EXPORT_FORMATS = ['md', 'json'] as const;
export const exportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormat>;

/** A source file's outcome: what the Sources view filters by. */
export const SOURCE_STATUSES = ['imported', 'unchanged', 'duplicate', 'rejected'] as const;
export const sourceStatus = z.enum(SOURCE_STATUSES);
export type SourceStatus = z.infer<typeof sourceStatus>;

// The statuses here and the core's are the same set (a mismatch fails to compile).
const _sameStatuses: [SourceStatus, ModelSourceStatus] extends [ModelSourceStatus, SourceStatus]
  ? true
  : never = true;

/** The UI language: one of the text table's locales (src-shared/i18n), or the system's. */
export const LOCALE_SETTINGS = ['system', 'zh-CN', 'en'] as const;
export const localeSetting = z.enum(LOCALE_SETTINGS);
export type LocaleSetting = z.infer<typeof localeSetting>;

// The locales here and the text table's are the same set (a mismatch fails to compile).
const _sameLocales: [Exclude<LocaleSetting, 'system'>, Locale] extends [
  Locale,
  Exclude<LocaleSetting, 'system'>,
]
  ? true
  : never = true;

const _sameFormats: [ExportFormat, SharedExportFormat] extends [SharedExportFormat, ExportFormat]
  ? true
  : never = true;

/**
 * The option lists' types (exact tuples): the renderer types its own choice arrays with them, e.g.
 * `const KINDS: ArticleKinds = ['full', 'brief', 'headline']`, so a list that drifts fails to compile.
 */
export type ArticleKinds = typeof ARTICLE_KINDS;
export type SearchSorts = typeof SEARCH_SORTS;
export type ListSorts = typeof LIST_SORTS;
export type SearchScopes = typeof SEARCH_SCOPES;
export type ThemeSettings = typeof THEME_SETTINGS;
export type HighlightColors = typeof HIGHLIGHT_COLORS;
export type LocaleSettings = typeof LOCALE_SETTINGS;
export type SourceStatuses = typeof SOURCE_STATUSES;
export type ExportFormats = typeof EXPORT_FORMATS;
