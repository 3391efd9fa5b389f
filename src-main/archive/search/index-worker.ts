/**
 * The index worker's entry: analyses batches of articles (article-terms.ts) for a build, off the
 * thread that answers the app's requests. It holds no state between batches.
 */
import { parentPort } from 'node:worker_threads';
import { articleTerms } from './article-terms.js';
import { loadPinyin } from './pinyin.js';
import type { TermsRequest, TermsResponse } from './index-workers.js';

const ready = loadPinyin();

parentPort?.on('message', (request: TermsRequest) => {
  void ready
    .then(() => {
      const terms = request.batch.map(articleTerms);
      parentPort!.postMessage(
        { id: request.id, terms } satisfies TermsResponse,
        terms.map((t) => t.keys.buffer as ArrayBuffer),
      );
    })
    .catch((err: unknown) => {
      const error = err instanceof Error ? err.message : String(err);
      parentPort!.postMessage({ id: request.id, error } satisfies TermsResponse);
    });
});
