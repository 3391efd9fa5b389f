/**
 * What parsing one source gives: the articles a page holds (a text page gives many; a saved HTML page,
 * MHTML file or web archive gives one per page it holds), in the form the importer merges.
 */
import type { Article, ImportReason, LowConfidencePage, PageFormat } from '../model.js';

/**
 * An article as the page gives it: the catalog's record without its id and sources, which the
 * importer adds (one list of fields, so a new field of the record cannot be forgotten here).
 */
export interface ParsedArticle extends Omit<Article, 'id' | 'sources'> {
  /**
   * Its id (article-id.ts), worked out by the parse worker from the title and time it gave: a step
   * the import's one writing thread then skips. Absent: the importer works it out.
   */
  id?: string;
  /** Its title's fold for the catalog's lists (search-text.ts `titleFold`), worked out with its id. */
  fold?: string;
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
