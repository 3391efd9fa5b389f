/**
 * One saved page's HTML bytes to one clean article: decode (encoding.ts), parse with linkedom, read
 * the Chinese-news cues (title-cues.ts, time-cues.ts), then take the body. Pure and synchronous: no
 * file or network access; pictures keep their URL resolved against the page's, and the pipeline
 * fills `media` from what the archive holds.
 */
import { Readability } from '@mozilla/readability';
import type { Block } from '../../model.js';
import type { ArticleImage, Extraction, ExtractionWarning } from '../formats/saved-page.js';
import { MAX_BODY_CHARS } from '../parse-page.js';
import { decodeHtml } from './encoding.js';
import {
  cleanText,
  isElement,
  jsonLd,
  jsonLdString,
  metaContent,
  parseDocument,
  textOf,
  type DomElement,
  type DomNode,
} from './dom.js';
import { findTitle } from './title-cues.js';
import { parseTimeText, printedTimes, type FoundTime } from './time-cues.js';

export { looksLikeHtmlDocument } from './sniff.js';

/** The pipeline passes at most 50 MB; anything larger is refused before it is decoded. */
export const MAX_HTML_BYTES = 50 * 1024 * 1024;

export interface ExtractOptions {
  charsetHint?: string;
  url?: string;
}

export function extractArticle(html: Uint8Array, options: ExtractOptions = {}): Extraction {
  if (html.length > MAX_HTML_BYTES) {
    return { ok: false, code: 'tooLarge', detail: `HTML of ${html.length} bytes > ${MAX_HTML_BYTES}` };
  }
  const decoded = decodeHtml(html, options.charsetHint);
  if (!decoded.ok) return { ok: false, code: decoded.code, detail: decoded.detail };
  try {
    return extract(decoded.text, decoded.encoding, options);
  } catch (err) {
    return {
      ok: false,
      code: 'notArticle',
      detail: `could not extract: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

function extract(text: string, encoding: string, options: ExtractOptions): Extraction {
  const doc = parseDocument(text);
  const ld = jsonLd(doc);
  const found = findTitle(doc, {
    h1s: Array.from(doc.getElementsByTagName('h1')),
    og: metaContent(doc, ['og:title', 'twitter:title']),
    jsonld: jsonLdString(ld, 'headline'),
    title: cleanText(doc.querySelector('title')?.textContent),
    siteName: metaContent(doc, ['og:site_name', 'application-name']),
  });
  for (const s of Array.from(doc.querySelectorAll('script, style, noscript, template'))) s.remove();
  const after = found?.element ? textAfter(found.element, 1500) : textOf(doc.body).slice(0, 1500);
  const time =
    printedTime(after) ??
    metaTime(
      metaContent(doc, [
        'article:published_time',
        'publishdate',
        'pubdate',
        'publish_time',
        'og:release_date',
      ]),
      'meta',
    ) ??
    metaTime(jsonLdString(ld, 'datePublished'), 'jsonld');

  found?.element?.remove();
  const reader = new Readability(doc as never, { serializer: (n: unknown) => n, charThreshold: 100 });
  const parsed = reader.parse();
  const root = parsed?.content as DomElement | null | undefined;
  const images: ArticleImage[] = [];
  const blocks: Block[] = (root ? toBlocks(root, images, options.url) : []).filter(
    (b) => !isInfoLine(b.text),
  );
  if (blocks.length === 0) return { ok: false, code: 'notArticle', detail: 'no article body found' };

  const warnings: ExtractionWarning[] = [];
  if (!found) warnings.push('noTitle');
  if (!time) warnings.push('noTime');
  const chars = blocks.reduce((n, b) => n + b.text.length, 0);
  if (chars < 100) warnings.push('shortBody');
  return {
    ok: true,
    title: found?.title ?? blocks[0]!.text.slice(0, 60),
    titleCue: found?.cue ?? 'title',
    ...(time ?? {}),
    blocks,
    images,
    warnings,
    encoding,
  };
}

function printedTime(text: string): FoundTime | undefined {
  const t = printedTimes(text)[0];
  return t ? { publishedAt: t.iso, publishedPrecision: t.precision, timeCue: 'printed' } : undefined;
}

function metaTime(value: string | undefined, cue: 'meta' | 'jsonld'): FoundTime | undefined {
  const t = value ? parseTimeText(value) : undefined;
  return t ? { publishedAt: t.iso, publishedPrecision: t.precision, timeCue: cue } : undefined;
}

/** The text that follows `el` in document order, up to `limit` characters. */
function textAfter(el: DomElement, limit: number): string {
  let out = '';
  let node: DomNode | null = el;
  while (node && out.length < limit) {
    let next: DomNode | null = node.nextSibling;
    let up: DomNode | null = node;
    while (!next && up) {
      up = up.parentNode;
      next = up ? up.nextSibling : null;
    }
    node = next;
    if (node) out += ` ${node.textContent ?? ''}`;
  }
  return cleanText(out).slice(0, limit);
}

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'BLOCKQUOTE',
  'LI',
  'UL',
  'OL',
  'TABLE',
  'TBODY',
  'TR',
  'TD',
  'CENTER',
  'FIGURE',
]);

function toBlocks(root: DomElement, images: ArticleImage[], base: string | undefined): Block[] {
  const blocks: Block[] = [];
  let chars = 0;
  const push = (b: Block): void => {
    if (chars > MAX_BODY_CHARS) return;
    chars += b.text.length;
    blocks.push(b);
  };
  const walk = (el: DomElement): void => {
    const tag = el.tagName.toUpperCase();
    if (/^H[1-6]$/.test(tag)) {
      const t = textOf(el);
      if (t) push({ type: 'heading', text: t });
      return;
    }
    if (tag === 'IMG') {
      const src = el.getAttribute('src') ?? el.getAttribute('data-src') ?? '';
      images.push({
        url: resolve(src, base),
        ...(el.getAttribute('alt') ? { alt: cleanText(el.getAttribute('alt')) } : {}),
      });
      push({ type: 'figure', text: '', image: images.length - 1 });
      return;
    }
    const kids = Array.from(el.childNodes);
    if (
      kids.some(
        (k) => isElement(k) && (BLOCK_TAGS.has(k.tagName.toUpperCase()) || /^H[1-6]$|^IMG$/i.test(k.tagName)),
      )
    ) {
      for (const k of kids) if (isElement(k)) walk(k);
      return;
    }
    const t = textOf(el);
    if (t) push({ type: 'paragraph', text: t });
  };
  walk(root);
  return blocks;
}

function resolve(src: string, base: string | undefined): string {
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}

/** A line of the page's furniture printed with the article: its time, source, editor. */
function isInfoLine(text: string): boolean {
  if (text.length > 80) return false;
  const rest = text.replace(
    /(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?/g,
    '',
  );
  return rest.length < text.length && !/[，。！？]/.test(rest);
}
