/**
 * One saved page, from whatever container, to the article the importer merges: the HTML extractor
 * reads it; the pictures it keeps that the archive holds go into the media store (never fetched from
 * the network: a remote one keeps its URL for the reader's placeholder); the page itself, made safe,
 * goes into the originals store for the reader's original view. Runs in the parse worker.
 */
import { MediaStore } from '../../catalog/media-store.js';
import { OriginalsStore } from '../../catalog/originals-store.js';
import { holdFigure, saveOriginal } from '../../catalog/original-page.js';
import type { ArticleImage, ExtractionWarning, SavedPage } from './saved-page.js';
import { extractArticle, type ExtractOptions } from '../html/extract-article.js';
import type { ParsedArticle } from '../parsed-page.js';
import { bodySnippet } from '../body.js';
import { isRemote } from './resource-budget.js';

export interface Stores {
  media: MediaStore;
  originals: OriginalsStore;
}

/**
 * The stores a parse worker writes to. Originals are written without an fsync each: the import syncs
 * the ones its metadata names before flushing it (import-merge.ts `flushBatch`).
 */
export function openStores(dataDir: string): Stores {
  return {
    media: new MediaStore(dataDir),
    originals: new OriginalsStore(dataDir, { deferSync: true }),
  };
}

export type PageOutcome =
  | { ok: true; article: ParsedArticle; encoding: string; warnings: ExtractionWarning[] }
  | { ok: false; reason: string };

/** Reason sentences of the extractor's codes, as import-reason.ts reads them. */
const REASON_PREFIX = {
  notArticle: 'not an article:',
  binary: 'binary:',
  empty: 'empty file',
  tooLarge: 'too large:',
} as const;

export async function articleFromPage(page: SavedPage, stores: Stores): Promise<PageOutcome> {
  let text: string | undefined;
  const options: ExtractOptions = { onText: (decoded) => (text = decoded) };
  if (page.charsetHint) options.charsetHint = page.charsetHint;
  // Pictures resolve against the page's own URL (a `_files` folder is beside the file, not the site).
  if (page.url) options.url = page.url;
  const url = page.sourceUrl ?? page.url;
  let extraction;
  try {
    extraction = extractArticle(page.html, options);
  } catch (err) {
    return {
      ok: false,
      reason: `could not parse: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
    };
  }
  if (!extraction.ok) {
    return { ok: false, reason: `${REASON_PREFIX[extraction.code]} ${extraction.detail}`.trim() };
  }
  const x = extraction;
  const resources = page.url ? { url: page.url, resource: page.resource } : { resource: page.resource };
  const images: ArticleImage[] = [];
  for (const image of x.images) {
    const kept: ArticleImage = { ...image };
    delete kept.url;
    if (image.url) {
      const held = await holdFigure(image.url, resources, stores.media).catch(() => undefined);
      if (held) {
        kept.media = held.media;
        // The picture's own size wins over the page's attributes, which are often missing or stale.
        if (held.width && held.height) Object.assign(kept, { width: held.width, height: held.height });
      }
      const absolute = absoluteUrl(image.url, page.url);
      if (absolute && isRemote(absolute)) kept.url = absolute;
    }
    images.push(kept);
  }
  const article: ParsedArticle = {
    title: x.title,
    kind: 'full',
    titleCue: [x.titleCue],
    blocks: x.blocks,
    format: page.format,
  };
  if (images.length) article.images = images;
  if (x.publishedAt) article.publishedAt = x.publishedAt;
  if (x.publishedPrecision) article.publishedPrecision = x.publishedPrecision;
  if (x.timeCue) article.timeCue = x.timeCue;
  if (x.byline) article.byline = x.byline;
  if (x.editor) article.editor = x.editor;
  if (x.source) article.source = x.source;
  if (x.part) article.part = x.part;
  if (url && isRemote(url)) article.url = url;
  if (page.capturedAt) article.capturedAt = page.capturedAt;
  const snippet = bodySnippet(x.blocks.filter((b) => b.type !== 'figure'));
  if (snippet) article.snippet = snippet;
  const original = await keepOriginal(page, text, x.encoding, resources, stores);
  if (original) article.original = original;
  return { ok: true, article, encoding: x.encoding, warnings: x.warnings };
}

/** Keep the page's safe rewrite; `text` is the page as the extractor decoded it. */
async function keepOriginal(
  page: SavedPage,
  text: string | undefined,
  encoding: string,
  resources: Parameters<typeof saveOriginal>[1],
  stores: Stores,
): Promise<string | undefined> {
  try {
    const html = text ?? new TextDecoder(encoding).decode(page.html);
    return await saveOriginal(html, resources, stores);
  } catch {
    // The original view is a nicety: a page whose rewrite fails is still read as an article.
    return undefined;
  }
}

function absoluteUrl(ref: string, base: string | undefined): string | undefined {
  if (/^data:/i.test(ref)) return undefined;
  try {
    return base ? new URL(ref, base).href : new URL(ref).href;
  } catch {
    return undefined;
  }
}
