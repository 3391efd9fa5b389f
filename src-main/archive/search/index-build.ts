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
import { loadPinyin } from './pinyin.js';

/** Changes read from the feed at a time. */
const FETCH = 1000;
/** Articles between two progress reports (and two yields to the event loop) while indexing. */
const PROGRESS_EVERY = 500;
/** ...or sooner, after this many body characters (a few long articles take as long as many short). */
const YIELD_EVERY_CHARS = 2_000_000;
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
  await loadPinyin();
  index.beginBulk();
  const { total, exact } = pending(feed, start, target);
  let done = 0;
  const chunkPostings = options.chunkPostings ?? CHUNK_POSTINGS;
  const chunkDocs = options.chunkDocs ?? CHUNK_DOCS;
  options.onProgress?.({ done: 0, total });
  let chunk = index.startChunk();
  let articles = 0;
  let work = 0; // body characters since the last yield
  const commit = (seq: number): void => {
    index.commit(chunk, catalogId, seq);
    options.onCommit?.(seq);
    index.mergeSegments();
    chunk = index.startChunk();
  };
  for (let cursor = start; cursor < target;) {
    const fetched = feed.changesSince(cursor, FETCH);
    const changes = fetched.filter((c) => c.seq <= target);
    // Everything up to `upper` is in hand once this page is done.
    const upper =
      fetched.length === FETCH && changes.length === fetched.length ? fetched.at(-1)!.seq : target;
    // Removals first: an article removed and written again has its write after its removal.
    for (let after = cursor; ;) {
      const removed = feed.removedSince(after, FETCH);
      for (const r of removed) if (r.seq <= upper) index.kill(chunk, r.id);
      if (removed.length < FETCH || removed.at(-1)!.seq >= upper) break;
      after = removed.at(-1)!.seq;
    }
    for (const { seq, article } of changes) {
      const sig = articleSignature(article);
      const cur = index.current(chunk, article.id);
      // Written again with nothing the index keeps changed (a new source listing it): left as it is.
      if (!cur || cur.sig !== sig) {
        const body = article.bodyRef ? await feed.getBody(article.id, { cache: false }) : undefined;
        index.kill(chunk, article.id);
        const before = chunk.chars;
        // A body not on disk yet: indexed without it, with an empty signature so it is retried.
        chunk.add(index, article, body, article.bodyRef && !body ? '' : sig);
        work += chunk.chars - before;
      }
      if (chunk.postings >= chunkPostings || chunk.rows.length >= chunkDocs) commit(seq);
      done = exact ? done + 1 : seq - start;
      if (++articles % PROGRESS_EVERY === 0 || work > YIELD_EVERY_CHARS) {
        work = 0;
        options.onProgress?.({ done: Math.min(done, total), total });
        // Let the progress out (and other requests in) during a long build.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    cursor = upper;
  }
  commit(target);
  index.finishBulk();
  index.snapshotIfDue();
  options.onProgress?.({ done: total, total });
  return true;
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
