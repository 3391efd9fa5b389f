/**
 * Article ids: stable across re-imports, files and scripts, because bookmarks and annotations hang on
 * them. An id is derived from the folded title (width, case, Traditional/Simplified, punctuation and
 * spaces ignored) and the publication time, so the same story met again — as a headline, a teaser or
 * a full body, in another file or another script — lands on the same id.
 */
import * as crypto from 'node:crypto';
import { foldKey } from '../text/normalize.js';

// The one-shot hash (Node 20.12 on) makes no Hash object: a page's thirty ids cost half as much.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function articleId(title: string, publishedAt?: string): string {
  return sha256Hex(`${foldKey(title)}\n${publishedAt ?? ''}`).slice(0, 16);
}

/** An article's id: the one its parser gave, or worked out here. */
export function idOf(a: {
  id?: string | undefined;
  title: string;
  publishedAt?: string | undefined;
}): string {
  return a.id ?? articleId(a.title, a.publishedAt);
}
