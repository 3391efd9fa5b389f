/**
 * The parse worker's entry: decodes and parses one file per message, off the thread that answers the
 * app's requests: a text page's bytes, or a saved-page file (HTML, MHTML, WARC, WACZ) read from its
 * path. It holds no state between files; a file that makes it run out of its memory ceiling or time
 * kills only this worker (see parse-pool.ts), never the app. While a long archive is read it says
 * so after every record (at most a few times a second), and the pool's time limit starts again; its
 * articles are sent in batches as they come, so they do not pile up here until its end.
 */
import { parentPort } from 'node:worker_threads';
import { parseBytes, withIds } from './parse-bytes.js';
import type { ParseRequest, ParseResponse, ParseOutcome } from './parse-pool.js';
import type { ParsedArticle } from './parsed-page.js';

/** How often at most a long job reports that it is still reading. */
const TICK_MS = 250;

// warcio warns on stderr about records whose length does not match; the import reports them itself.
console.warn = () => undefined;

async function handle(request: ParseRequest): Promise<ParseOutcome> {
  if ('bytes' in request) return parseBytes(request.bytes);
  let last = Date.now();
  const tick = (): void => {
    const now = Date.now();
    if (now - last < TICK_MS) return;
    last = now;
    parentPort!.postMessage({ id: request.id, tick: true } satisfies ParseResponse);
  };
  try {
    // Loaded on the first saved page: a worker that only reads text never loads the DOM and archives.
    const { readSaved } = await import('./formats/read-saved.js');
    const emit = (articles: ParsedArticle[]): void => {
      last = Date.now();
      parentPort!.postMessage({ id: request.id, articles: withIds(articles) } satisfies ParseResponse);
    };
    const outcome = await readSaved(request.saved, tick, emit);
    if (outcome.ok) withIds(outcome.page.articles);
    return outcome;
  } catch (err) {
    return {
      ok: false,
      reason: `could not parse: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
    };
  }
}

// The pool hands over several jobs at once (parse-pool.ts): they run one after another, in order,
// even when a saved page's reading waits on the disk (the pool takes answers in that order).
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: ParseRequest) => {
  previous = previous.then(async () => {
    let outcome: ParseOutcome;
    try {
      outcome = await handle(request);
    } catch (err) {
      // Not left to end the chain: the jobs behind this one still get their answers.
      outcome = { ok: false, reason: `could not parse: ${String(err).split('\n')[0]}` };
    }
    parentPort!.postMessage({ id: request.id, outcome } satisfies ParseResponse);
  });
});
// Loaded: a job's time limit counts from here, not from the worker's start-up.
parentPort?.postMessage('ready');
