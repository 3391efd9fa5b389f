/**
 * Reading one source file for an import: its size and time, its format (sniffed from its first bytes:
 * formats/sniff.ts), its sha256, and what the parse worker is handed. Text, HTML and MHTML files are
 * read whole, within the import's size limit (an MHTML file carries its pictures, so it may be a few
 * times larger); WARC and WACZ are never read into memory: they are hashed as a stream and the worker
 * reads them from their path.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PageFormat, SourceRecord } from '../model.js';
import { SNIFF_BYTES, readHead, sniffFormat } from './formats/sniff.js';
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

export interface LoadOptions {
  maxBytes: number;
  /** The file's record from its last import (a large archive unchanged in size and time is not hashed). */
  previous?: SourceRecord | undefined;
  force?: boolean;
}

export function isStreamed(format: PageFormat): boolean {
  return format === 'warc' || format === 'wacz';
}

/** Files up to this size are read whole at once (see loadSource). */
const READ_WHOLE = 1 << 20;

export async function loadSource(path: string, options: LoadOptions): Promise<LoadResult> {
  let info;
  try {
    info = await stat(path);
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
    if (info.size <= Math.min(options.maxBytes, READ_WHOLE)) whole = await readFile(path);
    const sniffed = sniffFormat(
      whole ? whole.subarray(0, SNIFF_BYTES) : await readHead(path),
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
      const sha = whole ? createHash('sha256').update(whole).digest('hex') : await hashFile(path);
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
    bytes = whole ?? (await readFile(path));
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
