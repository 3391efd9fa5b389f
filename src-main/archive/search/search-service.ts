/**
 * The search service: the one object the app, the CLI and the serve shell talk to. It keeps the index
 * in step with the catalog (load from `<data>/search/`, rebuild or update when stale, save), applies
 * filters and sort, and turns engine matches into hits with highlight ranges.
 */
import { join } from 'node:path';
import type { CatalogStore, StoredArticle } from '../catalog/catalog-store.js';
import type { ArticleMeta } from '../model.js';
import type { ListedArticle, SearchHit, SearchQuery, SearchResult } from './search-types.js';
import { archiveDayEnd, archiveDayStart } from '../../../src-shared/archive-day.js';
import { SerialQueue } from '../store/serial-queue.js';
import { SearchIndex, articleSignature } from './search-index.js';
import { parseQuery, type ParsedQuery } from './search-text.js';
import { TIER, allMatches, runQuery, topMatches, type Match } from './search-engine.js';
import { bodyContext, contextSnippet, titleRanges } from './highlight.js';
import { decodePinyin, loadPinyin, matchPinyin, pinyinRanges } from './pinyin.js';
import { searchNotes, type NoteDoc, type NoteHit } from './notes-search.js';
import { asListed, foldMatches, foldsOf } from './headline-folds.js';
import { suggest } from './suggest.js';

export const DEFAULT_LIMIT = 20;
/** Articles between two progress reports (and two yields to the event loop) while indexing. */
const PROGRESS_EVERY = 500;
/** ...or sooner, after this many body characters (a few long articles take as long as many short). */
const YIELD_EVERY_CHARS = 2_000_000;

import type { IndexProgress } from '../model.js';

export type { IndexProgress };

export interface SearchOpenOptions {
  /** Leave a missing or stale index to the first refresh (or search) instead of building it now. */
  defer?: boolean;
  /** Told while articles are indexed, and once with done === total at the end. */
  onProgress?: (progress: IndexProgress) => void;
}
/** Rebuild instead of patching when this share of the index would be stale. */
const REBUILD_SHARE = 0.3;

export class SearchService {
  #index: SearchIndex;
  #revision = -1;
  #refreshes = new SerialQueue();
  #byTime: number[] | undefined;
  #rank: Uint32Array | undefined;
  /** Folded block keys of recently shown hits (doc id + signature), for their contexts. */
  #blockKeys = new Map<string, string[]>();
  #incomplete = false;

  private constructor(
    private readonly catalog: CatalogStore,
    private readonly dir: string,
    index: SearchIndex,
    private readonly onProgress?: (progress: IndexProgress) => void,
  ) {
    this.#index = index;
  }

  /**
   * Open the index stored in `<dataDir>/search/`, building or updating it when it is stale (unless
   * `defer`: the app opens its window first and shows the build's progress).
   */
  static async open(
    catalog: CatalogStore,
    dataDir: string,
    options: SearchOpenOptions = {},
  ): Promise<SearchService> {
    const dir = join(dataDir, 'search');
    const stored = await SearchIndex.load(dir);
    const service = new SearchService(catalog, dir, stored ?? new SearchIndex(), options.onProgress);
    if (!options.defer) await service.refresh();
    return service;
  }

  /** Articles in the index (for diagnostics and the bench). */
  get size(): number {
    return this.#index.size;
  }

  /** Whether the catalog changed since the index last caught up (another process's import). */
  get stale(): boolean {
    return this.#revision !== this.catalog.revision;
  }

