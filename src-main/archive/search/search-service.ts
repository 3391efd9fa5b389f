/**
 * The search service: the one object the app, the CLI and the serve shell talk to. It keeps the index
 * in step with the catalog (its change feed: see index-build.ts), applies filters and sort, and turns
 * engine matches into hits with highlight ranges. The catalog is asked only about the few hits shown.
 */
import { join } from 'node:path';
import type { ArticleMeta } from '../model.js';
import type { KindCounts, ListedArticle, SearchHit, SearchQuery, SearchResult } from './search-types.js';
import { SerialQueue } from '../store/serial-queue.js';
import { SearchIndex } from './search-index.js';
import { parseQuery, type ParsedQuery } from './search-text.js';
import { Matches, TIER, allMatches, runQuery, topMatches, type Match } from './search-engine.js';
import { bodyContext, contextSnippet, titleRanges } from './highlight.js';
import { decodePinyin, matchPinyin, pinyinRanges } from './pinyin.js';
import { searchNotes, type NoteDoc, type NoteHit } from './notes-search.js';
import { asListed } from './headline-folds.js';
import { foldMatches, foldMembers, foldOf, foldsOf } from './index-folds.js';
import { suggest } from './suggest.js';
import type { IndexFeed } from './index-feed.js';
import { updateIndex, type BuildOptions } from './index-build.js';
import { docFilter, filters } from './search-filter.js';
import { kindRank } from './doc-state.js';
import { EXACT_PAGE, exactPage } from './exact-page.js';

export const DEFAULT_LIMIT = 20;
/** Titles holding a suggested word that are offered (suggest.ts takes this many). */
const SUGGESTED_TITLES = 3;

import type { IndexProgress } from '../model.js';

export type { IndexProgress };

/** What the service reads from the catalog: its change feed, and the metadata of the hits shown. */
export interface SearchCatalog extends IndexFeed {
  getMeta(id: string): ArticleMeta | undefined;
  /**
   * Undefined while the catalog holds changes not yet committed (an import's batch): the index waits
   * for the commit rather than record changes a rollback would take back. (A feed without it is
   * always committed.)
   */
  readonly persistedToken?: string | undefined;
}

export interface SearchOpenOptions {
  /** Leave a missing or stale index to the first refresh (or search) instead of building it now. */
  defer?: boolean;
  /** Told while articles are indexed, and once with done === total at the end. */
  onProgress?: (progress: IndexProgress) => void;
  /** How a build cuts its chunks (tests make them small, to commit and merge often). */
  build?: Pick<BuildOptions, 'chunkDocs' | 'chunkPostings' | 'workers' | 'onCommit'>;
}

export class SearchService {
  #refreshes = new SerialQueue();
  /** The matches of the query under way (see runQuery). */
  readonly #matches = new Matches();
  /** Folded block keys of recently shown hits (doc id + signature), for their contexts. */
  #blockKeys = new Map<string, string[]>();

  private constructor(
    private readonly catalog: SearchCatalog,
    readonly index: SearchIndex,
    private readonly options: SearchOpenOptions,
  ) {}

  /**
   * Open the index stored in `<dataDir>/search/`, building or updating it when it is stale (unless
   * `defer`: the app opens its window first and shows the build's progress). Opening reads the
   * index's per-doc arrays only.
   */
  static async open(
    catalog: SearchCatalog,
    dataDir: string,
    options: SearchOpenOptions = {},
  ): Promise<SearchService> {
    const index = await SearchIndex.open(join(dataDir, 'search'));
    const service = new SearchService(catalog, index, options);
    if (!options.defer) await service.refresh();
    return service;
  }

  /** Articles in the index (for diagnostics and the bench). */
  get size(): number {
    return this.index.size;
  }

  /** Whether the catalog holds changes the index has not read (another process's are caught up first). */
  get stale(): boolean {
    this.index.sync();
    return (
      this.index.catalogId !== this.catalog.catalogId ||
      this.index.seq !== this.catalog.changeSeq ||
      this.index.bulkPending
    );
  }

