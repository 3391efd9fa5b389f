/** What the reader shows as an article's text: its blocks, or for a brief its snippet. */
import type { Article, Block } from '$contract';

export function readableBlocks(article: Article): Block[] {
  if (article.kind === 'full') return article.blocks ?? [];
  return article.snippet ? [{ type: 'paragraph', text: article.snippet }] : [];
}
