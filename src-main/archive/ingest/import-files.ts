/**
 * Importing files and folders into the catalog: each file is read, hashed, decoded, parsed and merged
 * into the articles it mentions, or rejected with a one-line reason; one bad file never stops the rest.
 * A file's sha256 decides whether it changed; a changed file replaces what it gave before; the same
 * story from several files is one article listing every source, and its richest form (full > brief >
 * headline) wins. Metadata is flushed once per batch, so a cancelled or crashed import leaves a
 * consistent catalog: bodies are written before the metadata pointing at them, and old bodies are
 * removed only after the metadata no longer does.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArticleKind, ImportProgress, ImportReport, SourceRecord } from '../model.js';
import type { ArticleBody, CatalogStore, StoredArticle } from '../catalog/catalog-store.js';
import { articleId } from './article-id.js';
import { collectFiles } from './collect-files.js';
import type { ParsedArticle } from './parse-page.js';
import { sharedParsePool, type ParsePool } from './parse-pool.js';
import { reasonFromText, sameReason } from './import-reason.js';
import { SerialQueue } from '../store/serial-queue.js';

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
  /** Files per metadata flush (lowdb rewrites the whole catalog file on each flush). */
  batchSize?: number;
  /** Where files are decoded and parsed (default: the shared worker pool, with its limits). */
  parser?: ParsePool;
}

export const DEFAULT_EXTENSIONS = ['.txt'];
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_BATCH_SIZE = 200;

const KIND_RANK: Record<ArticleKind, number> = { headline: 0, brief: 1, full: 2 };

/** One article as one file gave it. */
interface Contribution {
  path: string;
  sha: string;
  article: ParsedArticle;
}

interface RunState {
  catalog: CatalogStore;
  options: Required<Omit<ImportOptions, 'signal' | 'parser'>>;
  parser: ParsePool;
  report: ImportReport;
  /** Article states before this run touched them (undefined: did not exist), for the report's counts. */
  before: Map<string, StoredArticle | undefined>;
  /** Body files that may have lost every reference; checked after the next flush. */
  staleBodies: Set<string>;
  /** Parsed contents of other sources, read when an article must be recomputed without a file. */
  parsedCache: Map<string, Map<string, ParsedArticle> | null>;
  /** sha256 -> path of the imported source with that content; built on first use (O(1) duplicate checks). */
  shaIndex?: Map<string, string>;
}

// All ingest operations on one catalog run one at a time (an import, the watcher, Sources view actions).
const queues = new WeakMap<CatalogStore, SerialQueue>();

function serialised<T>(catalog: CatalogStore, task: () => Promise<T>): Promise<T> {
  let queue = queues.get(catalog);
  if (!queue) queues.set(catalog, (queue = new SerialQueue()));
  return queue.run(task);
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
export function removeSource(catalog: CatalogStore, path: string): Promise<boolean> {
  return serialised(catalog, async () => {
    const abs = resolve(path);
    const record = catalog.getSource(abs);
    if (!record) return false;
    const state = newState(catalog, {});
    await detach(state, record);
    dropSource(state, abs);
    await promoteDuplicates(state, abs);
    await flushBatch(state);
    return true;
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
  let done = 0;
  let inBatch = 0;
  let lastFlushMs = 0;
  let batchStart = performance.now();
  for (const file of files) {
    if (options.signal?.aborted) {
      state.report.cancelled = true;
      break;
    }
    onProgress?.({ done, total, current: file });
    await importOne(state, file, force);
    done++;
    // The metadata file grows with the archive and is rewritten whole on each flush: wait until the
    // batch's work is several times the last flush, so flushing stays a fixed share (linear, not
    // quadratic, in the archive's size).
    if (++inBatch >= state.options.batchSize && performance.now() - batchStart >= 4 * lastFlushMs) {
      const f0 = performance.now();
      await flushBatch(state);
      batchStart = performance.now();
      lastFlushMs = batchStart - f0;
      inBatch = 0;
    }
    // Give timers and I/O callbacks (progress events, the UI's requests) a turn between files.
    await new Promise<void>((r) => setImmediate(r));
  }
  if (!state.report.cancelled && options.signal?.aborted && done < total) state.report.cancelled = true;
  await flushBatch(state);
  countArticles(state);
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
  };
}

async function importOne(state: RunState, path: string, force: boolean): Promise<void> {
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

  let info;
  try {
    info = await stat(path);
  } catch (err) {
    return reject(`unreadable: ${errorLine(err)}`);
  }
  if (!info.isFile()) return reject('unreadable: not a regular file', { size: 0, mtimeMs: info.mtimeMs });
  const meta = { size: info.size, mtimeMs: info.mtimeMs };
  if (info.size > state.options.maxBytes) {
    return reject(
      `over size limit: ${formatBytes(info.size)} > ${formatBytes(state.options.maxBytes)}`,
      meta,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return reject(`unreadable: ${errorLine(err)}`, meta);
  }
  meta.size = bytes.length;
  if (bytes.length > state.options.maxBytes) {
    return reject(
      `over size limit: ${formatBytes(bytes.length)} > ${formatBytes(state.options.maxBytes)}`,
      meta,
    );
  }
  const sha = createHash('sha256').update(bytes).digest('hex');

  if (!force && previous?.sha256 === sha && isCurrent(catalog, previous)) {
    report.files.unchanged++;
    if (previous.mtimeMs !== meta.mtimeMs) setSource(state, { ...previous, mtimeMs: meta.mtimeMs });
    return;
  }

  const originalPath = shaIndex(state).get(sha);
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
    });
    report.files.duplicate++;
    report.duplicates.push({ path, duplicateOf: original.path });
    if (previous?.status === 'imported') await promoteDuplicates(state, path);
    return;
  }

  const parsed = await state.parser.parse(bytes);
  if (!parsed.ok) {
    const encoding = parsed.encoding ? { encoding: parsed.encoding } : {};
    return reject(parsed.reason, { ...meta, sha256: sha, ...encoding });
  }

  const contributions = byId(parsed.page.articles);
  // Bodies first: metadata pointing at them is flushed later, never before they exist.
  const bodies: Record<string, ArticleBody> = {};
  for (const [id, a] of contributions) {
    if (a.kind === 'full' && a.blocks)
      bodies[id] = a.byline ? { blocks: a.blocks, byline: a.byline } : { blocks: a.blocks };
  }
  if (Object.keys(bodies).length > 0) await catalog.putBodies(sha, bodies);

  if (previous) await detach(state, previous);
  for (const [id, article] of contributions) attach(state, id, { path, sha, article });
  setSource(state, {
    path,
    sha256: sha,
    ...meta,
    status: 'imported',
    encoding: parsed.encoding,
    articleIds: [...contributions.keys()],
    importedAt: now,
  });
  report.files.imported++;
  // Files that duplicated this one's old content no longer do.
  if (previous?.status === 'imported' && previous.sha256 !== sha) await promoteDuplicates(state, path);
}