  /** Bring the index up to date after imports (catalog.revision changed). */
  refresh(): Promise<void> {
    // One refresh at a time; a call during a refresh waits for it and then checks again.
    const run = async (): Promise<void> => {
      if (this.#revision === this.catalog.revision && this.#revision >= 0) return;
      const revision = this.catalog.revision;
      await this.#update();
      this.#revision = revision;
    };
    return this.#refreshes.run(run);
  }

  async #update(): Promise<void> {
    let index = this.#index;
    // Built from exactly the catalog on disk: nothing to compare (a cold start skips a signature per
    // article).
    const token = this.catalog.persistedToken;
    if (token && index.catalogToken === token && !index.dirty) return;
    const articles = [...this.catalog.storedArticles()];
    const wanted = new Map<string, string>();
    for (const a of articles) wanted.set(a.id, articleSignature(a));
    const stale: number[] = [];
    for (let d = 0; d < index.docs.length; d++) {
      const doc = index.docs[d];
      if (doc && wanted.get(doc.id) !== doc.sig) stale.push(d);
    }
    const fresh = articles.filter((a) => {
      const d = index.byId.get(a.id);
      return d === undefined || index.docs[d]!.sig !== wanted.get(a.id);
    });
    // Up to date but recorded without a token: left so (opening never rewrites an unchanged index);
    // the next change records one.
    if (!stale.length && !fresh.length && !index.dirty) return;
    this.#incomplete = false;
    const rebuild =
      index.dead + stale.length > REBUILD_SHARE * Math.max(1, index.docs.length) && index.docs.length > 0;
    if (rebuild) {
      index = new SearchIndex();
      await this.#addAll(index, articles, wanted);
    } else {
      for (const d of stale) index.remove(d);
      await this.#addAll(index, fresh, wanted);
    }
    // A body that could not be read leaves its article to be retried, and a catalog that changed
    // meanwhile may not be what was indexed: no token then.
    index.catalogToken = !this.#incomplete && this.catalog.persistedToken === token ? token : undefined;
    await index.save(this.dir);
    this.#index = index;
    this.#byTime = undefined;
    this.#rank = undefined;
  }