  /** Bring the index up to date after imports. */
  refresh(): Promise<void> {
    // One refresh at a time; a call during a refresh waits for it and then checks again.
    return this.#refreshes.run(async () => {
      if (!this.stale || this.#midBatch()) return;
      const { onProgress, build } = this.options;
      await updateIndex(this.index, this.catalog, { ...build, ...(onProgress ? { onProgress } : {}) });
    });
  }

  /** Whether the catalog is in the middle of a write batch (see SearchCatalog.persistedToken). */
  #midBatch(): boolean {
    return 'persistedToken' in this.catalog && this.catalog.persistedToken === undefined;
  }

  /** Wait for a build under way, then close the index file. */
  async close(): Promise<void> {
    await this.#refreshes.idle();
    this.index.close();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const t0 = performance.now();
    // A build under way (an import's, or a first build of millions of articles) is not waited for:
    // the query is answered from what it has committed so far, and the app shows its progress.
    if (!this.#refreshes.busy && this.stale) await this.refresh();
    const index = this.index;
    const limit = Math.max(0, Math.min(query.limit ?? DEFAULT_LIMIT, 1000));
    const offset = Math.max(0, query.offset ?? 0);
    const accept = docFilter(index, this.catalog, query);
    const pq = parseQuery(query.q ?? '');
    const sort = query.sort ?? 'relevance';

    if (!pq.terms.length && !pq.pinyin) {
      // No query: the newest (or oldest) articles that pass the filters, a headline's fold once.
      const order = index.newestFirst();
      const folds = foldsOf(index);
      const kind = index.kindRanks();
      const seen = new Uint8Array(folds.readable.length);
      const ids: number[] = [];
      const counts = { readable: 0, headlines: 0 };
      const oldest = sort === 'oldest';
      for (let i = 0; i < order.length; i++) {
        const d = order[oldest ? order.length - 1 - i : i]!;
        if (accept && !accept(d)) continue;
        const g = foldOf(folds, d);
        if (g >= 0) {
          if (seen[g]) continue;
          seen[g] = 1;
        }
        const total = counts.readable + counts.headlines;
        if (total >= offset && ids.length < limit) ids.push(d);
        if (kind[d] === 0) counts.headlines++;
        else counts.readable++;
      }
      const hits = ids.flatMap((d) => {
        const article = this.#listed(d, accept);
        return article ? [{ article, score: 0, titleRanges: [] }] : [];
      });
      const blank = (query.q ?? '').trim() !== '';
      return {
        hits,
        total: counts.readable + counts.headlines,
        counts,
        ...(blank ? { blank } : {}),
        tookMs: performance.now() - t0,
      };
    }

    // A filter by kind alone keeps the bitsets' way: its kinds' bitsets narrow the matches.
    const kinds = query.kinds?.length ? query.kinds.map(kindRank) : undefined;
    const exactOnly = EXACT_PAGE.on && sort !== 'oldest' && !filters({ ...query, kinds: [] });
    const run = runQuery(index, pq, accept, index.recency(), this.#matches, exactOnly, kinds);
    let page: Match[];
    let total: number;
    let counts: KindCounts;
    if (run.exact && sort !== 'oldest') {
      // No filter but by kind: the page, total and counts from the match bitsets (exact, near, pinyin).
      const top = exactPage(index, run.exact, sort, offset + limit, index.recency());
      ({ total, counts } = top);
      page = top.page.slice(offset);
    } else {
      const folded = foldMatches(index, run.matches, sort);
      page = topMatches(index, folded.matches, sort, offset + limit, index.recency()).slice(offset);
      // Taken now: the matches are the next query's once this one waits.
      total = folded.matches.length;
      counts = folded.counts;
    }
    // Bodies are read in parallel: each may be a separate file.
    const hits = (await Promise.all(page.map((m) => this.#hit(m, pq, accept)))).filter(
      (h): h is SearchHit => !!h,
    );
    const result: SearchResult = { hits, total, counts, tookMs: 0 };
    if (!total) result.suggestions = await this.#suggest(run.touched, pq, run.titleTokens);
    result.tookMs = performance.now() - t0;
    return result;
  }

  /** Every matching article id in rank order (no highlights): for exports, bulk actions and the bench. */
  async searchIds(query: SearchQuery): Promise<string[]> {
    // A build under way (an import's, or a first build of millions of articles) is not waited for:
    // the query is answered from what it has committed so far, and the app shows its progress.
    if (!this.#refreshes.busy && this.stale) await this.refresh();
    const index = this.index;
    const pq = parseQuery(query.q ?? '');
    const { matches } = runQuery(index, pq, docFilter(index, this.catalog, query), index.recency());
    return index.idsOf(allMatches(index, matches, query.sort ?? 'relevance').map((m) => m.d));
  }

  /** Notes and highlighted quotes (from the library store) matched with the same folding and tokens. */
  searchNotes(q: string, notes: NoteDoc[], limit = DEFAULT_LIMIT): Promise<NoteHit[]> {
    return searchNotes(q, notes, limit);
  }

  /** Doc d as a list entry: a headline with every listing of its fold that passes the filters. */
  #listed(d: number, accept: ((d: number) => boolean) | undefined): ListedArticle | undefined {
    const index = this.index;
    const article = this.#meta(d);
    if (!article || article.kind !== 'headline') return article;
    const folds = foldsOf(index);
    const g = foldOf(folds, d);
    const fold = g >= 0 ? foldMembers(folds, g) : [d];
    const metas: ArticleMeta[] = [];
    for (const m of fold) {
      const meta = (!accept || accept(m)) && this.#meta(m);
      if (meta) metas.push(meta);
    }
    const r = g >= 0 ? folds.readable[g]! : -1;
    return asListed(article, metas, r >= 0 ? index.doc(r)?.id : undefined);
  }

  #meta(d: number): ArticleMeta | undefined {
    const doc = this.index.doc(d);
    return doc ? this.catalog.getMeta(doc.id) : undefined;
  }

  async #hit(
    m: Match,
    pq: ParsedQuery,
    accept: ((d: number) => boolean) | undefined,
  ): Promise<SearchHit | undefined> {
    const doc = this.index.doc(m.d);
    const article = doc && this.#listed(m.d, accept);
    if (!doc || !article) return undefined;
    // A pinyin match's syllables are found again here, for the few hits shown only.
    const isPinyin = m.tier === TIER.titlePinyin || m.tier === TIER.titleInitials;
    const py = isPinyin && pq.pinyin ? decodePinyin(doc.pinyin) : undefined;
    const span = py && matchPinyin(py, pq.pinyin!);
    const ranges = span
      ? pinyinRanges(article.title, py, span.first, span.last)
      : titleRanges(article.title, pq);
    const hit: SearchHit = {
      article,
      score: Math.round((m.tier + Math.min(m.sub, 0.99)) * 100) / 100,
      titleRanges: ranges,
    };
    if (!span) {
      const body = await this.catalog.getBody(doc.id);
      const context =
        (body &&
          bodyContext(
            body.blocks.map((b) => b.text),
            pq,
            this.#blockKeys,
            `${doc.id}|${doc.sig}`,
          )) ??
        contextSnippet(article.snippet ?? '', pq, false);
      if (context) hit.context = context;
    }
    return hit;
  }

  /** Close words and titles for a query that found nothing (./suggest.ts). */
  #suggest(touched: number[], pq: ParsedQuery, titleTokens?: Uint8Array): Promise<string[]> {
    const index = this.index;
    const title = (d: number): string | undefined => this.#meta(d)?.title;
    // Suggestions take the best few titles of a close word: only those are ordered (and settled).
    const docsFor = (q: ParsedQuery): number[] =>
      topMatches(
        index,
        runQuery(index, q, docFilter(index, this.catalog, { q: '' }), index.recency()).matches,
        'relevance',
        SUGGESTED_TITLES,
        index.recency(),
      ).map((m) => m.d);
    return suggest({ index, title, docsFor }, pq, touched, undefined, titleTokens);
  }
}
