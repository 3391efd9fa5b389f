/**
 * The archive's records, shared by every part of the core and (as types only) by the renderer.
 * Field names follow the design's Article record; anything internal to storage stays out of it.
 */
export type { ArticleKind } from '../api/enums.js';
import type { ArticleKind } from '../api/enums.js';
import type {
  ArticleImage,
  ExtractionWarning,
  HtmlTitleCue,
  PageFormat,
  TimeCue,
  TimePrecision,
} from './ingest/formats/saved-page.js';
export type { ArticleImage, PageFormat, TimePrecision } from './ingest/formats/saved-page.js';

/** What spoke for a headline being the page's own article's title (see ingest/title-cues.ts). */
export type TextTitleCue = 'clause' | 'run' | 'overlap' | 'position' | 'latest';
export type TitleCue = TextTitleCue | HtmlTitleCue;

export interface Block {
  type: 'heading' | 'paragraph' | 'figure';
  /** A figure's text is its caption (may be ''). */
  text: string;
  /** A figure's picture: an index into the article's `images`. */
  image?: number;
}

/** What the catalog keeps for every article: small, so 100,000 pages stay one modest JSON file. */
export interface ArticleMeta {
  /** Stable: derived from the normalised title and time, so re-imports and upgrades keep it. */
  id: string;
  title: string;
  label?: string;
  kind: ArticleKind;
  /** ISO 8601 with offset, e.g. 2022-09-13T08:49:19+08:00 (the pages give China Standard Time). */
  publishedAt?: string;
  byline?: string;
  /** Teaser text (brief) or the opening of the body (full). */
  snippet?: string;
  /** True when the page gave no headline for it and the title was taken from its first line. */
  titleInferred?: boolean;
  /** The cues that made one of the page's headlines this article's title (ingest/title-cues.ts). */
  titleCue?: TitleCue[];
  /** Absolute paths of every source file that mentioned the article. */
  sources: string[];
  /** How the source stored it (absent: `text`, the seed's format). */
  format?: PageFormat;
  /** `publishedAt`'s precision; absent means as the text format gives it (second). */
  publishedPrecision?: TimePrecision;
  /** Which cue gave an HTML page's time (see ingest/formats/saved-page.ts). */
  timeCue?: TimeCue;
  /** Where a saved page was captured from, and when (a capture time is never the published time). */
  url?: string;
  capturedAt?: string;
  /** The agency or account the page credits (`来源：新华社`), and its editor (`责任编辑：X`). */
  source?: string;
  editor?: string;
  /** Part N of a multi-page article. */
  part?: { index: number; total: number };
  /**
   * The key of the saved page's safe rewrite in the originals store (catalog/originals-store.ts,
   * made by catalog/original-page.ts `saveOriginal`), for the reader's original view.
   */
  original?: string;
}

/** A page of the article list, and how many articles there are in all. */
export interface ArticleListing {
  articles: ArticleMeta[];
  total: number;
}

/** An article with its body loaded (the body lives outside the catalog's metadata file). */
export interface Article extends ArticleMeta {
  blocks?: Block[];
  /** Pictures, referred to by figure blocks. */
  images?: ArticleImage[];
}

export type SourceStatus = 'imported' | 'unchanged' | 'duplicate' | 'rejected';

/**
 * Why a file was rejected (or set apart as a duplicate), as data: the shells word the code in the
 * user's language (the text table's `sources.reason.*`), and show the detail as the core wrote it.
 */
export type ImportReasonCode =
  /** No text at all, or whitespace only. */
  | 'empty'
  /** Not text: NUL bytes, or no encoding decodes it. */
  | 'binary'
  /** The file could not be read (missing, not a regular file, no permission). */
  | 'unreadable'
  /** Text, but neither an article body nor a headline list. */
  | 'format'
  /** The parser failed or was stopped (time or memory limit). */
  | 'parse'
  /** The same bytes as another source file (the detail is its path). */
  | 'duplicate'
  /** Past an import limit (file size, body length, headline count). */
  | 'tooLarge'
  /** A page that is not an article: a list or index page, a login wall, an empty JavaScript shell. */
  | 'notArticle'
  /** A container cut short or lying about its lengths (truncated gzip, a WARC record's Content-Length). */
  | 'truncated'
  /** A reason of no known kind: the detail says it all. */
  | 'other';

