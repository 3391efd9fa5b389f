/**
 * Building and updating the index from the catalog's change feed (index-feed.ts): read the changes
 * after the number the index has reached, a page at a time, index them into a chunk, and commit the
 * chunk (docs, one postings segment, the change number reached) in one transaction whenever it is
 * full. Memory is bounded by the chunk, not the archive, and a build killed at any point goes on from
 * its last commit. A new catalog id (a catalog rebuilt from the sources) starts the index over.
 */
import type { IndexProgress } from '../model.js';
import { articleSignature, type IndexFeed } from './index-feed.js';
import { IndexChanged, type SearchIndex } from './search-index.js';
import type { ArticleTerms, TermsInput } from './article-terms.js';
import { TermsPool, inlineAnalyzer, workerCount } from './index-workers.js';

/** Changes read from the feed at a time (counting an update's work, removals). */
const FETCH = 1000;
/** From this many articles to index, a build analyses them in worker threads (index-workers.ts). */
const POOL_FROM = 5_000;
/** A chunk is committed at this many postings (its memory: about 8 bytes each)... */
const CHUNK_POSTINGS = 6_000_000;
/** ...or at this many docs. */
const CHUNK_DOCS = 60_000;
/** Another process committing to the index meanwhile: catch up and go on, this many times. */
const RETRIES = 5;
/** Up to this many change numbers, an update counts its articles first (exact progress). */
const COUNT_LIMIT = 100_000;

export interface BuildOptions {
  onProgress?: (progress: IndexProgress) => void;
  /** Chunk limits (tests make them small to get many commits). */
  chunkPostings?: number;
  chunkDocs?: number;
  /**
   * Worker threads analysing the articles: 0 for none (the build thread does it). By default a
   * build of POOL_FROM articles or more uses one per spare core.
   */
  workers?: number;
  /** Told after every commit, with the change number reached (tests, probes). */
  onCommit?: (seq: number) => void;
}

/** Bring the index up to the feed's latest change. Returns whether anything was read from the feed. */
export async function updateIndex(
  index: SearchIndex,
  feed: IndexFeed,
  options: BuildOptions = {},
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await build(index, feed, options);
    } catch (err) {
      // What was built since the last commit is dropped: the file is what counts.
      index.reload();
      if (!(err instanceof IndexChanged) || attempt >= RETRIES) throw err;
    }
  }
}

/** One page of the feed, read ahead while earlier pages are being indexed. */
interface Page {
  /** Articles removed in this page's span of change numbers. */
  removed: string[];
  changes: { seq: number; id: string; sig: string; indexed: boolean }[];
  /** The terms of the changes to index, in order. */
  terms: Promise<ArticleTerms[]>;
}