  async #addAll(index: SearchIndex, list: StoredArticle[], sigs: Map<string, string>): Promise<void> {
    if (list.length) await loadPinyin();
    const total = list.length;
    if (total) this.onProgress?.({ done: 0, total });
    let work = 0;
    for (let i = 0; i < total; i++) {
      const a = list[i]!;
      if ((i % PROGRESS_EVERY === 0 && i > 0) || work > YIELD_EVERY_CHARS) {
        this.onProgress?.({ done: i, total });
        // Let the progress out (and other requests in) during a long build.
        await new Promise((resolve) => setImmediate(resolve));
        work = 0;
      }
      const body = a.bodyRef ? await this.catalog.getBody(a.id, { cache: false }) : undefined;
      if (body) for (const b of body.blocks) work += b.text.length;
      // A body not yet on disk: index what there is and leave the signature empty to retry later.
      const sig = a.bodyRef && !body ? '' : sigs.get(a.id)!;
      if (!sig) this.#incomplete = true;
      index.add(a, body, sig);
    }
    if (total) this.onProgress?.({ done: total, total });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const t0 = performance.now();
    if (this.catalog.revision !== this.#revision) await this.refresh();
    const index = this.#index;
    const limit = Math.max(0, Math.min(query.limit ?? DEFAULT_LIMIT, 1000));
    const offset = Math.max(0, query.offset ?? 0);
    const accept = this.#filter(query);
    const pq = parseQuery(query.q ?? '');
    const sort = query.sort ?? 'relevance';

    if (!pq.terms.length && !pq.pinyin) {
      // No query: the newest (or oldest) articles that pass the filters, a headline's fold once.
      const order = this.#timeOrder();
      const { group, members } = foldsOf(index);
      const kind = index.kindRanks();
      const seen = new Uint8Array(members.length);
      const ids: number[] = [];
      const counts = { readable: 0, headlines: 0 };
      const walk = sort === 'oldest' ? [...order].reverse() : order;
      for (const d of walk) {
        if (accept && !accept(d)) continue;
        const g = group[d]!;
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

    const run = runQuery(index, pq, accept, this.#timeRank());
    const { matches, counts } = foldMatches(index, run.matches, sort);
    const page = topMatches(index, matches, sort, offset + limit, this.#timeRank()).slice(offset);
    // Bodies are read in parallel: each may be a separate file.
    const hits = (await Promise.all(page.map((m) => this.#hit(m, pq, accept)))).filter(
      (h): h is SearchHit => !!h,
    );
    const result: SearchResult = { hits, total: matches.length, counts, tookMs: 0 };
    if (!matches.length) result.suggestions = await this.#suggest(run.touched, pq);
    result.tookMs = performance.now() - t0;
    return result;
  }

  /** Every matching article id in rank order (no highlights): for exports, bulk actions and the bench. */
  async searchIds(query: SearchQuery): Promise<string[]> {
    if (this.catalog.revision !== this.#revision) await this.refresh();
    const index = this.#index;
    const pq = parseQuery(query.q ?? '');
    const { matches } = runQuery(index, pq, this.#filter(query), this.#timeRank());
    return allMatches(index, matches, query.sort ?? 'relevance').map((m) => index.docs[m.d]!.id);
  }

  /** Notes and highlighted quotes (from the library store) matched with the same folding and tokens. */
  searchNotes(q: string, notes: NoteDoc[], limit = DEFAULT_LIMIT): Promise<NoteHit[]> {
    return searchNotes(q, notes, limit);
  }

  /** Doc d as a list entry: a headline with every listing of its fold that passes the filters. */
  #listed(d: number, accept: ((d: number) => boolean) | undefined): ListedArticle | undefined {
    const index = this.#index;
    const doc = index.docs[d];
    const article = doc ? this.catalog.getMeta(doc.id) : undefined;
    if (!article || article.kind !== 'headline') return article;
    const { group, members, readable } = foldsOf(index);
    const g = group[d]!;
    const fold = g >= 0 ? members[g]! : [d];
    const metas = fold.flatMap((m) => {
      const meta = (!accept || accept(m)) && this.#meta(m);
      return meta ? [meta] : [];
    });
    const r = g >= 0 ? readable[g]! : -1;
    return asListed(article, metas, r >= 0 ? index.docs[r]?.id : undefined);
  }

  #meta(d: number): ArticleMeta | undefined {
    const doc = this.#index.docs[d];
    return doc ? this.catalog.getMeta(doc.id) : undefined;
  }

  async #hit(
    m: Match,
    pq: ParsedQuery,
    accept: ((d: number) => boolean) | undefined,
  ): Promise<SearchHit | undefined> {
    const doc = this.#index.docs[m.d];
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
  #suggest(touched: number[], pq: ParsedQuery): Promise<string[]> {
    const index = this.#index;
    const title = (d: number): string | undefined => {
      const doc = index.docs[d];
      return doc ? this.catalog.getMeta(doc.id)?.title : undefined;
    };
    const docsFor = (q: ParsedQuery): number[] =>
      allMatches(index, runQuery(index, q, undefined, this.#timeRank()).matches, 'relevance').map((m) => m.d);
    return suggest({ index, title, docsFor }, pq, touched);
  }

  /** Rank of each doc in newest-first order (0 = newest): the recency tie-break as one number. */
  #timeRank(): Uint32Array {
    if (!this.#rank) {
      const order = this.#timeOrder();
      const rank = new Uint32Array(this.#index.docs.length).fill(order.length);
      order.forEach((d, i) => (rank[d] = i));
      this.#rank = rank;
    }
    return this.#rank;
  }

  #timeOrder(): number[] {
    if (!this.#byTime) {
      const index = this.#index;
      const order: number[] = [];
      for (let d = 0; d < index.docs.length; d++) if (index.docs[d]) order.push(d);
      order.sort((a, b) => (index.docs[b]!.time ?? -Infinity) - (index.docs[a]!.time ?? -Infinity) || b - a);
      this.#byTime = order;
    }
    return this.#byTime;
  }

  /** The filters as a test per doc; undefined when every indexed doc passes. */
  #filter(q: SearchQuery): ((d: number) => boolean) | undefined {
    const index = this.#index;
    const kinds = q.kinds?.length ? new Set(q.kinds) : undefined;
    const only = q.onlyIds ? new Set(q.onlyIds) : undefined;
    const from = q.from ? archiveDayStart(q.from) : undefined;
    const to = q.to ? archiveDayEnd(q.to) : undefined;
    const source = q.source;
    if (!kinds && !only && from === undefined && to === undefined && !source)
      return index.stalePostings ? (d) => index.docs[d] != null : undefined;
    return (d) => {
      const doc = index.docs[d];
      if (!doc) return false;
      if (only && !only.has(doc.id)) return false;
      if (from !== undefined && (doc.time == null || doc.time < from)) return false;
      if (to !== undefined && (doc.time == null || doc.time >= to)) return false;
      if (kinds || source) {
        const a = this.catalog.getStored(doc.id);
        if (!a) return false;
        if (kinds && !kinds.has(a.kind)) return false;
        if (source && !a.sources.includes(source)) return false;
      }
      return true;
    };
  }
}
