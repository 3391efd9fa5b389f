/**
 * The contract: every channel between the renderer and the core, with its request schema and its
 * response type, in one table. The preload, ipcMain, the serve routes and the renderer client are all
 * driven by this table, so a new channel is one entry here and one handler in handlers.ts.
 * The renderer imports this file for types only.
 */
import { z } from 'zod';
import type { Article, ArticleMeta, CoreEvents, ImportReport, RecoveryNotice } from '../archive/model.js';
import type { FoldedListing, NoteResult, SearchResult } from '../archive/search/search-types.js';

import type { Annotation, Bookmark, ReadingState, Settings } from '../archive/library/library-types.js';
import type { Anchor } from '../archive/library/anchoring.js';
import type { Notice } from '../../src-shared/notice.js';
import {
  articleKind,
  exportFormat,
  listSort,
  localeSetting,
  searchScope,
  searchSort,
  sourceStatus,
  themeSetting,
} from './enums.js';
import type { SourcesPage } from '../archive/source-queries.js';
// The records' schemas are shared with an imported library's check (one set of rules at both doors).
import {
  annotationSchema,
  articleId,
  bookmarkSchema,
  color,
  position,
  tag,
} from '../archive/library/library-schemas.js';

/** A folder as the Sources view names it: a path ending in its separator. */
const folderPath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/[\\/]$/, 'a folder path ending in / or \\');

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'a real calendar date');

/*
 * The public types. The renderer imports these, and only as types, through the `$contract` alias
 * (tsconfig.web.json, electron.vite.config.ts, vitest.config.ts): never a path into src-main.
 */
export type {
  Article,
  ArticleImage,
  ArticleKind,
  ArticleListing,
  ArticleMeta,
  Block,
  ImportProgress,
  ImportReason,
  ImportReasonCode,
  ImportReport,
  PageFormat,
  RecoveryNotice,
  SkipReason,
  SourceRecord,
  SourceStatus,
  TimePrecision,
} from '../archive/model.js';
export type {
  Annotation,
  Bookmark,
  HighlightColor,
  LocaleSetting,
  ReadingState,
  Settings,
  ThemeSetting,
} from '../archive/library/library-types.js';
export type {
  FoldedListing,
  KindCounts,
  ListedArticle,
  Listing,
  NoteResult,
  Range,
  SearchHit,
  SearchScope,
  SearchSort,
} from '../archive/search/search-types.js';
export type { SourceCounts, SourceFolderCount, SourceRow, SourcesPage } from '../archive/source-queries.js';
export type { ArchiveResourceKind, YuelanBridge } from './bridge.js';
/*
 * The vocabularies (kind, sort, scope, theme, colour, locale): zod enums declared once in enums.ts.
 * Their option lists are values (the CLI's); the renderer takes their tuple types (`SearchScopes`)
 * for its own choice arrays.
 */
export {
  ARTICLE_KINDS,
  EXPORT_FORMATS,
  HIGHLIGHT_COLORS,
  LIST_SORTS,
  LOCALE_SETTINGS,
  SEARCH_SCOPES,
  SEARCH_SORTS,
  SOURCE_STATUSES,
  THEME_SETTINGS,
} from './enums.js';
export type {
  ArticleKinds,
  ExportFormat,
  ExportFormats,
  HighlightColors,
  ListSort,
  ListSorts,
  LocaleSettings,
  SearchScopes,
  SearchSorts,
  SourceStatuses,
  ThemeSettings,
} from './enums.js';

export type { Notice } from '../../src-shared/notice.js';
import { syncRequests } from './sync-contract.js';
import type { SyncResult, SyncStatus } from '../archive/sync/sync-types.js';
export type { OpenConflict, SyncResult, SyncStatus, SyncTarget } from '../archive/sync/sync-types.js';

