/**
 * Which format a file is, by its first bytes, not by its name: a WARC (plain, or gzip with one member
 * per record), a WACZ (a zip), MHTML (mail headers with `multipart/related`), an HTML document, or the
 * seed's text dumps. The name only breaks a tie: a file named `.html` whose bytes are no document is
 * still handed to the HTML extractor, which rejects it with the right reason (binary, empty, …).
 */
import { open } from 'node:fs/promises';
import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync, constants } from 'node:zlib';
import type { PageFormat } from './saved-page.js';
import { looksLikeHtmlDocument } from '../html/sniff.js';

/** How many leading bytes are read to decide. */
export const SNIFF_BYTES = 64 * 1024;

/** File name endings of each format (lower case); folder walks take these by default. */
export const FORMAT_EXTENSIONS: Record<PageFormat, string[]> = {
  text: ['.txt'],
  html: ['.html', '.htm', '.xhtml', '.shtml'],
  mhtml: ['.mhtml', '.mht'],
  warc: ['.warc', '.warc.gz'],
  wacz: ['.wacz'],
};

export const ALL_EXTENSIONS = Object.values(FORMAT_EXTENSIONS).flat();

export interface Sniffed {
  format: PageFormat;
  /** A WARC stored as gzip members. */
  gzip?: boolean;
  /** Bytes no format reads (a zip that is no WACZ, a gzip that holds no WARC): why. */
  unknown?: string;
}

/** The file's name ending among `extensions` (longest first, so `.warc.gz` before `.gz`), if any. */
export function matchingExtension(name: string, extensions: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  for (const ext of extensions) {
    if (lower.endsWith(ext) && lower.length > ext.length && (!best || ext.length > best.length)) best = ext;
  }
  return best;
}

export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** readHead at once (a parse worker's reads: see source-load.ts `readsAtOnce`). */
export function readHeadSync(path: string, bytes = SNIFF_BYTES): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

export function sniffFormat(head: Uint8Array, name: string): Sniffed {
  if (startsWithAscii(head, 'WARC/')) return { format: 'warc' };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const inner = gunzipHead(head);
    if (inner && startsWithAscii(inner, 'WARC/')) return { format: 'warc', gzip: true };
    return { format: 'warc', gzip: true, unknown: 'binary: gzip data that holds no WARC record' };
  }
  if (startsWithAscii(head, 'PK\x03\x04') || startsWithAscii(head, 'PK\x05\x06')) return { format: 'wacz' };
  if (isMhtml(head)) return { format: 'mhtml' };
  if (looksLikeHtmlDocument(head)) return { format: 'html' };
  const ext = matchingExtension(name, ALL_EXTENSIONS);
  if (ext && FORMAT_EXTENSIONS.html.includes(ext)) return { format: 'html' };
  return { format: 'text' };
}

function startsWithAscii(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** The start of the first gzip member, decompressed as far as the head goes (never throws). */
function gunzipHead(head: Uint8Array): Uint8Array | undefined {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/**
 * MHTML: a mail header block (`Name: value` lines, folded lines indented) whose Content-Type is
 * `multipart/related`, before the first blank line. Browsers write `From:`, `Snapshot-Content-Location:`,
 * `Subject:`, `Date:`, `MIME-Version:` and `Content-Type:` in some order.
 */
function isMhtml(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, 16 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end < 0 ? text : text.slice(0, end);
  if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(block)) return false;
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const lines = unfolded.split(/\r?\n/);
  if (!lines.every((l) => /^[A-Za-z][A-Za-z0-9-]*:/.test(l))) return false;
  return lines.some((l) => /^content-type:\s*multipart\/related\b/i.test(l));
}
