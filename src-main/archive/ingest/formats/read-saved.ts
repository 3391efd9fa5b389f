/**
 * A saved-page file, whatever its container, to the articles it holds: the parse worker's job for
 * every format but the seed's text. HTML and MHTML files come whole (within the import's size limit);
 * WARC and WACZ are streamed from their path (see warc.ts), page by page. A page the extractor turns
 * down costs that page only; a container cut short gives what it held before the cut, marked
 * `truncated`. `tick` is called after every record and page: the worker's time limit counts from the
 * last one, so a 2 GB archive has time to be read while a page that hangs is still stopped.
 */
import type { LowConfidencePage, PageFormat } from '../../model.js';
import type { ParsedArticle, ParsedPage } from '../parsed-page.js';
import { htmlFilePage } from './html-file.js';
import { mhtmlPage } from './mhtml.js';
import { articleFromPage, openStores, type PageOutcome, type Stores } from './page-article.js';
import type { SavedPage } from './saved-page.js';
import { fileSource, indexWarc, pageCaptures, readCapture, resourceIndex, warcPage } from './warc.js';
import type { ByteSource, WarcIndex } from './warc.js';
import { openWacz } from './wacz.js';

export interface SavedJob {
  path: string;
  format: Exclude<PageFormat, 'text'>;
  /** The file's bytes, for the formats read whole (html, mhtml). */
  bytes?: Uint8Array;
  /** The data folder, whose media and originals stores receive the pages' pictures and originals. */
  dataDir: string;
}

export type SavedOutcome = { ok: true; encoding: string; page: ParsedPage } | { ok: false; reason: string };

/** A page of a web archive larger than this is not read (the same limit as an HTML file's). */
export const ARCHIVED_PAGE_MAX_BYTES = 50 * 1024 * 1024;
/** Low-confidence pages listed per file at most (the count of pages is kept whole). */
const LOW_CONFIDENCE_LISTED = 200;

/** Articles are handed over in batches of this many while a web archive is read (see `emit`). */
export const EMIT_EVERY = 64;

class Collector {
  /** Articles not yet handed over. */
  articles: ParsedArticle[] = [];
  readonly lowConfidence: LowConfidencePage[] = [];
  /** The first page's reason for not being an article, and how many were not. */
  firstReason: string | undefined;
  rejected = 0;
  imported = 0;
  encoding: string | undefined;
  total = 0;

  constructor(
    readonly format: Exclude<PageFormat, 'text'>,
    readonly emit?: (articles: ParsedArticle[]) => void,
  ) {}

  add(outcome: PageOutcome, page?: number): void {
    this.total++;
    if (!outcome.ok) {
      this.rejected++;
      this.firstReason ??= outcome.reason;
      return;
    }
    const article = page === undefined ? outcome.article : { ...outcome.article, page };
    this.articles.push(article);
    this.imported++;
    this.encoding ??= outcome.encoding;
    if (outcome.warnings.length && this.lowConfidence.length < LOW_CONFIDENCE_LISTED) {
      const entry: LowConfidencePage = { title: article.title, warnings: outcome.warnings };
      if (page !== undefined && article.url) entry.url = article.url;
      this.lowConfidence.push(entry);
    }
    // A web archive's articles leave the worker as they come, not in one message at its end.
    if (this.emit && this.articles.length >= EMIT_EVERY) {
      this.emit(this.articles);
      this.articles = [];
    }
  }

  /** The outcome: the articles found (those not yet handed over), or the reason none was. */
  finish(truncated?: string, container = false): SavedOutcome {
    if (this.imported === 0) {
      if (truncated) return { ok: false, reason: `truncated: ${truncated}` };
      if (!this.firstReason) return { ok: false, reason: 'not an article: the archive holds no HTML page' };
      if (this.rejected === 1 || !container) return { ok: false, reason: this.firstReason };
      return {
        ok: false,
        reason: `not an article: none of its ${this.total} pages is an article (${this.firstReason})`,
      };
    }
    const page: ParsedPage = { articles: this.articles, format: this.format };
    if (container) page.pages = { total: this.total, rejected: this.rejected };
    if (this.lowConfidence.length) page.lowConfidence = this.lowConfidence;
    if (truncated) page.partial = { code: 'truncated', detail: truncated };
    return { ok: true, encoding: this.encoding ?? 'utf-8', page };
  }
}

/**
 * Read one saved-page file. `emit`, when given, receives a web archive's articles in batches as they
 * are read (the outcome then holds only the last ones), so they need not wait in the worker.
 */
export async function readSaved(
  job: SavedJob,
  tick: () => void = () => undefined,
  emit?: (articles: ParsedArticle[]) => void,
): Promise<SavedOutcome> {
  const stores = openStores(job.dataDir);
  const found = new Collector(job.format, emit);
  if (job.format === 'html' || job.format === 'mhtml') {
    if (!job.bytes) return { ok: false, reason: 'unreadable: no bytes given' };
    let page: SavedPage;
    if (job.format === 'html') page = htmlFilePage(job.path, job.bytes);
    else {
      const mhtml = mhtmlPage(job.bytes);
      if (!mhtml.ok) return mhtml;
      page = mhtml.page;
    }
    found.add(await articleFromPage(page, stores));
    return found.finish();
  }
  if (job.format === 'warc') {
    const source = fileSource(job.path);
    const index = await indexWarc(source, tick);
    if (
      index.truncated &&
      index.captures.length + index.revisits === 0 &&
      index.truncated.startsWith('not a WARC')
    )
      return { ok: false, reason: `binary: ${index.truncated}` };
    await readPages(found, [{ source, index }], undefined, stores, tick);
    return found.finish(index.truncated, true);
  }
  const opened = await openWacz(job.path);
  if (!opened.ok) return opened;
  const { wacz } = opened;
  try {
    const indexes: { source: ByteSource; index: WarcIndex; name: string }[] = [];
    for (const { name, source } of wacz.warcs)
      indexes.push({ name, source, index: await indexWarc(source, tick) });
    await readPages(found, indexes, wacz.listed, stores, tick);
    const cut = indexes.find((i) => i.index.truncated);
    return found.finish(cut && `${cut.name}: ${cut.index.truncated}`, true);
  } finally {
    await wacz.close();
  }
}

async function readPages(
  found: Collector,
  indexes: { source: ByteSource; index: WarcIndex }[],
  listed: Set<string> | undefined,
  stores: Stores,
  tick: () => void,
): Promise<void> {
  const resources = resourceIndex(indexes);
  // A page list that names none of the archive's pages (other URL spellings) lists nothing: all count.
  if (listed && !indexes.some(({ index }) => pageCaptures(index, listed).length > 0)) listed = undefined;
  const seen = new Set<string>();
  for (const { source, index } of indexes) {
    for (const capture of pageCaptures(index, listed)) {
      // The same URL in two WARCs of one WACZ is one page.
      if (seen.has(capture.url)) continue;
      seen.add(capture.url);
      const html = await readCapture(source, capture, ARCHIVED_PAGE_MAX_BYTES).catch(() => undefined);
      const page = found.total;
      if (!html) {
        found.add({
          ok: false,
          reason: `too large: the page ${capture.url} is over ${ARCHIVED_PAGE_MAX_BYTES} bytes or unreadable`,
        });
      } else {
        const format = found.format === 'wacz' ? 'wacz' : 'warc';
        found.add(await articleFromPage(warcPage(format, html, capture, resources), stores), page);
      }
      tick();
    }
  }
}