function shaIndex(state: RunState): Map<string, string> {
  if (!state.shaIndex) {
    state.shaIndex = new Map();
    for (const s of state.catalog.listSources()) {
      if (s.status === 'imported' && s.sha256 && !state.shaIndex.has(s.sha256))
        state.shaIndex.set(s.sha256, s.path);
    }
  }
  return state.shaIndex;
}

/** Every source write goes through here, keeping the content index in step with the catalog. */
function setSource(state: RunState, record: SourceRecord): void {
  dropSource(state, record.path, false);
  state.catalog.putSource(record);
  const index = shaIndex(state);
  if (record.status === 'imported' && record.sha256 && !index.has(record.sha256))
    index.set(record.sha256, record.path);
}

function dropSource(state: RunState, path: string, remove = true): void {
  const old = state.catalog.getSource(path);
  const index = shaIndex(state);
  if (old?.sha256 && index.get(old.sha256) === path) index.delete(old.sha256);
  if (remove) state.catalog.deleteSource(path);
}

/** An unchanged file needs no work if it is imported, or a duplicate of a file still imported. */
function isCurrent(catalog: CatalogStore, record: SourceRecord): boolean {
  if (record.status === 'imported') return true;
  if (record.status !== 'duplicate' || !record.duplicateOf) return false;
  const original = catalog.getSource(record.duplicateOf);
  return original?.status === 'imported' && original.sha256 === record.sha256;
}

/** A page's articles keyed by id; two entries of one page with the same id merge (richest wins). */
function byId(articles: ParsedArticle[]): Map<string, ParsedArticle> {
  const out = new Map<string, ParsedArticle>();
  for (const a of articles) {
    const id = articleId(a.title, a.publishedAt);
    const have = out.get(id);
    if (!have || KIND_RANK[a.kind] > KIND_RANK[have.kind]) out.set(id, a);
  }
  return out;
}

function remember(state: RunState, id: string): void {
  if (!state.before.has(id)) {
    const a = state.catalog.getStored(id);
    state.before.set(id, a && { ...a, sources: [...a.sources] });
  }
}

/** Add one file's form of an article: a richer form upgrades it, otherwise the file joins its sources. */
function attach(state: RunState, id: string, c: Contribution): void {
  remember(state, id);
  const existing = state.catalog.getStored(id);
  if (!existing) {
    state.catalog.putArticle(fromContribution(id, c, [c.path]));
    return;
  }
  const sources = existing.sources.includes(c.path) ? existing.sources : [...existing.sources, c.path];
  if (KIND_RANK[c.article.kind] > KIND_RANK[existing.kind]) {
    state.catalog.putArticle(fromContribution(id, c, sources));
  } else if (sources !== existing.sources) {
    state.catalog.putArticle({ ...existing, sources });
  }
}

