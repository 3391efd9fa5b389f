/**
 * Parsing off the serving thread. Decoding and parsing a file is the one step of an import whose cost
 * depends on what the file holds, so it runs in a worker thread with a memory ceiling and a time
 * limit: a hostile or huge file stops its worker (which is replaced) and is rejected with a reason,
 * while the thread that answers the app's requests never waits on it.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../worker-entry.js';
import type { ParsedArticle, ParsedPage } from './parsed-page.js';
import type { SavedJob } from './formats/read-saved.js';
import type { LoadResult, PreviousSource } from './source-load.js';

export type ParseOutcome =
  { ok: true; encoding: string; page: ParsedPage } | { ok: false; reason: string; encoding?: string };

/**
 * A file the worker reads, sniffs and hashes itself (source-load.ts), then parses unless its content
 * is the one imported before, or it is a web archive (parsed when its turn comes, see import-files.ts).
 */
export interface LoadJob {
  path: string;
  maxBytes: number;
  previous?: PreviousSource;
  dataDir: string;
}

/** What a LoadJob gives: the file's facts (without its bytes), and its parse when one was run. */
export interface LoadOutcome {
  load: LoadResult;
  parsed?: ParseOutcome;
}

/**
 * A text page's bytes, a saved-page file (HTML, MHTML, WARC, WACZ: see formats/read-saved.ts), or a
 * file to read first (LoadJob).
 */
export type ParseInput = { bytes: Uint8Array } | { saved: SavedJob } | { load: LoadJob };

/** A job's answer: a LoadJob's LoadOutcome unless its worker stopped (then a failed ParseOutcome). */
export type JobOutcome = ParseOutcome | LoadOutcome;

export type ParseRequest = { id: number } & ParseInput;

/**
 * The outcome; or (`tick`) word that a long job read another record, or (`articles`) a batch of a web
 * archive's articles: either way its time limit starts again.
 */
export type ParseResponse =
  | { id: number; outcome: JobOutcome }
  | { id: number; tick: true }
  | { id: number; articles: ParsedArticle[] };

export interface ParseLimits {
  /** A file still parsing after this long is stopped and rejected. */
  timeoutMs: number;
  /** The worker's heap ceiling (V8 old generation). */
  memoryMb: number;
}

/**
 * A 50 MiB page (the import size limit) parses in well under these on a slow laptop; only a file
 * built to be costly reaches them.
 */
export const DEFAULT_PARSE_LIMITS: ParseLimits = { timeoutMs: 60_000, memoryMb: 1536 };
/** An idle worker is let go after this long (it holds the last file's garbage). */
const IDLE_MS = 15_000;

interface Job {
  input: ParseInput;
  /** Takes a web archive's batches of articles as they come (else they are joined to the outcome). */
  onArticles?: ((articles: ParsedArticle[]) => void) | undefined;
  resolve: (outcome: JobOutcome) => void;
}

interface RunningJob extends Job {
  id: number;
  /** Articles a web archive's job sent before its outcome. */
  batches: ParsedArticle[][];
  /** Set once the job is handed to a loaded worker. */
  timer?: NodeJS.Timeout;
}

/**
 * Jobs handed to one worker at once. It then starts the next itself instead of waiting for this
 * thread to hand it over: while this thread commits a batch (tens of ms) the worker went idle.
 */
const IN_FLIGHT = 4;
/** ...unless the bytes handed over already reach this (a few large pages are enough to keep it busy). */
const IN_FLIGHT_BYTES = 8 * 1024 * 1024;

/**
 * One worker and the jobs handed to it, run in order; the first is the one running. Replaced
 * whenever a job kills it: that job fails, and the ones behind it go back to the pool's queue.
 */
class ParseWorker {
  readonly #worker: Worker;
  #jobs: RunningJob[] = [];
  #nextId = 1;
  #dead = false;
  #ready = false;

