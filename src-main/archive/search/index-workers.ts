/**
 * Who analyses the articles of a build (article-terms.ts): worker threads for a large build, so the
 * build thread only numbers docs, fills postings and commits while the other cores fold, tokenize
 * and spell pinyin; the build thread itself for a small update, where starting a worker would cost
 * more than the work. A worker that fails hands its batches back to the build thread: a build never
 * fails for want of a worker.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../worker-entry.js';
import { articleTerms, type ArticleTerms, type TermsInput } from './article-terms.js';
import { loadPinyin } from './pinyin.js';

export interface TermsRequest {
  id: number;
  batch: TermsInput[];
}

export type TermsResponse = { id: number; terms: ArticleTerms[] } | { id: number; error: string };

export interface TermsAnalyzer {
  analyze(batch: TermsInput[]): Promise<ArticleTerms[]>;
  /**
   * Articles a build reads from the feed and hands over at a time (a page: indexed, reported and
   * yielded per page; a build killed or stuck loses at most the pages read ahead of its last commit).
   */
  readonly batch: number;
  /** Pages the analyzer can usefully hold at once. */
  readonly depth: number;
  close(): void;
}

/** Articles analysed on the build thread between two yields to its event loop. */
const INLINE_SLICE = 100;

/** On the build thread, a slice at a time (other requests get in between). */
export function inlineAnalyzer(): TermsAnalyzer {
  return {
    batch: INLINE_SLICE,
    depth: 1,
    async analyze(batch) {
      await loadPinyin();
      const out: ArticleTerms[] = [];
      // A batch handed back by a failed worker is larger than a page of the build's own.
      for (let i = 0; i < batch.length; i += INLINE_SLICE) {
        if (i) await new Promise((resolve) => setImmediate(resolve));
        for (const input of batch.slice(i, i + INLINE_SLICE)) out.push(articleTerms(input));
      }
      return out;
    },
    close() {},
  };
}

/** Workers for a build: one per core beyond the build thread's own (at least one, at most four). */
export function workerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Pending {
  batch: TermsInput[];
  resolve: (terms: ArticleTerms[]) => void;
  reject: (err: unknown) => void;
}

export class TermsPool implements TermsAnalyzer {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending & { worker: Worker }>();
  readonly #fallback = inlineAnalyzer();
  #next = 0;
  #nextId = 1;
  #broken = false;

  constructor(readonly size: number) {}

  readonly batch = 500;

  /**
   * Batches read ahead per worker: enough queued (about half a second of analysis) that the workers
   * go on while the build thread commits a chunk, at a few MB of terms held.
   */
  get depth(): number {
    return this.size * 8;
  }

  analyze(batch: TermsInput[]): Promise<ArticleTerms[]> {
    if (this.#broken || !batch.length) return this.#fallback.analyze(batch);
    const worker = this.#worker();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { batch, resolve, reject, worker });
      worker.postMessage({ id, batch } satisfies TermsRequest);
    });
  }

  close(): void {
    this.#broken = true;
    for (const w of this.#workers) void w.terminate();
    this.#workers.length = 0;
  }

  #worker(): Worker {
    if (this.#workers.length < this.size) {
      const w = spawnWorker(import.meta.url, 'index-worker');
      w.unref();
      w.on('message', (r: TermsResponse) => this.#done(r));
      w.on('error', (err) => {
        // Said once: the build goes on without workers, slower, and the cause should be seen.
        if (!this.#broken)
          console.warn(`yuelan: index worker failed (${err.message}); indexing on one thread`);
        this.#fail(w);
      });
      w.on('exit', () => this.#fail(w));
      this.#workers.push(w);
      return w;
    }
    return this.#workers[this.#next++ % this.#workers.length]!;
  }

  #done(r: TermsResponse): void {
    const p = this.#pending.get(r.id);
    if (!p) return;
    this.#pending.delete(r.id);
    if ('terms' in r) p.resolve(r.terms);
    else this.#retry(p);
  }

  /** A worker died (or failed to start): its batches, and every later one, are analysed here. */
  #fail(worker: Worker): void {
    this.#broken = true;
    for (const [id, p] of this.#pending)
      if (p.worker === worker) {
        this.#pending.delete(id);
        this.#retry(p);
      }
  }

  #retry(p: Pending): void {
    this.#fallback.analyze(p.batch).then(p.resolve, p.reject);
  }
}
