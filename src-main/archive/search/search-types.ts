/**
 * The search request and result records: what the contract, the CLI and the renderer exchange.
 * Ranges are [start, end) offsets into the exact string they accompany.
 */
import type { ArticleKind, ArticleMeta } from '../model.js';

export type Range = [start: number, end: number];

export type SearchSort = 'relevance' | 'newest' | 'oldest';
export type SearchScope = 'articles' | 'notes' | 'both';

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

export interface SearchHit {
  article: ArticleMeta;
  score: number;
  titleRanges: Range[];
  /** About 80 characters around the best body (or snippet) match, with the match ranges in it. */
  context?: { text: string; ranges: Range[] };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** When nothing matched: close titles the user may have meant. */
  suggestions?: string[];
  tookMs: number;
}
