/**
 * The search request and result records: what the contract, the CLI and the renderer exchange.
 * Ranges are [start, end) offsets into the exact string they accompany.
 */
import type { ArticleKind, ArticleMeta } from '../model.js';
import type { Annotation } from '../library/library-types.js';

export type Range = [start: number, end: number];

import type { SearchSort } from '../../api/enums.js';

export type { SearchScope, SearchSort } from '../../api/enums.js';

export interface SearchQuery {
  q: string;
  limit?: number;
  offset?: number;
  kinds?: ArticleKind[];
  /** Inclusive dates, YYYY-MM-DD, China Standard Time. */
  from?: string;
  to?: string;
  sort?: SearchSort;
  /** Source file path: only articles that this file mentioned. */
  source?: string;
  /** Only these article ids (the caller resolves bookmarked / annotated to ids). */
  onlyIds?: string[];
}

/** One page that listed a headline, with the time that page gave it. */
export interface Listing {
  /** The headline entry (its id is derived from the title and this time). */
  id: string;
  /** The source file. */
  source: string;
  publishedAt?: string;
}

/**
 * An entry of a result list. The headline-only entries of one title (folded as search folds text:
 * NFKC, case, Traditional to Simplified) are one entry, standing for all of them.
 */
export interface ListedArticle extends ArticleMeta {
  /** Headline only: every page that listed this title, with its time, newest first. */
  listings?: Listing[];
  /** Headline only: the article of the same title that can be read (full or brief), to open instead. */
  readableId?: string;
}

/** A result list's entries by kind: articles that can be read (full or brief), headline-only rows. */
export interface KindCounts {
  readable: number;
  headlines: number;
}

/** A page of the article list (see headline-folds.ts). */
export interface FoldedListing {
  articles: ListedArticle[];
  /** Entries in all, and by kind. */
  total: number;
  counts: KindCounts;
}

export interface SearchHit {
  article: ListedArticle;
  score: number;
  titleRanges: Range[];
  /** About 80 characters around the best body (or snippet) match, with the match ranges in it. */
  context?: { text: string; ranges: Range[] };
}

/** A note or highlighted quote that matched a search (scope notes or both). */
export interface NoteResult {
  annotation: Annotation;
  article?: ArticleMeta;
  score: number;
  /** The matching text (note and quote) with the match ranges in it. */
  context: { text: string; ranges: Range[] };
  /** A bookmark's note: `annotation` stands in for it (id `bookmark:<articleId>`, no quote). */
  bookmark?: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Entries in all (headline-only listings of one title count once). */
  total: number;
  counts?: KindCounts;
  /** When nothing matched: close words (from the index's vocabulary), then close titles. */
  suggestions?: string[];
  /** The query held nothing searchable (only punctuation or symbols): answered as an empty query. */
  blank?: boolean;
  tookMs: number;
}
