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

/**
 * Every step is linear in the text: comments and raw-text elements (script, style, iframe) are found
 * with `indexOf` scans (the patterns `<!--[\s\S]*?-->` and `<(script|…)>[\s\S]*?</\1>` rescan to
 * the end of the text for every unclosed opener, which made `<!--` ×N quadratic), and the remaining
 * patterns have no nested or overlapping quantifiers. The result is the same as those patterns'.
 */
export function stripHtml(text: string): string {
  return removeRawTextElements(removeComments(text))
    .replace(/<(?:br|hr)\b[^<>]*>/gi, '\n')
    .replace(/<\/(?:p|div|li|tr|h[1-6]|section|article|blockquote|pre|header|footer|table)\s*>/gi, '\n')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) =>
      decodeEntity(whole, name),
    );
}

/**
 * `<!-- … -->` removed, as `text.replace(/<!--[\s\S]*?-->/g, '')` does: an opener without a closer
 * after it stays as written, and so does everything after it (no later opener can be closed either).
 */
export function removeComments(text: string): string {
  let open = text.indexOf('<!--');
  if (open < 0) return text;
  const out: string[] = [];
  let pos = 0;
  while (open >= 0) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out.push(text.slice(pos, open));
    pos = close + 3;
    open = text.indexOf('<!--', pos);
  }
  out.push(text.slice(pos));
  return out.join('');
}

const RAW_TEXT_ELEMENTS = ['script', 'style', 'iframe'] as const;

/** ASCII letters, digits and `_`: what `\b` sees as a word character (without the `u` flag). */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** Whether `name` (lower-case ASCII) is at `at`, compared without ASCII case. */
function asciiNameAt(text: string, at: number, name: string): boolean {
  if (at + name.length > text.length) return false;
  for (let i = 0; i < name.length; i++) {
    let c = text.charCodeAt(at + i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

function rawTextElementAt(text: string, at: number): string | undefined {
  for (const name of RAW_TEXT_ELEMENTS) if (asciiNameAt(text, at, name)) return name;
  return undefined;
}

/**
 * Script, style and iframe elements removed whole, as
 * `text.replace(/<(script|style|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')` does, in linear time: the
 * next `>` and each element's next closing tag are searched at most once per stretch of text (a search
 * that found nothing is remembered, so an unclosed opener repeated N times costs one scan, not N).
 */
export function removeRawTextElements(text: string): string {
  if (text.indexOf('<') < 0) return text;
  const out: string[] = [];
  let pos = 0;
  let cursor = 0;
  // The next `>` at or after gtFrom is at gtAt (-1: none).
  let gtFrom = -1;
  let gtAt = -1;
  // A closing-tag search from failedFrom[name] found nothing: so does every search from further on.
  const failedFrom: Record<string, number> = {};
  for (;;) {
    const lt = text.indexOf('<', cursor);
    if (lt < 0) break;
    cursor = lt + 1;
    const name = rawTextElementAt(text, lt + 1);
    if (!name) continue;
    const nameEnd = lt + 1 + name.length;
    if (nameEnd < text.length && isWordChar(text.charCodeAt(nameEnd))) continue;
    if (gtFrom < 0 || nameEnd < gtFrom || (gtAt >= 0 && nameEnd > gtAt)) {
      gtFrom = nameEnd;
      gtAt = text.indexOf('>', nameEnd);
    }
    if (gtAt < 0) break; // no opener from here on can be complete
    const from = gtAt + 1;
    if (from >= (failedFrom[name] ?? Infinity)) continue;
    const closer = new RegExp(`</${name}\\s*>`, 'gi');
    closer.lastIndex = from;
    const m = closer.exec(text);
    if (!m) {
      failedFrom[name] = from;
      continue;
    }
    out.push(text.slice(pos, lt));
    pos = cursor = m.index + m[0].length;
  }
  if (pos === 0) return text;
  out.push(text.slice(pos));
  return out.join('');
}

function decodeEntity(whole: string, name: string): string {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // Control characters (C0, DEL and C1) and out-of-range code points stay as written: they are not text.
    if (
      !Number.isFinite(code) ||
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      return whole;
    }
    return String.fromCodePoint(code);
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}