async function build(index: SearchIndex, feed: IndexFeed, options: BuildOptions): Promise<boolean> {
  index.sync();
  const catalogId = feed.catalogId;
  const target = feed.changeSeq;
  if (index.catalogId !== catalogId || index.seq > target) index.reset(catalogId);
  const start = index.seq;
  if (start >= target) {
    // Killed between its last commit and its end: the end is all that is left.
    index.finishBulk();
    return false;
  }
  // Nothing indexed yet: no article has a doc to look up or to kill.
  const fresh = index.docCount === 0;
  index.beginBulk();
  const { total, exact } = pending(feed, start, target);
  const workers = options.workers ?? (total >= POOL_FROM ? workerCount() : 0);
  const analyzer = workers > 0 ? new TermsPool(workers) : inlineAnalyzer();
  try {
    let done = 0;
    const chunkPostings = options.chunkPostings ?? CHUNK_POSTINGS;
    const chunkDocs = options.chunkDocs ?? CHUNK_DOCS;
    options.onProgress?.({ done: 0, total });
    let chunk = index.startChunk();
    const commit = async (seq: number): Promise<void> => {
      await index.commit(chunk, catalogId, seq);
      options.onCommit?.(seq);
      await index.mergeSegments();
      chunk = index.startChunk(chunk);
    };

    /** Read the page after `cursor`; its terms are worked out while earlier pages are indexed. */
    const readPage = async (cursor: number): Promise<{ page: Page; upper: number }> => {
      const fetched = feed.changesSince(cursor, analyzer.batch);
      const changes = fetched.filter((c) => c.seq <= target);
      // Everything up to `upper` is in hand once this page is done.
      const upper =
        fetched.length === analyzer.batch && changes.length === fetched.length ? fetched.at(-1)!.seq : target;
      const removed: string[] = [];
      for (let after = cursor; ;) {
        const rows = feed.removedSince(after, FETCH);
        for (const r of rows) if (r.seq <= upper) removed.push(r.id);
        if (rows.length < FETCH || rows.at(-1)!.seq >= upper) break;
        after = rows.at(-1)!.seq;
      }
      const inputs: TermsInput[] = [];
      const page: Page = { removed, changes: [], terms: Promise.resolve([]) };
      for (const { seq, article } of changes) {
        const sig = articleSignature(article);
        const cur = fresh ? undefined : index.current(chunk, article.id);
        // Written again with nothing the index keeps changed (a new source listing it): left as it is.
        const indexed = !cur || cur.sig !== sig;
        if (indexed) {
          const body = article.bodyRef ? await feed.getBody(article.id, { cache: false }) : undefined;
          inputs.push({ article, blocks: body?.blocks.map((b) => b.text) });
          // A body not on disk yet: indexed without it, with an empty signature so it is retried.
          page.changes.push({ seq, id: article.id, sig: article.bodyRef && !body ? '' : sig, indexed });
        } else page.changes.push({ seq, id: article.id, sig, indexed });
      }
      page.terms = analyzer.analyze(inputs);
      // Not awaited until its turn: a failure then is the build's.
      page.terms.catch(() => undefined);
      return { page, upper };
    };

    const ahead: Page[] = [];
    for (let cursor = start; cursor < target || ahead.length;) {
      while (cursor < target && ahead.length < analyzer.depth) {
        const { page, upper } = await readPage(cursor);
        ahead.push(page);
        cursor = upper;
      }
      const page = ahead.shift()!;
      for (const id of page.removed) index.kill(chunk, id);
      const terms = await page.terms;
      let j = 0;
      for (const change of page.changes) {
        if (change.indexed) {
          if (!fresh) index.kill(chunk, change.id);
          chunk.add(index, change.id, terms[j++]!, change.sig);
        }
        if (chunk.postings >= chunkPostings || chunk.rows.length >= chunkDocs) await commit(change.seq);
        done = exact ? done + 1 : change.seq - start;
      }
      // done === total only once the last chunk is committed (the app then takes the build as over).
      options.onProgress?.({ done: Math.min(done, total - 1), total });
      // Let the progress out (and other requests in) during a long build.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await commit(target);
    index.finishBulk();
    index.snapshotIfDue();
    options.onProgress?.({ done: total, total });
    return true;
  } finally {
    analyzer.close();
  }
}

/**
 * How much an update has to read, for its progress: exactly, in articles, when that is cheap (a build
 * from nothing reads every live article once; a small update counts its own); otherwise the change
 * numbers it spans (an article written several times counts once, so the count runs ahead of done).
 */
function pending(feed: IndexFeed, start: number, target: number): { total: number; exact: boolean } {
  const size = (feed as { size?: unknown }).size;
  if (start === 0 && typeof size === 'number') return { total: size, exact: true };
  if (target - start > COUNT_LIMIT) return { total: target - start, exact: false };
  let total = 0;
  for (let after = start; ;) {
    const page = feed.changesSince(after, FETCH);
    for (const c of page) if (c.seq <= target) total++;
    if (page.length < FETCH || page.at(-1)!.seq >= target) break;
    after = page.at(-1)!.seq;
  }
  return { total, exact: true };
}
