/**
 * HTML left inside a saved page's text (pages saved from a browser's source view, or scraped with
 * markup). The archive holds text: markup is reduced to its text, scripts and styles are dropped whole,
 * and block-level tags become line breaks so paragraphs stay paragraphs.
 */

/** Only tags that really occur in saved pages count: `a<b` or `《书名》` must not trigger stripping. */
const HTML_TAG =
  /<\/?(?:p|br|div|span|a|b|i|u|em|strong|font|img|script|style|html|head|body|meta|link|table|tr|td|th|ul|ol|li|h[1-6]|section|article|header|footer|nav|iframe|center|small|sup|sub|blockquote|pre|hr)\b[^<>]*>/i;

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
};

export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

export function stripHtml(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(?:br|hr)\b[^<>]*>/gi, '\n')
    .replace(/<\/(?:p|div|li|tr|h[1-6]|section|article|blockquote|pre|header|footer|table)\s*>/gi, '\n')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) =>
      decodeEntity(whole, name),
    );
}

function decodeEntity(whole: string, name: string): string {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // Control characters and out-of-range code points stay as written: they are not text.
    if (!Number.isFinite(code) || code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return whole;
    }
    return String.fromCodePoint(code);
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}
