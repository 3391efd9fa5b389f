/**
 * Reading one source file for an import: its size and time, its format (sniffed from its first bytes:
 * formats/sniff.ts), its sha256, and what the parse worker is handed. Text, HTML and MHTML files are
 * read whole, within the import's size limit (an MHTML file carries its pictures, so it may be a few
 * times larger); WARC and WACZ are never read into memory: they are hashed as a stream and the worker
 * reads them from their path.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PageFormat, SourceRecord } from '../model.js';
import { SNIFF_BYTES, readHead, readHeadSync, sniffFormat } from './formats/sniff.js';
import type { ParseOutcome, ParsePool } from './parse-pool.js';
import type { ParsedArticle } from './parsed-page.js';

/** An MHTML file may be this many times the import's size limit (its pictures are inside it). */
export const MHTML_SIZE_FACTOR = 4;

export interface SourceMeta {
  size: number;
  mtimeMs: number;
}

export interface LoadedSource {
  meta: SourceMeta;
  format: PageFormat;
  sha: string;
  /** The file's bytes, for the formats read whole. */
  bytes?: Buffer;
}

export type LoadResult =
  | { ok: true; source: LoadedSource }
  | { ok: false; reason: string; meta?: SourceMeta }
  /** A streamed archive with the same size and time as when it was imported: not read again. */
  | { ok: 'unchanged'; meta: SourceMeta };

/** What loading a file needs of its record from its last import. */
export type PreviousSource = Pick<SourceRecord, 'status' | 'format' | 'size' | 'mtimeMs' | 'sha256'>;

/** How a file is read: with promises where the thread also answers requests, or at once. */
export interface SourceReads {
  stat(path: string): Stats | Promise<Stats>;
  readFile(path: string): Buffer | Promise<Buffer>;
  readHead(path: string): Uint8Array | Promise<Uint8Array>;
  /** A large file's sha256, read as a stream. */
  hashFile(path: string): string | Promise<string>;
}

const PROMISED_READS: SourceReads = { stat, readFile: (path) => readFile(path), readHead, hashFile };

/**
 * Reads at once, for a parse worker, whose thread has nothing else to do meanwhile. On this project's
 * two-core VM a promise-based stat and read cost about 0.6 ms of CPU a file (libuv's thread pool
 * woken for each step) against 0.02 ms for these (1,000 files of the bench's corpus). `tick` is
 * called as a large file is hashed (the worker's time limit starts again).
 */
export function readsAtOnce(tick: () => void): SourceReads {
  return {
    stat: statSync,
    readFile: (path) => readFileSync(path),
    readHead: readHeadSync,
    hashFile: (path) => hashFileAtOnce(path, tick),
  };
}

export interface LoadOptions {
  /** How the file is read (default: with promises). */
  reads?: SourceReads;
  maxBytes: number;
  /** The file's record from its last import (a large archive unchanged in size and time is not hashed). */
  previous?: PreviousSource | undefined;
  force?: boolean;
}

export function isStreamed(format: PageFormat): boolean {
  return format === 'warc' || format === 'wacz';
}

/** Files up to this size are read whole at once (see loadSource). */
const READ_WHOLE = 1 << 20;

export async function loadSource(path: string, options: LoadOptions): Promise<LoadResult> {
  const reads = options.reads ?? PROMISED_READS;
  let info;
  try {
    info = await reads.stat(path);
  } catch (err) {
    return { ok: false, reason: `unreadable: ${errorLine(err)}` };
  }
  if (!info.isFile())
    return { ok: false, reason: 'unreadable: not a regular file', meta: { size: 0, mtimeMs: info.mtimeMs } };
  const meta = { size: info.size, mtimeMs: info.mtimeMs };
  let format: PageFormat;
  // A page of ordinary size is read once, its head sniffed from the bytes (a large file's head alone
  // first: it may be a web archive, read as a stream).
  let whole: Buffer | undefined;
  try {
    if (info.size <= Math.min(options.maxBytes, READ_WHOLE)) whole = await reads.readFile(path);
    const sniffed = sniffFormat(
      whole ? whole.subarray(0, SNIFF_BYTES) : await reads.readHead(path),
      basename(path),
    );
    if (sniffed.unknown) return { ok: false, reason: sniffed.unknown, meta };
    format = sniffed.format;
  } catch (err) {
    return { ok: false, reason: `unreadable: ${errorLine(err)}`, meta };
  }
  if (isStreamed(format)) {
    const { previous } = options;
    if (
      !options.force &&
      previous?.status === 'imported' &&
      previous.format === format &&
      previous.size === meta.size &&
      previous.mtimeMs === meta.mtimeMs
    ) {
      return { ok: 'unchanged', meta };
    }
    try {
      const sha = whole ? createHash('sha256').update(whole).digest('hex') : await reads.hashFile(path);
      return { ok: true, source: { meta, format, sha } };
    } catch (err) {
      return { ok: false, reason: `unreadable: ${errorLine(err)}`, meta };
    }
  }
  const limit = format === 'mhtml' ? options.maxBytes * MHTML_SIZE_FACTOR : options.maxBytes;
  if (info.size > limit)
    return { ok: false, reason: `over size limit: ${formatBytes(info.size)} > ${formatBytes(limit)}`, meta };
  let bytes: Buffer;
  try {
    bytes = whole ?? (await reads.readFile(path));
  } catch (err) {
    return { ok: false, reason: `unreadable: ${errorLine(err)}`, meta };
  }
  meta.size = bytes.length;
  if (bytes.length > limit) {
    return {
      ok: false,
      reason: `over size limit: ${formatBytes(bytes.length)} > ${formatBytes(limit)}`,
      meta,
    };
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, source: { meta, format, sha, bytes } };
}

/** A record's facts that loading it again needs (not its article ids: they may be many). */
export function previousOf(record: SourceRecord | undefined): PreviousSource | undefined {
  if (!record) return undefined;
  const { status, format, size, mtimeMs, sha256 } = record;
  return { status, format, size, mtimeMs, sha256 };
}

/** Parse a loaded source in the worker pool: a text page's bytes, or a saved-page file. */
export function parseSource(
  pool: ParsePool,
  path: string,
  source: LoadedSource,
  dataDir: string,
  onArticles?: (articles: ParsedArticle[]) => void,
): Promise<ParseOutcome> {
  if (source.format === 'text') return pool.parse(source.bytes!);
  const saved = { path, format: source.format, dataDir };
  return pool.parseSaved(source.bytes ? { ...saved, bytes: source.bytes } : saved, onArticles);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function hashFileAtOnce(path: string, tick: () => void): string {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; tick())
      hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function errorLine(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}