export const requests = {
  'app:info': z.strictObject({}),
  'archive:list': z.strictObject({
    offset: z.int().min(0).optional(),
    limit: z.int().min(1).max(100_000).optional(),
    sort: listSort.optional(),
    /** Only articles that can be read (no headline-only entries). */
    readable: z.boolean().optional(),
  }),
  'archive:get': z.strictObject({ id: articleId }),
  'archive:days': z.strictObject({ readable: z.boolean().optional() }),
  'archive:search': z.strictObject({
    q: z.string().max(500),
    limit: z.int().min(1).max(1000).optional(),
    offset: z.int().min(0).optional(),
    kinds: z.array(articleKind).max(3).optional(),
    from: day.optional(),
    to: day.optional(),
    sort: searchSort.optional(),
    source: z.string().max(4096).optional(),
    bookmarked: z.boolean().optional(),
    annotated: z.boolean().optional(),
    /** Articles, my notes (annotation notes and highlighted quotes), or both. */
    scope: searchScope.optional(),
    /** Only articles that can be read (no headline-only entries). */
    readable: z.boolean().optional(),
  }),
  'archive:import': z.strictObject({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    extensions: z
      .array(z.string().regex(/^\.[\w-]{1,16}$/))
      .max(20)
      .optional(),
  }),
  'archive:cancelImport': z.strictObject({}),
  /** A page of the source files (see archive/source-queries.ts); never the whole list. */
  'archive:sourcesPage': z.strictObject({
    offset: z.int().min(0).optional(),
    limit: z.int().min(1).max(1000).optional(),
    status: sourceStatus.optional(),
    folder: folderPath.optional(),
    q: z.string().max(500).optional(),
    withArticles: z.boolean().optional(),
    folders: z.boolean().optional(),
  }),
  'archive:removeSource': z.strictObject({ path: z.string().min(1).max(4096) }),
  'archive:reimportSource': z.strictObject({ path: z.string().min(1).max(4096) }),
  /** Forgets every file directly in a folder; answers their paths (Undo imports them again). */
  'archive:removeFolder': z.strictObject({ folder: folderPath }),
  'library:bookmarks': z.strictObject({}),
  'library:setBookmark': z.strictObject({
    articleId,
    bookmarked: z.boolean(),
    tags: z.array(tag).max(50).optional(),
    note: z.string().max(10_000).optional(),
  }),
  'library:removeBookmarks': z.strictObject({ articleIds: z.array(articleId).min(1).max(100_000) }),
  'library:annotations': z.strictObject({ articleId: articleId.optional() }),
  /** A highlight of the selection at `position` (the reader), or of the first occurrence of `quote`. */
  'library:addAnnotation': z
    .strictObject({
      articleId,
      position: position.optional(),
      quote: z.string().min(1).max(10_000).optional(),
      color,
      note: z.string().max(100_000).optional(),
      tags: z.array(tag).max(50).optional(),
    })
    .refine((r) => (r.position === undefined) !== (r.quote === undefined), 'either position or quote'),
  'library:updateAnnotation': z.strictObject({
    id: z.string().min(1).max(100),
    color: color.optional(),
    note: z.string().max(100_000).optional(),
    tags: z.array(tag).max(50).optional(),
  }),
  'library:deleteAnnotations': z.strictObject({
    ids: z.array(z.string().min(1).max(100)).min(1).max(100_000),
  }),
  /** Put removed records back (undo). */
  'library:restore': z.strictObject({
    bookmarks: z.array(bookmarkSchema).max(100_000).optional(),
    annotations: z.array(annotationSchema).max(100_000).optional(),
  }),
  /** `locale`: the language the Markdown is worded and dated in (default English). */
  'library:export': z.strictObject({
    format: exportFormat,
    locale: localeSetting.exclude(['system']).optional(),
  }),
  'library:importLibrary': z.strictObject({
    content: z
      .string()
      .min(1)
      .max(50 * 1024 * 1024),
  }),
  'library:reading': z.strictObject({}),
  'library:setReading': z.strictObject({ articleId, position: z.number().min(0).max(1) }),
  'library:settings': z.strictObject({}),
  'library:updateSettings': z.strictObject({
    theme: themeSetting.optional(),
    fontSize: z.int().min(12).max(32).optional(),
    locale: localeSetting.optional(),
    readableOnly: z.boolean().optional(),
  }),
  ...syncRequests,
} as const;

