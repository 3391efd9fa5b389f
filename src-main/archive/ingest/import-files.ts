/**
 * Importing files and folders into the catalog: each file is read, hashed, decoded, parsed and merged
 * into the articles it mentions, or rejected with a one-line reason; one bad file never stops the rest.
 * A file's sha256 decides whether it changed; a changed file replaces what it gave before; the same
 * story from several files is one article listing every source, and its richest form (full > brief >
 * headline) wins. Metadata is flushed once per batch, so a cancelled or crashed import leaves a
 * consistent catalog: bodies are written before the metadata pointing at them, and old bodies are
 * removed only after the metadata no longer does.
 */
import { resolve } from 'node:path';
import type { ImportProgress, ImportReport, SourceRecord } from '../model.js';
import type { CatalogStore } from '../catalog/catalog-store.js';
import { collectFiles } from './collect-files.js';
import { readAhead, type ReadAhead } from './read-ahead.js';
import { sharedParsePool, type ParsePool } from './parse-pool.js';
import { reasonFromText, sameReason } from './import-reason.js';
import { SerialQueue } from '../store/serial-queue.js';
import {
  attach,
  byId,
  detach,
  dropSource,
  flushBatch,
  isCurrent,
  setSource,
  importedPathOf,
  type RunState,
} from './import-merge.js';
import { BodySink, bodyRefOf, noteImported, putBodies, withPageFacts } from './import-pages.js';
import { isStreamed, loadSource, parseSource } from './source-load.js';
import { ALL_EXTENSIONS } from './formats/sniff.js';

export interface ImportOptions {
  /** File name endings imported from folders (files named directly are always tried). */
  extensions?: string[];
  /** Larger files are rejected without being read. */
  maxBytes?: number;
  /**
   * Abort to cancel: the import ends its current batch early (after the file in hand), flushes it, and
   * reports `cancelled`; everything imported so far stays, consistent.
   */
  signal?: AbortSignal;
  /** Files per transaction (default DEFAULT_BATCH_SIZE; BULK_BATCH_SIZE in a bulk import). */
  batchSize?: number;
  /**
   * From this many files, an import into a catalog with no more sources than that builds the lists'
   * indexes once at its end (default BULK_FILES).
   */
  bulkFiles?: number;
  /** Where files are decoded and parsed (default: the shared worker pool, with its limits). */
  parser?: ParsePool;
}

/** Every format's file name endings: text, HTML, MHTML, WARC (plain or gzip) and WACZ. */
export const DEFAULT_EXTENSIONS = ALL_EXTENSIONS;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_BATCH_SIZE = 200;
/**
 * Files per transaction in a bulk import. Rows keyed by id land on random pages, and each commit
 * writes every page it touched to the WAL: with 200 files a commit at a million pages touched about
 * one row a page, and the import wrote twelve times the corpus. Larger commits touch each page for
 * several rows (a killed import loses its open batch, which the next import reads again).
 */
export const BULK_BATCH_SIZE = 2000;
/**
 * Files read ahead per parse worker, so that it always has jobs handed to it (parse-pool.ts's
 * IN_FLIGHT) while this thread merges and commits.
 */
const READ_AHEAD_PER_WORKER = 6;
/** From this many files an import into a catalog with fewer sources is a bulk import. */
export const BULK_FILES = 2000;

// All ingest operations on one catalog run one at a time (an import, the watcher, Sources view actions).
const queues = new WeakMap<CatalogStore, SerialQueue>();

function serialised<T>(catalog: CatalogStore, task: () => Promise<T>): Promise<T> {
  let queue = queues.get(catalog);
  if (!queue) queues.set(catalog, (queue = new SerialQueue()));
  // Each as the catalog's one writer across processes, committed before it returns.
  return queue.run(() => catalog.writeSession(task));
}

