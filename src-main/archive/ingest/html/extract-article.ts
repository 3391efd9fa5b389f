/**
 * One saved page's HTML bytes to one clean article. The steps, each in its own module: decode with a
 * verified charset (encoding.ts), make the markup small (prepare.ts), parse with linkedom (dom.ts),
 * read the Chinese-news cues none of the general extractors knows (title-cues.ts, time-cues.ts,
 * credits.ts, info-region.ts), take the furniture out (furniture.ts), make pictures explicit
 * (figures.ts), let Readability choose the article's element (body-engine.ts), walk it into blocks
 * (blocks.ts) and clean them (clean-body.ts). Pure and synchronous: no file or network access.
 */
import type { Block } from '../../model.js';
import type { ArticleImage, Extraction, ExtractionWarning } from '../formats/saved-page.js';
import { MAX_ELEMENTS, readabilityRoot, type ArticleRootFinder } from './body-engine.js';
import { toBlocks } from './blocks.js';
import { cleanBlocks } from './clean-body.js';
import { accountName, findByline, findEditor, findPart, findSource, wechatAuthor } from './credits.js';
import {
  allElements,
  cleanText,
  jsonLd,
  jsonLdString,
  linesText,
  metaContent,
  parseDocument,
  tagIs,
  textOf,
  walkElements,
  type DomDocument,
  type DomElement,
} from './dom.js';
import { decodeHtml } from './encoding.js';
import { markFigures } from './figures.js';
import { isTailMark, linkDensity, paragraphChars, removeFurniture, revealHiddenProse } from './furniture.js';
import { headlineElement, textAfter, textBefore } from './info-region.js';
import { isMountId, isProse, linkedHeadingCount, notArticleReason } from './not-article.js';
import { markupDepth, prepareHtml } from './prepare.js';
import { fromEpochSeconds, parseTimeText, printedTimes, type FoundTime } from './time-cues.js';
import { findTitle } from './title-cues.js';

export { looksLikeHtmlDocument } from './sniff.js';

/** The pipeline passes at most 50 MB; anything larger is refused before it is decoded. */
export const MAX_HTML_BYTES = 50 * 1024 * 1024;
/** Markup left after scripts, styles and inlined pictures are set aside: past this, no page is parsed. */
export const MAX_MARKUP_CHARS = 8_000_000;
/** Real pages nest a few dozen deep; a thousand is a hostile page (every walk up would cost that). */
export const MAX_DEPTH = 1_000;

export interface ExtractOptions {
  charsetHint?: string;
  url?: string;
  /** Handed the decoded page (the import keeps it for the original's rewrite: one decode, not two). */
  onText?: (text: string) => void;
}

const INFO_AFTER = 240;
const LOGIN_PROMPT =
  /(?:请|需要?)先?登[录陆]|登[录陆]后(?:继续)?(?:阅读|查看|浏览)|会员专享|付费阅读|please (?:log|sign) ?in/i;
const INFO_BEFORE = 120;

export function extractArticle(html: Uint8Array, options: ExtractOptions = {}): Extraction {
  return extractWith(html, options, readabilityRoot);
}

/**
 * The same, with the article's element found by another extractor, and `lap` called after each
 * step with its name: both for the bench (bench/html-extract.ts) only.
 */
export function extractWith(
  html: Uint8Array,
  options: ExtractOptions,
  engine: ArticleRootFinder,
  lap: (step: string) => void = () => {},
): Extraction {
  if (html.length > MAX_HTML_BYTES) {
    return { ok: false, code: 'tooLarge', detail: `HTML of ${html.length} bytes > ${MAX_HTML_BYTES}` };
  }
  const decoded = decodeHtml(html, options.charsetHint);
  if (!decoded.ok) return { ok: false, code: decoded.code, detail: decoded.detail };
  options.onText?.(decoded.text);
  try {
    lap('decode');
    return extract(decoded.text, decoded.encoding, options, engine, lap);
  } catch (err) {
    // Defensive: an extractor bug must cost one page, never the import.
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, code: 'notArticle', detail: `could not extract: ${detail}` };
  }
}