function fromContribution(id: string, c: Contribution, sources: string[]): StoredArticle {
  const a = c.article;
  const out: StoredArticle = { id, title: a.title, kind: a.kind, sources };
  if (a.label) out.label = a.label;
  if (a.publishedAt) out.publishedAt = a.publishedAt;
  if (a.byline) out.byline = a.byline;
  if (a.snippet) out.snippet = a.snippet;
  if (a.titleInferred) out.titleInferred = true;
  if (a.kind === 'full' && a.blocks) out.bodyRef = c.sha;
  return out;
}

/**
 * Take a file out of every article it gave. An article left without sources goes; one whose richer
 * form may have come from this file is rebuilt from its remaining source files.
 */
async function detach(state: RunState, record: SourceRecord): Promise<void> {
  const { catalog } = state;
  if (record.sha256) state.staleBodies.add(record.sha256);
  for (const id of record.articleIds) {
    const existing = catalog.getStored(id);
    if (!existing || !existing.sources.includes(record.path)) continue;
    remember(state, id);
    const sources = existing.sources.filter((p) => p !== record.path);
    if (sources.length === 0) {
      catalog.deleteArticle(id);
      continue;
    }
    const mayHaveGivenIt =
      (existing.kind === 'full' && existing.bodyRef === record.sha256) || existing.kind === 'brief';
    if (!mayHaveGivenIt) {
      catalog.putArticle({ ...existing, sources });
      continue;
    }
    await rebuild(state, id, existing, sources);
  }
}

/** Recompute an article from its remaining sources, re-reading their files (the source of truth). */
async function rebuild(
  state: RunState,
  id: string,
  existing: StoredArticle,
  sources: string[],
): Promise<void> {
  // Without any richer form on disk it is at least the headline every source agrees on.
  const base: StoredArticle = { id, title: existing.title, kind: 'headline', sources };
  if (existing.label) base.label = existing.label;
  if (existing.publishedAt) base.publishedAt = existing.publishedAt;
  if (existing.titleInferred) base.titleInferred = true;
  let best: StoredArticle = base;
  for (const path of sources) {
    const record = state.catalog.getSource(path);
    if (!record?.sha256) continue;
    const page = await parsedSource(state, record);
    const article = page?.get(id);
    if (article && KIND_RANK[article.kind] > KIND_RANK[best.kind]) {
      best = fromContribution(id, { path, sha: record.sha256, article }, sources);
    }
  }
  state.catalog.putArticle(best);
}

async function parsedSource(
  state: RunState,
  record: SourceRecord,
): Promise<Map<string, ParsedArticle> | null> {
  const cached = state.parsedCache.get(record.path);
  if (cached !== undefined) return cached;
  let result: Map<string, ParsedArticle> | null = null;
  try {
    const bytes = await readFile(record.path);
    // A file changed since its import is not what the catalog knows: its next import will tell.
    if (createHash('sha256').update(bytes).digest('hex') === record.sha256) {
      const parsed = await state.parser.parse(bytes);
      if (parsed.ok) result = byId(parsed.page.articles);
    }
  } catch {
    result = null;
  }
  state.parsedCache.set(record.path, result);
  return result;
}

/** The first duplicate of a file that no longer stands for its content is imported in its place. */
async function promoteDuplicates(state: RunState, originalPath: string): Promise<void> {
  const heirs = state.catalog
    .listSources()
    .filter((s) => s.status === 'duplicate' && s.duplicateOf === originalPath)
    .map((s) => s.path);
  // The first heir imports; the others find it by content and become its duplicates.
  for (const path of heirs) await importOne(state, path, true);
}

async function flushBatch(state: RunState): Promise<void> {
  await state.catalog.flush();
  if (state.staleBodies.size === 0) return;
  const inUse = new Set<string>();
  for (const a of state.catalog.storedArticles()) if (a.bodyRef) inUse.add(a.bodyRef);
  for (const ref of state.staleBodies) if (!inUse.has(ref)) await state.catalog.removeBodies(ref);
  state.staleBodies.clear();
}

function countArticles(state: RunState): void {
  const counts = state.report.articles;
  for (const [id, before] of state.before) {
    const after = state.catalog.getStored(id);
    if (!after) continue;
    if (!before) counts.added++;
    else if (KIND_RANK[after.kind] > KIND_RANK[before.kind]) counts.upgraded++;
    else if (changed(before, after)) counts.updated++;
  }
}

function changed(a: StoredArticle, b: StoredArticle): boolean {
  const sameSources = a.sources.length === b.sources.length && a.sources.every((p) => b.sources.includes(p));
  return (
    !sameSources ||
    a.kind !== b.kind ||
    a.title !== b.title ||
    a.label !== b.label ||
    a.snippet !== b.snippet ||
    a.byline !== b.byline ||
    a.bodyRef !== b.bodyRef
  );
}

function errorLine(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}