export function importPaths(
  catalog: CatalogStore,
  paths: string[],
  options: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportReport> {
  return serialised(catalog, () => runImport(catalog, paths, options, onProgress, false));
}

/** Read a source file again even if unchanged (the Sources view's re-import). */
export function reimportSource(
  catalog: CatalogStore,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return serialised(catalog, () => runImport(catalog, [path], options, undefined, true));
}

/**
 * Forget a source file: it leaves every article it mentioned, articles left without a source go, and
 * a byte-identical duplicate of it (if any) is imported in its place. Returns false for an unknown path.
 */
export async function removeSource(catalog: CatalogStore, path: string): Promise<boolean> {
  return (await removeSources(catalog, [path])).length > 0;
}

/** Sources removed per catalog transaction when many go at once (a folder of thousands of files). */
const REMOVE_BATCH = 200;

/** Forget many source files as removeSource does, in batches; returns the paths that were known. */
export function removeSources(catalog: CatalogStore, paths: readonly string[]): Promise<string[]> {
  return serialised(catalog, async () => {
    const removed: string[] = [];
    for (let i = 0; i < paths.length; i += REMOVE_BATCH) {
      const state = newState(catalog, {});
      for (const path of paths.slice(i, i + REMOVE_BATCH)) {
        const abs = resolve(path);
        const record = catalog.getSource(abs);
        if (!record) continue;
        await detach(state, record);
        dropSource(state, abs);
        await promoteDuplicates(state, abs);
        removed.push(path);
      }
      await flushBatch(state);
    }
    return removed;
  });
}

async function runImport(
  catalog: CatalogStore,
  paths: string[],
  options: ImportOptions,
  onProgress: ((p: ImportProgress) => void) | undefined,
  force: boolean,
): Promise<ImportReport> {
  const started = Date.now();
  const state = newState(catalog, options);
  const walk = await collectFiles(
    paths,
    state.options.extensions.map((e) => e.toLowerCase()),
    options.signal ? { signal: options.signal } : {},
  );
  const files = walk.files;
  if (walk.skipped.length) state.report.skipped = walk.skipped;
  if (walk.cancelled) state.report.cancelled = true;
  const total = files.length;
  // A first import of a large archive (or one that at least doubles it) builds the lists' indexes
  // once at its end instead of row by row.
  const bulk = total >= (options.bulkFiles ?? BULK_FILES) && total >= catalog.sourceCount;
  if (bulk) {
    catalog.beginBulk();
    if (options.batchSize === undefined) state.options.batchSize = BULK_BATCH_SIZE;
  }
  try {
    return await importFiles(state, files, force, options, onProgress, started);
  } finally {
    if (bulk) await catalog.endBulk();
  }
}

async function importFiles(
  state: RunState,
  files: string[],
  force: boolean,
  options: ImportOptions,
  onProgress: ((p: ImportProgress) => void) | undefined,
  started: number,
): Promise<ImportReport> {
  const total = files.length;
  // The next files are read (and parsed, when new) while this one is merged.
  const ahead = new Map<string, Promise<ReadAhead | undefined>>();
  let done = 0;
  let inBatch = 0;
  for (const [k, file] of files.entries()) {
    if (options.signal?.aborted) {
      state.report.cancelled = true;
      break;
    }
    onProgress?.({ done, total, current: file });
    // A few files per worker are read (and parsed) ahead, so the workers go on while this thread
    // commits a batch (with one file ahead, a worker waited for every commit).
    for (
      let j = k + 1;
      j <= k + READ_AHEAD_PER_WORKER * state.parser.size && j < files.length && !force;
      j++
    ) {
      const next = files[j]!;
      if (!ahead.has(next)) ahead.set(next, readAhead(state, next));
    }
    await importOne(state, file, force, await ahead.get(file));
    ahead.delete(file);
    done++;
    // A batch is one transaction of a fixed number of files: its memory (the articles it touched) is
    // bounded by that. (A batch could once grow until its work was four times the last flush, which
    // kept the rewrites of a JSON catalog linear; a commit costs only what its batch wrote.)
    if (++inBatch >= state.options.batchSize) {
      await flushBatch(state);
      inBatch = 0;
    }
    // Give timers and I/O callbacks (progress events, the UI's requests) a turn between files.
    await new Promise<void>((r) => setImmediate(r));
  }
  if (!state.report.cancelled && options.signal?.aborted && done < total) state.report.cancelled = true;
  await flushBatch(state);
  onProgress?.({ done, total });
  state.report.durationMs = Date.now() - started;
  return state.report;
}

function newState(catalog: CatalogStore, options: ImportOptions): RunState {
  return {
    catalog,
    options: {
      extensions: options.extensions ?? DEFAULT_EXTENSIONS,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
    },
    report: {
      files: { imported: 0, unchanged: 0, duplicate: 0, rejected: 0 },
      rejected: [],
      duplicates: [],
      articles: { added: 0, updated: 0, upgraded: 0 },
      cancelled: false,
      durationMs: 0,
    },
    parser: options.parser ?? sharedParsePool(),
    before: new Map(),
    staleBodies: new Set(),
    parsedCache: new Map(),
    firstNew: catalog.nextArticleMark(),
  };
}

async function importOne(state: RunState, path: string, force: boolean, pre?: ReadAhead): Promise<void> {
  const { catalog, report } = state;
  const previous = catalog.getSource(path);
  const now = new Date().toISOString();
  const reject = async (text: string, extra: Partial<SourceRecord> = {}): Promise<void> => {
    // The decoder's and the parser's sentences become data here, once.
    const reason = reasonFromText(text);
    report.files.rejected++;
    report.rejected.push({ path, reason });
    // A path that never was a source and is not there gives the Sources view nothing to show.
    if (!previous && extra.size === undefined) return;
    // The same file rejected for the same reason: nothing to change (a re-import changes nothing).
    if (
      previous?.status === 'rejected' &&
      sameReason(previous.reason, reason) &&
      previous.sha256 === extra.sha256 &&
      previous.size === (extra.size ?? 0)
    ) {
      return;
    }
    if (previous) await detach(state, previous);
    setSource(state, {
      path,
      size: extra.size ?? 0,
      mtimeMs: extra.mtimeMs ?? 0,
      ...extra,
      status: 'rejected',
      reason,
      articleIds: [],
      importedAt: now,
    });
    if (previous?.status === 'imported') await promoteDuplicates(state, path);
  };

  let load = pre?.load ?? (await loadSource(path, { maxBytes: state.options.maxBytes, previous, force }));
  if (load.ok === false) return reject(load.reason, load.meta ?? {});
  if (load.ok === 'unchanged') {
    report.files.unchanged++;
    return;
  }
  const { meta, sha, format } = load.source;

  if (!force && previous?.sha256 === sha && isCurrent(catalog, previous)) {
    report.files.unchanged++;
    if (previous.mtimeMs !== meta.mtimeMs) setSource(state, { ...previous, mtimeMs: meta.mtimeMs });
    return;
  }

  const originalPath = importedPathOf(state, sha);
  const original = originalPath === undefined ? undefined : catalog.getSource(originalPath);
  if (original && original.path !== path) {
    if (previous) await detach(state, previous);
    setSource(state, {
      path,
      sha256: sha,
      ...meta,
      status: 'duplicate',
      reason: { code: 'duplicate', detail: original.path },
      duplicateOf: original.path,
      articleIds: [],
      importedAt: now,
      ...(format === 'text' ? {} : { format }),
    });
    report.files.duplicate++;
    report.duplicates.push({ path, duplicateOf: original.path });
    if (previous?.status === 'imported') await promoteDuplicates(state, path);
    return;
  }

  // Read ahead, a file whose content looked known kept its bytes in the worker; it is parsed after all
  // (say, rejected before with the same content), so it is read again here.
  if (!pre?.parsed && !load.source.bytes && !isStreamed(format)) {
    load = await loadSource(path, { maxBytes: state.options.maxBytes, force: true });
    if (load.ok === false) return reject(load.reason, load.meta ?? {});
    // Only a web archive is ever 'unchanged' (and one is never here).
    if (load.ok !== true) return;
  }
  // A web archive's bodies go to the catalog as it is read; its articles wait here without them.
  const sink = isStreamed(format) && !pre?.parsed ? new BodySink(catalog, sha) : undefined;
  let parsed = await (pre?.parsed ??
    parseSource(state.parser, path, load.source, catalog.dataDir, sink?.accept));
  if (sink) parsed = await sink.finish(parsed);
  if (!parsed.ok) {
    const encoding = parsed.encoding ? { encoding: parsed.encoding } : {};
    return reject(parsed.reason, {
      ...meta,
      sha256: sha,
      ...encoding,
      ...(format === 'text' ? {} : { format }),
    });
  }

  const contributions = byId(parsed.page.articles);
  // Pages folded into another of the same title and time leave no body behind.
  await sink?.discard(new Set([...contributions.values()].map((a) => bodyRefOf(sha, a))));
  // Bodies first: metadata pointing at them is flushed later, never before they exist.
  await putBodies(catalog, sha, contributions);

  if (previous) await detach(state, previous);
  for (const [id, article] of contributions) attach(state, id, { path, sha, article });
  const record: SourceRecord = {
    path,
    sha256: sha,
    ...meta,
    status: 'imported',
    encoding: parsed.encoding,
    articleIds: [...contributions.keys()],
    importedAt: now,
  };
  setSource(state, withPageFacts(record, parsed.page));
  noteImported(state, path, parsed.page, contributions.size);
  report.files.imported++;
  // Files that duplicated this one's old content no longer do.
  if (previous?.status === 'imported' && previous.sha256 !== sha) await promoteDuplicates(state, path);
}

/** The first duplicate of a file that no longer stands for its content is imported in its place. */
async function promoteDuplicates(state: RunState, originalPath: string): Promise<void> {
  const heirs = state.catalog.duplicatesOf(originalPath);
  // The first heir imports; the others find it by content and become its duplicates.
  for (const path of heirs) await importOne(state, path, true);
}
