/**
 * What the search index needs from the catalog: a change feed. Every write to an article gives it a
 * new change sequence number; the index records the catalog's id and the number it has indexed
 * through (in the same transaction as the postings of that chunk), so it catches up from where it
 * stopped, after an import or after being killed halfway through a build. Declared here, structurally:
 * the SQLite catalog provides exactly this.
 */
import type { ArticleKind } from '../model.js';
import { hash2 } from './index-codec.js';

/** An article as the index reads it (the catalog's metadata, without its sources). */
export interface IndexedArticle {
  id: string;
  title: string;
  kind: ArticleKind;
  publishedAt?: string;
  label?: string;
  byline?: string;
  snippet?: string;
  bodyRef?: string;
}

export interface IndexFeed {
  /** A random id of this catalog: a different one means the index starts over. */
  readonly catalogId: string;
  /** The highest change sequence number in the catalog. */
  readonly changeSeq: number;
  /** Live articles inserted or updated after `seq`, ascending seq. */
  changesSince(seq: number, limit: number): { seq: number; article: IndexedArticle }[];
  /** Articles deleted after `seq` (and not written again since), ascending seq. */
  removedSince(seq: number, limit: number): { seq: number; id: string }[];
  getBody(id: string, options?: { cache?: boolean }): Promise<{ blocks: { text: string }[] } | undefined>;
  /** Ids of the articles a source file mentions (the search's source filter). */
  articleIdsOfSource(path: string): string[];
}

/**
 * A signature of what the index keeps of an article: an update that leaves it unchanged (another page
 * listing the same headline adds a source, nothing else) is not indexed again.
 */
export function articleSignature(a: IndexedArticle): string {
  const s = `${a.kind}|${a.bodyRef ?? ''}|${a.publishedAt ?? ''}|${a.title}|${a.label ?? ''}|${a.byline ?? ''}|${a.snippet ?? ''}`;
  // Two lanes: short to persist, collisions irrelevant at this scale.
  const [h1, h2] = hash2(s, 0x01000193);
  return `${a.kind[0]}${h1.toString(36)}${h2.toString(36)}${s.length.toString(36)}`;
}
