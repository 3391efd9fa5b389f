/**
 * What an import keeps of a saved-page file beyond its articles: where each article's body goes (one
 * body record per source page; a web archive's pages each get their own, so no record grows with the
 * archive), the facts its source record carries (format, pages, low-confidence pages, a partial
 * import's reason) and what the run's report says about it (counts by format, partial files,
 * low-confidence pages).
 */
import type { ArticleBody } from '../catalog/body-records.js';
import type { CatalogStore } from '../catalog/catalog-store.js';
import type { SourceRecord } from '../model.js';
import type { ParsedArticle, ParsedPage } from './parsed-page.js';
import type { RunState } from './import-merge.js';
import { idOf } from './article-id.js';
import { reasonFromText } from './import-reason.js';
import type { ParseOutcome } from './parse-pool.js';

/**
 * The body reference of page `page` of the source with content `sha`: the sha's first 56 hex digits
 * and the page number in 8 (so a source's page bodies are found from its sha alone).
 */
export function pageRef(sha: string, page: number): string {
  return sha.slice(0, 56) + page.toString(16).padStart(8, '0');
}

/** Where an article's body is kept: its source's reference, or its page's in a container of many. */
export function bodyRefOf(sha: string, article: ParsedArticle): string {
  return article.page === undefined ? sha : pageRef(sha, article.page);
}

/** Every body reference a source may have written (its own, and one per page of a container). */
export function bodyRefsOf(record: SourceRecord): string[] {
  if (!record.sha256) return [];
  const refs = [record.sha256];
  const total = record.pages?.total ?? 0;
  for (let k = 0; k < total; k++) refs.push(pageRef(record.sha256, k));
  return refs;
}

/** Whether `ref` is a body reference that source content `sha` writes. */
export function isBodyOf(ref: string | undefined, sha: string | undefined): boolean {
  return !!ref && !!sha && (ref === sha || (ref.length === 64 && ref.startsWith(sha.slice(0, 56))));
}

export function bodyOf(article: ParsedArticle): ArticleBody | undefined {
  if (article.kind !== 'full' || !article.blocks) return undefined;
  const body: ArticleBody = { blocks: article.blocks };
  if (article.byline) body.byline = article.byline;
  if (article.images?.length) body.images = article.images;
  return body;
}

/** Keep a source's bodies, grouped by the reference each goes under. */
export async function putBodies(
  catalog: CatalogStore,
  sha: string,
  contributions: Map<string, ParsedArticle>,
): Promise<void> {
  const byRef = new Map<string, Record<string, ArticleBody>>();
  for (const [id, article] of contributions) {
    if (article.bodyKept) continue;
    const body = bodyOf(article);
    if (!body) continue;
    const ref = bodyRefOf(sha, article);
    let bodies = byRef.get(ref);
    if (!bodies) byRef.set(ref, (bodies = {}));
    bodies[id] = body;
  }
  for (const [ref, bodies] of byRef) await catalog.putBodies(ref, bodies);
}

/** A source record with what its page or container told (nothing is added for the seed's text). */
export function withPageFacts(record: SourceRecord, page: ParsedPage): SourceRecord {
  const out = { ...record };
  if (page.format && page.format !== 'text') out.format = page.format;
  if (page.pages) out.pages = page.pages;
  if (page.lowConfidence?.length) out.lowConfidence = page.lowConfidence;
  if (page.partial) out.reason = page.partial;
  return out;
}

/** The report's counts by format, and its partial files and low-confidence pages. */
export function noteImported(state: RunState, path: string, page: ParsedPage, articles: number): void {
  const report = state.report;
  const format = page.format ?? 'text';
  const formats = (report.formats ??= {});
  const counts = (formats[format] ??= { files: 0, articles: 0 });
  counts.files++;
  counts.articles += articles;
  if (page.partial) (report.partial ??= []).push({ path, reason: page.partial });
  for (const low of page.lowConfidence ?? []) (report.lowConfidence ??= []).push({ path, ...low });
}

/** Bodies kept in memory at most before they are written to the pack (a web archive's pages). */
const SINK_PENDING_MAX = 256;

/**
 * Where a web archive's articles go as its worker sends them: each body to the catalog under its
 * page's reference (written to the pack every few hundred pages, before any metadata points at it),
 * the article kept without it. So an archive of any size holds only its articles' metadata here.
 */
export class BodySink {
  readonly articles: ParsedArticle[] = [];
  /** References this import wrote that no earlier import had (removed again if it fails). */
  readonly #fresh = new Set<string>();
  #pending = 0;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly catalog: CatalogStore,
    readonly sha: string,
  ) {}

  accept = (batch: ParsedArticle[]): void => {
    for (const article of batch) {
      const body = bodyOf(article);
      if (!body || article.page === undefined) {
        this.articles.push(article);
        continue;
      }
      const ref = pageRef(this.sha, article.page);
      if (!this.catalog.hasBodies(ref)) this.#fresh.add(ref);
      void this.catalog.putBodies(ref, { [idOf(article)]: body });
      const { blocks: _blocks, images: _images, ...slim } = article;
      this.articles.push({ ...slim, bodyKept: true });
      this.#pending++;
    }
    if (this.#pending >= SINK_PENDING_MAX) {
      this.#pending = 0;
      this.#writing = this.#writing.then(() => this.catalog.writeBodies());
    }
  };

  /**
   * The archive's outcome with the articles sent before it. When the worker stopped part-way (a
   * page that took too long or too much memory), what it sent before is still imported, marked with
   * why the rest is missing; with nothing sent, the file is rejected and its bodies removed.
   */
  async finish(outcome: ParseOutcome): Promise<ParseOutcome> {
    await this.settle();
    if (outcome.ok) {
      outcome.page.articles = [...this.articles, ...outcome.page.articles];
      return outcome;
    }
    if (this.articles.length === 0) {
      await this.discard();
      return outcome;
    }
    const total = Math.max(...this.articles.map((a) => a.page ?? 0)) + 1;
    const page: ParsedPage = {
      articles: this.articles,
      format: this.articles[0]!.format ?? 'warc',
      pages: { total, rejected: total - this.articles.length },
      partial: reasonFromText(outcome.reason),
    };
    return { ok: true, encoding: outcome.encoding ?? 'utf-8', page };
  }

  /** Wait for the pack writes started so far. */
  async settle(): Promise<void> {
    await this.#writing;
  }

  /** The import failed, or kept only some of the pages: drop the bodies it alone wrote and no article uses. */
  async discard(keep: Set<string> = new Set()): Promise<void> {
    await this.settle();
    for (const ref of this.#fresh) if (!keep.has(ref)) await this.catalog.removeBodies(ref);
  }
}
