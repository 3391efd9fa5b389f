/**
 * What parsing one source gives: the articles a page holds (a text page gives many; a saved HTML page,
 * MHTML file or web archive gives one per page it holds), in the form the importer merges.
 */
import type {
  ArticleImage,
  ArticleKind,
  Block,
  ImportReason,
  LowConfidencePage,
  PageFormat,
  TimePrecision,
} from '../model.js';
import type { TimeCue } from './formats/saved-page.js';
import type { TitleCue } from './title-cues.js';

export interface ParsedArticle {
  title: string;
  label?: string;
  kind: ArticleKind;
  /** ISO 8601 with the page's offset (+08:00), or `YYYY-MM-DD` alone when only a day is known. */
  publishedAt?: string;
  byline?: string;
  blocks?: Block[];
  snippet?: string;
  /** The cues that made a headline the page's own article's title (see title-cues.ts). */
  titleCue?: TitleCue[];
  /** The page gave no headline for it: the title was taken from its own text. */
  titleInferred?: boolean;
  /** Saved pages (HTML, MHTML, WARC, WACZ): what the container and the extractor brought. */
  format?: PageFormat;
  publishedPrecision?: TimePrecision;
  timeCue?: TimeCue;
  url?: string;
  capturedAt?: string;
  source?: string;
  editor?: string;
  part?: { index: number; total: number };
  images?: ArticleImage[];
  /** The page's safe rewrite in the originals store (the reader's original view). */
  original?: string;
  /**
   * The position of its page in a container of many (WARC, WACZ): its body is kept under a reference
   * of its own (see import-merge.ts `bodyRefOf`), so no body record grows with the container.
   */
  page?: number;
  /** Its body went to the catalog while its archive was read (see import-pages.ts `BodySink`). */
  bodyKept?: boolean;
}

export interface ParsedPage {
  articles: ParsedArticle[];
  /** Lines that fit no part of the format (a cut-off entry, a stray line); they are left out. */
  skipped?: number;
  /** How the source stores its pages (absent: text). */
  format?: PageFormat;
  /** Pages a container held, and how many of them gave no article (see SourceRecord.pages). */
  pages?: { total: number; rejected: number };
  /** Pages imported with a low-confidence extraction. */
  lowConfidence?: LowConfidencePage[];
  /** Why the source was imported only in part (a truncated gzip, a record whose length lies). */
  partial?: ImportReason;
}

export type ParseResult = { ok: true; page: ParsedPage } | { ok: false; reason: string };
