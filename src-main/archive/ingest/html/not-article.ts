/**
 * Pages that are not articles, rejected with the reason: an index or list page (mostly links, no
 * prose), a login wall (a password field or a login prompt and little else), an empty JavaScript
 * shell (the text is all in scripts that never ran).
 */

export interface PageShape {
  /** Characters of paragraph text the extraction kept. */
  chars: number;
  /** The whole page's visible text. */
  pageText: string;
  density: { links: number; text: number; count: number };
  scriptChars: number;
  hasPassword: boolean;
  hasTime: boolean;
}

export function notArticleReason(p: PageShape): string | undefined {
  const visible = p.pageText.length;
  if (visible < 40 && p.scriptChars > 200) return 'an empty JavaScript shell: no text outside its scripts';
  if (p.chars >= 200) return undefined;
  if (p.hasPassword && p.chars < 150) return 'a login wall: a login form and no article text';
  if (p.chars < 150 && p.density.count >= 15 && p.density.links * 10 >= p.density.text * 3) {
    return 'a list or index page: mostly links, no article text';
  }
  if (visible < 40) return 'no text';
  return undefined;
}