export interface AppInfo {
  version: string;
  dataDir: string;
  /** Entries of the All articles list as the user has it (archive:list's total, readable only or not). */
  articles: number;
  /** Source files in the catalog. */
  sources: number;
  /** What was recovered at start, as data: each shell words it (src-shared/recovery.ts). */
  recoveryNotices?: RecoveryNotice[];
  /** The search index build under way when asked (then followed by 'search:indexing' events). */
  indexing?: { done: number; total: number };
  /** The bundled demo archive's folder (imported on first use), so Sources can offer to remove it. */
  seedsDir?: string;
}

export interface BookmarkEntry extends Bookmark {
  /** Missing when the article has left the catalog (its source was removed); the bookmark stays. */
  article?: ArticleMeta;
}

/** An annotation as shown: where it anchors in the article's current text, and its article. */
export interface AnnotationView extends Annotation {
  /** Present when listed for one article: where it sits now, or orphaned. */
  anchor?: Anchor;
  article?: ArticleMeta;
}

/** What each channel answers. */
export interface Responses {
  'app:info': AppInfo;
  /** Headline-only entries of one title are one entry (see archive/search/headline-folds.ts). */
  'archive:list': FoldedListing;
  'archive:get': Article & { bookmarked: boolean; reading?: ReadingState };
  /** Articles per day (China Standard Time), newest day first: the timeline strip. */
  'archive:days': { day: string; count: number }[];
  'archive:search': SearchResult & { notes?: NoteResult[] };
  'archive:import': ImportReport;
  'archive:cancelImport': { cancelled: boolean };
  'archive:sourcesPage': SourcesPage;
  'archive:removeSource': { removed: boolean };
  'archive:reimportSource': ImportReport;
  'archive:removeFolder': { removed: string[] };
  'library:bookmarks': BookmarkEntry[];
  'library:setBookmark': { bookmarked: boolean; bookmark?: Bookmark };
  'library:removeBookmarks': { removed: Bookmark[] };
  'library:annotations': AnnotationView[];
  'library:addAnnotation': AnnotationView;
  'library:updateAnnotation': Annotation;
  'library:deleteAnnotations': { removed: Annotation[] };
  'library:restore': { bookmarks: number; annotations: number };
  'library:export': { content: string; fileName: string; mimeType: string };
  'library:importLibrary': { bookmarks: number; annotations: number };
  'library:reading': Record<string, ReadingState>;
  'library:setReading': ReadingState;
  'library:settings': Settings;
  'library:updateSettings': Settings;
  'sync:setup': { created: boolean; encrypted: boolean };
  'sync:run': SyncResult;
  'sync:test': { ok: true; files: number } | { ok: false; message: string };
  'sync:status': SyncStatus;
  'sync:resolve': { resolved: true };
  'sync:off': { off: true };
}

/** What the desktop menu asks the renderer to do (Electron only). */
export type AppCommand =
  | 'focus-search'
  | 'go-back'
  | 'go-forward'
  | 'show-shortcuts'
  | 'open-settings'
  | 'open-sources'
  | 'font-bigger'
  | 'font-smaller'
  | 'font-reset'
  | 'theme-system'
  | 'theme-light'
  | 'theme-dark'
  | 'theme-sepia';

/**
 * Events pushed to the renderer: the core's (model.ts), and the desktop shell's own. Declared here
 * once; bridge.ts's EVENT_NAMES, the list the preload accepts, is checked against it by the compiler.
 */
export interface Events extends CoreEvents {
  'app:command': { command: AppCommand };
  /** What the desktop shell did (an import from the menu, an error), as data the renderer words. */
  'app:notice': Notice;
}

export type Channel = keyof typeof requests;
export type EventName = keyof Events;
export type Request<C extends Channel> = z.input<(typeof requests)[C]>;
export type ParsedRequest<C extends Channel> = z.output<(typeof requests)[C]>;
export type Response<C extends Channel> = Responses[C];

export const channels = Object.keys(requests) as Channel[];

export type ErrorCode = 'BAD_CHANNEL' | 'BAD_REQUEST' | 'NOT_FOUND' | 'BUSY' | 'INTERNAL';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

/** Every answer crosses the boundary as data, never as a thrown error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}