export interface ImportReason {
  code: ImportReasonCode;
  /** The particulars, in English as the core writes them (a size, a path, an error); may be ''. */
  detail: string;
}

/** One file the user imported, with the outcome of its latest import. */
export interface SourceRecord {
  path: string;
  sha256?: string;
  size: number;
  mtimeMs: number;
  status: SourceStatus;
  /** Why a file was rejected (or, for duplicates, the file it duplicates). */
  reason?: ImportReason;
  duplicateOf?: string;
  /** Detected encoding, e.g. utf-8, utf-16le, gb18030. */
  encoding?: string;
  articleIds: string[];
  importedAt: string;
  /** How the file stores its pages (absent: text). */
  format?: PageFormat;
  /** A container's pages (WARC, WACZ): how many it held, and how many gave no article. */
  pages?: { total: number; rejected: number };
  /** Pages imported with a low-confidence extraction (no title found, no time, a short body). */
  lowConfidence?: LowConfidencePage[];
}

/** A saved page imported although its extraction is unsure; Sources and `yuelan import --json` list it. */
export interface LowConfidencePage {
  title: string;
  /** The page's address in a container of many. */
  url?: string;
  warnings: ExtractionWarning[];
}

export interface ImportReport {
  files: {
    imported: number;
    unchanged: number;
    duplicate: number;
    rejected: number;
  };
  rejected: { path: string; reason: ImportReason }[];
  duplicates: { path: string; duplicateOf: string }[];
  /**
   * What the folder walks left out: links to outside the folders given, unreadable folders, entries
   * past the walk's limit (see ingest/collect-files.ts). Absent when nothing was.
   */
  skipped?: { path: string; reason: SkipReason }[];
  /** Files imported in part (a truncated archive, a record whose length lies), with why. */
  partial?: { path: string; reason: ImportReason }[];
  /** Pages imported with a low-confidence extraction, by file. */
  lowConfidence?: (LowConfidencePage & { path: string })[];
  /** Files imported and articles they gave, by how the files store their pages. */
  formats?: Partial<Record<PageFormat, { files: number; articles: number }>>;
  articles: {
    added: number;
    updated: number;
    upgraded: number;
  };
  cancelled: boolean;
  durationMs: number;
  /** Articles of the files covered whose title was guessed from the text (titleInferred). */
  titlesGuessed?: number;
}

export interface ImportProgress {
  done: number;
  total: number;
  current?: string;
}

/** How far a search index build or update is: articles indexed of those to index. */
export interface IndexProgress {
  done: number;
  total: number;
}

/** What the core tells its listeners (the shells forward them to the renderer as they are). */
export interface CoreEvents {
  'import:progress': ImportProgress;
  'archive:changed': { articles: number };
  /** The search index being built or updated: articles done of total; done === total at the end. */
  'search:indexing': IndexProgress;
}

/** Why a folder walk left an entry out (see ingest/collect-files.ts). */
export type SkipReason =
  /** A link whose real target is outside the folders given: not followed, nothing read. */
  | 'symlink outside the folder'
  /** A link (with a page file's name) whose target does not exist. */
  | 'symlink target missing'
  /** A link (with a page file's name) that resolves to itself through other links. */
  | 'symlink loop'
  /** A folder that could not be listed (permissions, removed while walking). */
  | 'unreadable folder'
  /** The walk visited `maxEntries` entries and stopped here; this entry and the rest were not seen. */
  | 'entry limit reached';

/** A store that was unreadable at open and what was done about it (worded by the shells). */
export type { RecoveryNotice } from '../../src-shared/recovery.js';