  constructor(
    private readonly limits: ParseLimits,
    private readonly onDone: (w: ParseWorker, orphans: Job[]) => void,
  ) {
    this.#worker = spawnParseWorker(limits.memoryMb);
    this.#worker.unref();
    this.#worker.on('message', (r: ParseResponse | 'ready') => {
      const head = this.#jobs[0];
      if (r === 'ready') {
        this.#ready = true;
        for (const job of this.#jobs) this.#post(job);
        if (head) this.#arm(head);
      } else if (head?.id !== r.id) return;
      else if ('tick' in r) this.#arm(head);
      else if ('articles' in r) {
        if (head.onArticles) head.onArticles(r.articles);
        else head.batches.push(r.articles);
        this.#arm(head);
      } else this.#finish(r.outcome);
    });
    this.#worker.on('error', (err: Error & { code?: string }) => {
      this.#die(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              ok: false,
              reason: `over size limit: parsing needed more than ${this.limits.memoryMb} MB of memory`,
            }
          : { ok: false, reason: `could not parse: the parser stopped (${err.message.split('\n')[0]})` },
      );
    });
    this.#worker.on('exit', () => this.#die({ ok: false, reason: 'could not parse: the parser stopped' }));
  }

  get dead(): boolean {
    return this.#dead;
  }

  /** Whether it takes no more jobs for now. */
  get busy(): boolean {
    if (this.#dead || this.#jobs.length >= IN_FLIGHT) return true;
    let bytes = 0;
    for (const job of this.#jobs) bytes += 'bytes' in job.input ? job.input.bytes.length : 0;
    return this.#jobs.length > 0 && bytes >= IN_FLIGHT_BYTES;
  }

  get idle(): boolean {
    return this.#jobs.length === 0;
  }

  run(job: Job): void {
    const running: RunningJob = { ...job, id: this.#nextId++, batches: [] };
    this.#jobs.push(running);
    // While a job runs the process waits for it (the CLI); an idle worker keeps nothing alive.
    this.#worker.ref();
    if (!this.#ready) return;
    this.#post(running);
    if (this.#jobs.length === 1) this.#arm(running);
  }

  #post(job: RunningJob): void {
    this.#worker.postMessage({ id: job.id, ...job.input } satisfies ParseRequest);
  }

  /** (Re)start the running job's time limit: from its start, or from the last record a long job read. */
  #arm(job: RunningJob): void {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      const seconds = Math.round(this.limits.timeoutMs / 100) / 10;
      this.#die({ ok: false, reason: `could not parse: stopped after ${seconds} s` });
      void this.#worker.terminate();
    }, this.limits.timeoutMs);
  }

  #finish(outcome: JobOutcome): void {
    const job = this.#jobs.shift();
    if (!job) return;
    clearTimeout(job.timer);
    if ('ok' in outcome && outcome.ok && job.batches.length) {
      outcome.page.articles = [...job.batches.flat(), ...outcome.page.articles];
    }
    const next = this.#jobs[0];
    if (next) this.#arm(next);
    else this.#worker.unref();
    job.resolve(outcome);
    this.onDone(this, []);
  }

  /** The running job fails with `outcome`; the jobs behind it go to another worker. */
  #die(outcome: ParseOutcome): void {
    if (this.#dead) return;
    this.#dead = true;
    const [head, ...rest] = this.#jobs;
    this.#jobs = [];
    this.#worker.unref();
    if (head) {
      clearTimeout(head.timer);
      head.resolve(outcome);
    }
    this.onDone(
      this,
      rest.map(({ input, onArticles, resolve }) => ({ input, onArticles, resolve })),
    );
  }

  /** Stop it: the jobs handed to it fail (the pool is closing). */
  terminate(): void {
    if (!this.#dead) {
      this.#dead = true;
      for (const job of this.#jobs.splice(0)) {
        clearTimeout(job.timer);
        job.resolve({ ok: false, reason: 'could not parse: the parser stopped' });
      }
    }
    void this.#worker.terminate();
  }
}

export class ParsePool {
  #workers: ParseWorker[] = [];
  #queue: Job[] = [];
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS,
    readonly size = 1,
  ) {}

  /** Decode and parse one file's bytes; never throws, never runs on the calling thread. */
  parse(bytes: Uint8Array): Promise<ParseOutcome> {
    return this.run({ bytes }) as Promise<ParseOutcome>;
  }

  /**
   * Read a file in the worker (its stat, sniff and sha256 cost the importing thread nothing) and parse
   * it unless its content is known. A failed ParseOutcome: the worker stopped on it.
   */
  load(job: LoadJob): Promise<JobOutcome> {
    return this.run({ load: job });
  }

  /**
   * Read a saved-page file (see formats/read-saved.ts) in the worker. The time limit counts from the
   * last record or page the worker read, so an archive of any size may take as long as it needs.
   */
  parseSaved(job: SavedJob, onArticles?: (articles: ParsedArticle[]) => void): Promise<ParseOutcome> {
    return this.run({ saved: job }, onArticles) as Promise<ParseOutcome>;
  }

  run(input: ParseInput, onArticles?: (articles: ParsedArticle[]) => void): Promise<JobOutcome> {
    return new Promise((resolve) => {
      this.#queue.push({ input, resolve, onArticles });
      this.#pump();
    });
  }

  #pump(): void {
    this.#workers = this.#workers.filter((w) => !w.dead);
    while (this.#queue.length > 0) {
      let worker = this.#workers.find((w) => !w.busy);
      if (!worker && this.#workers.length < this.size) {
        worker = new ParseWorker(this.limits, (_, orphans) => {
          this.#queue.unshift(...orphans);
          this.#pump();
        });
        this.#workers.push(worker);
      }
      if (!worker) return;
      worker.run(this.#queue.shift()!);
    }
    if (this.#workers.every((w) => w.idle)) this.#scheduleIdle();
  }

  #scheduleIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#queue.length || this.#workers.some((w) => !w.idle)) return;
      this.close();
    }, IDLE_MS);
    this.#idleTimer.unref();
  }

  /** Stop the workers (a later parse starts new ones). */
  close(): void {
    clearTimeout(this.#idleTimer);
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
  }
}

let shared: ParsePool | undefined;

/**
 * The pool every import shares: one worker per core, at most four. The merging thread once needed a
 * core of its own (1,000 pages on two cores: one worker 2.7 s, two 3.5 s); since the workers read,
 * hash and fold the files, it waits for the parse about half the time, and on two cores a second
 * worker takes that half: 100,000 pages, import only, alternated, 102-113 -> 96-99 s (about 50 MB
 * more memory).
 */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool(DEFAULT_PARSE_LIMITS, Math.min(4, availableParallelism()));
  return shared;
}

function spawnParseWorker(memoryMb: number): Worker {
  return spawnWorker(import.meta.url, 'parse-worker', { maxOldGenerationSizeMb: memoryMb });
}
