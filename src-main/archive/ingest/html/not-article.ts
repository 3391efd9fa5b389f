/**
 * Pages that are not articles, rejected with the reason: an index or list page (the extracted part is
 * mostly links and holds no prose), a login wall (a password field or a login prompt and little
 * else), an empty JavaScript shell (no text but menus; the page lives in scripts that never ran).
 */

export interface PageShape {
  /** Characters of paragraph text the extraction kept. */
  chars: number;
  /** Paragraphs that read as prose (a sentence's punctuation, 30 characters or more). */
  prose: number;
  /** Link text over all text in the element the extractor chose (the body when it chose none). */
  rootDensity: number;
  /** Headings in that element that are links: a channel page's headlines over their summaries. */
  linkedHeadings: number;
  /** All the page's visible text. */
  textChars: number;
  scriptChars: number;
  /** An empty element a script framework mounts its page into (`#app`, `#root`, `#__next`). */
  emptyMount: boolean;
  hasPassword: boolean;
}

export function notArticleReason(p: PageShape): string | undefined {
  if (p.hasPassword && p.prose < 2) return 'a login wall: a login form and no article text';
  if (p.prose === 0 && p.scriptChars > 1000 && (p.emptyMount || p.textChars < 200)) {
    return 'an empty JavaScript shell: no text outside its scripts and menus';
  }
  if (p.prose < 2 && p.rootDensity >= 0.4) return 'a list or index page: mostly links, no article text';
  if (p.linkedHeadings >= 5 && p.linkedHeadings >= p.prose) {
    return 'a list or index page: linked headlines with summaries, no article';
  }
  if (p.chars === 0) return 'no article text';
  return undefined;
}

/** Whether a paragraph reads as prose rather than a headline, a label or a link. */
export function isProse(text: string): boolean {
  return text.length >= 30 && /[，。！？；,.!?]/.test(text);
}

const MOUNT_ID = /^(?:app|root|__next|__nuxt|__layout|mount|main-app|vue-app|react-root)$/i;

/** Whether `id` names a script framework's mount point. */
export function isMountId(id: string | null): boolean {
  return id !== null && MOUNT_ID.test(id);
}

/** How many h2–h4 under `root` are links (their text mostly a link's). */
export function linkedHeadingCount(headings: { text: number; linkText: number }[]): number {
  return headings.filter((h) => h.text > 0 && h.linkText * 2 > h.text).length;
}
