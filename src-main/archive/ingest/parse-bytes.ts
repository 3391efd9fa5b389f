/**
 * One text page's bytes to the outcome the parse worker sends back: decoded, parsed, and each article
 * given its id. Apart from parse-worker.ts so that it can be run (and measured) off a worker.
 */
import { decodeBytes } from './decode.js';
import { parsePage } from './parse-page.js';
import { articleId } from './article-id.js';
import { titleFold } from '../search/search-text.js';
import type { ParseOutcome } from './parse-pool.js';
import type { ParsedArticle } from './parsed-page.js';

/** Each article's id and title fold, worked out here rather than on the import's one writing thread. */
export function withIds(articles: ParsedArticle[]): ParsedArticle[] {
  for (const a of articles) {
    a.id = articleId(a.title, a.publishedAt);
    a.fold = titleFold(a.title);
  }
  return articles;
}

export function parseBytes(bytes: Uint8Array): ParseOutcome {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const parsed = parsePage(decoded.text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, encoding: decoded.encoding };
  withIds(parsed.page.articles);
  return { ok: true, encoding: decoded.encoding, page: parsed.page };
}
