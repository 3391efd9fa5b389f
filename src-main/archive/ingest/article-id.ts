/**
 * Article ids: stable across re-imports, files and scripts, because bookmarks and annotations hang on
 * them. An id is derived from the folded title (width, case, Traditional/Simplified, punctuation and
 * spaces ignored) and the publication time, so the same story met again — as a headline, a teaser or
 * a full body, in another file or another script — lands on the same id.
 */
import { createHash } from 'node:crypto';
import { foldKey } from '../text/normalize.js';

export function articleId(title: string, publishedAt?: string): string {
  return createHash('sha256')
    .update(`${foldKey(title)}\n${publishedAt ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/** An article's id: the one its parser gave, or worked out here. */
export function idOf(a: {
  id?: string | undefined;
  title: string;
  publishedAt?: string | undefined;
}): string {
  return a.id ?? articleId(a.title, a.publishedAt);
}
