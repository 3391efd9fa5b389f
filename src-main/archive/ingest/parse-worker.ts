/**
 * The parse worker's entry: decodes and parses one file per message, off the thread that answers the
 * app's requests: a text page's bytes, or a saved-page file (HTML, MHTML, WARC, WACZ) read from its
 * path. It holds no state between files; a file that makes it run out of its memory ceiling or time
 * kills only this worker (see parse-pool.ts), never the app. While a long archive is read it says
 * so after every record (at most a few times a second), and the pool's time limit starts again; its
 * articles are sent in batches as they come, so they do not pile up here until its end.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { parseBytes, withIds } from './parse-bytes.js';
import type {
  JobOutcome,
  LoadJob,
  LoadOutcome,
  ParseRequest,
  ParseResponse,
  ParseOutcome,
} from './parse-pool.js';
import type { ParsedArticle } from './parsed-page.js';
import type { SavedJob } from './formats/read-saved.js';
import { isStreamed, loadSource, readsAtOnce } from './source-load.js';

/**
 * The parse runs at a lower priority than the thread that started it, which answers the app and
 * writes the catalog: that thread is what an import waits for, and the app must stay responsive.
 * On Linux a thread's nice value is its own (setpriority of "process 0" is the calling thread);
 * elsewhere it is the whole process's, so it is left alone there. 100,000 pages, import only,
 * alternated in both orders: 124.0-142.4 s at the same priority, 114.0-125.3 s at nice 10.
 */
const PARSE_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(PARSE_NICE);
  } catch {
    // Not allowed here (a sandbox): the parse runs at the process's priority.
  }
}

/** How often at most a long job reports that it is still reading. */
const TICK_MS = 250;

// warcio warns on stderr about records whose length does not match; the import reports them itself.
console.warn = () => undefined;

async function handle(request: ParseRequest): Promise<JobOutcome> {
  if ('load' in request) return loadAndParse(request.id, request.load);
  if ('bytes' in request) return parseBytes(request.bytes);
  return parseSaved(request.id, request.saved);
}

/** Tells the pool, at most every TICK_MS, that a long job is still at work (its time limit restarts). */
function ticker(id: number): { tick: () => void; ticked: () => void } {
  let last = Date.now();
  return {
    tick: () => {
      const now = Date.now();
      if (now - last < TICK_MS) return;
      last = now;
      parentPort!.postMessage({ id, tick: true } satisfies ParseResponse);
    },
    ticked: () => {
      last = Date.now();
    },
  };
}

/**
 * A file read here, so the importing thread does not stat, read and hash it. Its content is parsed
 * unless it is what the file held at its last import; the importer still judges it (a duplicate's
 * parse is thrown away there). Its bytes stay here.
 */
async function loadAndParse(id: number, job: LoadJob): Promise<LoadOutcome> {
  const { tick } = ticker(id);
  const load = await loadSource(job.path, {
    maxBytes: job.maxBytes,
    previous: job.previous,
    reads: readsAtOnce(tick),
  });
  if (load.ok !== true) return { load };
  const { bytes, ...source } = load.source;
  const facts = { load: { ok: true as const, source } };
  if (job.previous?.sha256 === source.sha || isStreamed(source.format) || !bytes) return facts;
  const parsed =
    source.format === 'text'
      ? parseBytes(bytes)
      : await parseSaved(id, { path: job.path, format: source.format, dataDir: job.dataDir, bytes });
  return { ...facts, parsed };
}

async function parseSaved(id: number, saved: SavedJob): Promise<ParseOutcome> {
  const { tick, ticked } = ticker(id);
  try {
    // Loaded on the first saved page: a worker that only reads text never loads the DOM and archives.
    const { readSaved } = await import('./formats/read-saved.js');
    const emit = (articles: ParsedArticle[]): void => {
      ticked();
      parentPort!.postMessage({ id, articles: withIds(articles) } satisfies ParseResponse);
    };
    const outcome = await readSaved(saved, tick, emit);
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
    let outcome: JobOutcome;
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