function extract(
  text: string,
  encoding: string,
  options: ExtractOptions,
  engine: ArticleRootFinder,
  lap: (step: string) => void,
): Extraction {
  const prepared = prepareHtml(text);
  if (prepared.html.length > MAX_MARKUP_CHARS) {
    return {
      ok: false,
      code: 'tooLarge',
      detail: `${prepared.html.length} characters of markup > ${MAX_MARKUP_CHARS}`,
    };
  }
  const estimated = markupDepth(prepared.html);
  if (estimated > MAX_DEPTH * 4) {
    return { ok: false, code: 'tooLarge', detail: `markup nested about ${estimated} deep > ${MAX_DEPTH}` };
  }
  lap('prepare');
  const doc = parseDocument(prepared.html);
  lap('parse');
  const body = doc.body ?? doc.documentElement;
  const ld = jsonLd(doc);
  const found = findTitle({
    h1s: Array.from(body.getElementsByTagName('h1')),
    og: metaContent(doc, ['og:title', 'twitter:title']),
    jsonld: jsonLdString(ld, 'headline'),
    title: cleanText(doc.getElementsByTagName('title')[0]?.textContent),
    siteName: metaContent(doc, ['og:site_name', 'application-name']),
  });

  lap('title');
  // Facts read from the whole page before its furniture goes: the editor line often sits in it.
  const pageLines = linesText(body);
  const editor = findEditor(pageLines);
  const walked = walkElements(body);
  if (walked.depth > MAX_DEPTH) {
    return { ok: false, code: 'tooLarge', detail: `markup nested ${walked.depth} deep > ${MAX_DEPTH}` };
  }
  const elements = walked.elements;
  const account = accountName(elements);
  const wechatBy = wechatAuthor(elements);
  const pager = findPart(body);
  const elementCount = elements.length;
  const mainChars = paragraphChars(body);
  const density = linkDensity(body);

  lap('page facts');
  revealHiddenProse(doc, mainChars);
  removeFurniture(doc, found?.element, mainChars, found?.title);
  lap('furniture');
  const anchor = found?.element ?? (found ? headlineElement(body, found.title) : undefined);
  // Without a headline to stand by, the page's opening stands in for the info line (for the time and
  // credits only: its lines are not taken out of the body).
  const after = anchor
    ? textAfter(anchor, body, INFO_AFTER)
    : linesText(body, 4 * INFO_AFTER).slice(0, INFO_AFTER);
  const before = anchor ? textBefore(anchor, INFO_BEFORE) : '';
  const time =
    printed(after) ??
    printed(before) ??
    fromMeta(
      metaContent(doc, [
        'article:published_time',
        'publishdate',
        'pubdate',
        'publish_time',
        'og:release_date',
        'datepublished',
      ]),
      'meta',
    ) ??
    fromMeta(jsonLdString(ld, 'datePublished'), 'jsonld') ??
    fromWechat(prepared.wechatCreateTime) ??
    fromMeta(prepared.scriptPubTime, 'meta');

  lap('time');
  pager?.pager?.remove();
  anchor?.remove();
  markFigures(doc);
  lap('figures');
  const root = elementCount > MAX_ELEMENTS ? undefined : engine(doc, options.url);
  lap('engine');
  const images: ArticleImage[] = [];
  const raw = toBlocks(root ?? body, images, { base: options.url, dataUris: prepared.dataUris });
  const infoText = anchor ? `${before}\n${after}` : '';
  const blocks = keepUsedImages(cleanBlocks(raw, { title: found?.title ?? '', infoText }), images);

  lap('blocks');
  const paragraphs = blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
  const rootDensity = linkDensity(root ?? body);
  const chosen = root ?? body;
  // Linked headlines before any "related reading" mark: a channel page's, not an article's list.
  const headings: DomElement[] = [];
  for (const el of allElements(chosen)) {
    if (tagIs(el, 'H2', 'H3', 'H4', 'P', 'STRONG') && isTailMark(textOf(el))) break;
    if (tagIs(el, 'H2', 'H3', 'H4')) headings.push(el);
  }
  const reason = notArticleReason({
    linkedHeadings: linkedHeadingCount(
      headings.map((h) => ({
        text: textOf(h).length,
        linkText: Array.from(h.getElementsByTagName('a')).reduce((n, a) => n + textOf(a).length, 0),
      })),
    ),
    chars: paragraphs.join('').length,
    prose: paragraphs.filter(isProse).length,
    rootDensity: rootDensity.text > 0 ? rootDensity.links / rootDensity.text : 0,
    textChars: density.text,
    emptyMount: elements.some((e) => isMountId(e.getAttribute('id')) && textOf(e) === ''),
    scriptChars: prepared.scriptChars,
    hasPassword:
      elements.some(
        (e) => tagIs(e, 'INPUT') && (e.getAttribute('type') ?? '').toLowerCase() === 'password',
      ) || LOGIN_PROMPT.test(pageLines.slice(0, 3000)),
  });
  if (reason) return { ok: false, code: 'notArticle', detail: reason };
  if (paragraphs.length === 0 && images.length === 0)
    return { ok: false, code: 'notArticle', detail: 'no article body found' };

  const edges = [...paragraphs.slice(0, 2), ...paragraphs.slice(-2)].join('\n');
  const byline = findByline(after) ?? findByline(before) ?? wechatBy ?? findByline(edges);
  const source =
    findSource(after) ??
    findSource(before) ??
    account ??
    findSource(edges) ??
    // Last, the page as it stands without its furniture (a related list's sources are gone).
    findSource(linesText(body));
  const warnings: ExtractionWarning[] = [];
  if (!found) warnings.push('noTitle');
  if (!time) warnings.push('noTime');
  if (paragraphs.join('').length < 100) warnings.push('shortBody');
  return {
    ok: true,
    title:
      found?.title ??
      Array.from(paragraphs[0] ?? '')
        .slice(0, 40)
        .join(''),
    titleCue: found?.cue ?? 'title',
    ...(time ?? {}),
    ...(byline ? { byline } : {}),
    ...(editor ? { editor } : {}),
    ...(source ? { source } : {}),
    blocks,
    images,
    ...(pager?.part ? { part: pager.part } : {}),
    warnings,
    encoding,
  };
}

function printed(text: string): FoundTime | undefined {
  const t = printedTimes(text)[0];
  return t ? { publishedAt: t.iso, publishedPrecision: t.precision, timeCue: 'printed' } : undefined;
}

function fromMeta(value: string | undefined, cue: 'meta' | 'jsonld'): FoundTime | undefined {
  const t = value ? parseTimeText(value) : undefined;
  return t ? { publishedAt: t.iso, publishedPrecision: t.precision, timeCue: cue } : undefined;
}

function fromWechat(seconds: number | undefined): FoundTime | undefined {
  const iso = seconds === undefined ? undefined : fromEpochSeconds(seconds);
  return iso ? { publishedAt: iso, publishedPrecision: 'second', timeCue: 'meta' } : undefined;
}

/** Pictures whose figure block was cleaned away are dropped, and figure indexes renumbered. */
function keepUsedImages(blocks: Block[], images: ArticleImage[]): Block[] {
  const kept: ArticleImage[] = [];
  const out = blocks.map((b) => {
    if (b.type !== 'figure' || b.image === undefined) return b;
    kept.push(images[b.image]!);
    return { ...b, image: kept.length - 1 };
  });
  images.splice(0, images.length, ...kept);
  return out;
}

export type { DomDocument };
