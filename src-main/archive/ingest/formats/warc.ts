/**
 * WARC 1.0/1.1 files, plain or gzip with one member per record (what Webrecorder, ArchiveWeb.page,
 * browsertrix, Heritrix and wget write), read with Webrecorder's `warcio` in two streamed passes, so a
 * 2 GB archive costs an index of small entries, never the archive in memory:
 *
 * 1. Index: every record is read once, start to end, keeping its offset, type, target URL, date,
 *    status and type of content. A record whose bytes run out before its Content-Length (a truncated
 *    file or gzip), or a "record" that does not start with `WARC/` (the previous one's Content-Length
 *    lied), ends the pass: what was indexed before is still read, and the file is marked `truncated`.
 * 2. Pages: each HTML `200` response or resource record is a page; captures of one URL fold into its
 *    latest, and revisit records (which hold no page) fold into the capture they revisit. Each page is
 *    read again by its offset, and the pictures it names are read the same way from the index by URL.
 *
 * `WARC-Target-URI` is the page's url and `WARC-Date` its capture time (never its published time);
 * the HTTP header's charset is the extractor's hint.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { WARCParser, type WARCRecord } from 'warcio';
import { budgeted, RESOURCE_MAX_BYTES, withoutFragment } from './resource-budget.js';
import type { SavedPage, SavedResource } from './saved-page.js';

/** Where a WARC's bytes are: a file, or a stored entry of a WACZ zip (offsets relative to its start). */
export interface ByteSource {
  read(start: number): Readable;
}

export function fileSource(path: string, base = 0, end?: number): ByteSource {
  return {
    read: (start) =>
      createReadStream(path, {
        start: base + start,
        ...(end === undefined ? {} : { end: end - 1 }),
        highWaterMark: 256 * 1024,
      }),
  };
}

export interface Capture {
  offset: number;
  url: string;
  date: string;
  type: 'response' | 'resource';
  mime: string;
  charset?: string;
  length: number;
}

export interface WarcIndex {
  captures: Capture[];
  revisits: number;
  /** Why the file is imported only in part, or with a record whose length lied. */
  truncated?: string;
  /** The pass stopped before the end of the file. */
  stopped?: boolean;
}

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)$/i;

/** Pass 1: every record's place and kind; never more than the small entries in memory. */
export async function indexWarc(source: ByteSource, onRecord?: () => void): Promise<WarcIndex> {
  const out: WarcIndex = { captures: [], revisits: 0 };
  const stream = source.read(0);
  // HTTP headers are read here, not by warcio: its parser reads past a request block that has no
  // header lines (`GET /x\r\n\r\n`, as browsertrix writes), into the next record.
  const parser = new WARCParser(stream, { parseHttp: false });
  /** Where the next record of a plain WARC should start, by the last one's Content-Length. */
  let expected: number | undefined;
  try {
    for (;;) {
      const record = await parser.parse();
      if (!record) {
        // A gzip member cut short never yields its record: its inflater has not come to the end.
        const reader = parser._reader as unknown as {
          compressed: string | null;
          inflator?: { ended: boolean };
        };
        if (reader.compressed && reader.inflator && !reader.inflator.ended) {
          out.truncated = `the gzip data ends inside a record after byte ${parser.offset}`;
          out.stopped = true;
        }
        break;
      }
      const offset = parser.offset;
      if (!/^WARC\/1\.[01]$/.test(record.warcHeaders.protocol ?? '')) {
        out.stopped = true;
        out.truncated =
          out.captures.length + out.revisits === 0 && offset === 0
            ? 'not a WARC record at the start of the file'
            : `no WARC record at byte ${offset}: the record before it is longer than its Content-Length says`;
        break;
      }
      // warcio steps over a record shorter than it says; the file is then imported with the reason.
      if (expected !== undefined && offset !== expected && !out.truncated) {
        out.truncated = `the record before byte ${offset} does not end where its Content-Length says`;
      }
      const compressed = (parser._reader as unknown as { compressed: string | null }).compressed;
      expected = compressed ? undefined : parser._warcHeadersLength + record.warcContentLength + 4;
      const reader = record.reader as unknown as { limit?: number } & AsyncIterable<Uint8Array>;
      // The payload is read past, not kept; a response's HTTP head (its status and type) is kept.
      const head: Buffer[] = [];
      let headBytes = record.warcType === 'response' ? 0 : HTTP_HEAD_MAX;
      for await (const chunk of reader) {
        if (headBytes >= HTTP_HEAD_MAX) continue;
        head.push(Buffer.from(chunk));
        headBytes += chunk.length;
      }
      record.consumed = 'skipped';
      if ((reader.limit ?? 0) > 0) {
        out.stopped = true;
        out.truncated = `the record at byte ${offset} ends before its Content-Length (${record.warcContentLength} bytes)`;
        break;
      }
      onRecord?.();
      const capture = captureOf(record, offset, Buffer.concat(head));
      if (capture) out.captures.push(capture);
      else if (record.warcType === 'revisit') out.revisits++;
    }
  } catch (err) {
    out.stopped = true;
    out.truncated = `the archive is damaged: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`;
  } finally {
    stream.destroy();
  }
  return out;
}

/** A response's HTTP head is read up to this many bytes (its status line and headers). */
const HTTP_HEAD_MAX = 64 * 1024;

function captureOf(record: WARCRecord, offset: number, http: Buffer): Capture | undefined {
  const type = record.warcType;
  const url = record.warcTargetURI;
  if ((type !== 'response' && type !== 'resource') || !url) return undefined;
  let contentType = record.warcContentType ?? '';
  if (type === 'response') {
    const end = http.indexOf('\r\n\r\n');
    const lines = http.toString('latin1', 0, end < 0 ? http.length : end).split(/\r?\n/);
    if (!/^HTTP\/\d(?:\.\d)?\s+200\b/.test(lines[0] ?? '')) return undefined;
    const header = lines.find((l) => /^content-type\s*:/i.test(l));
    contentType = header ? header.slice(header.indexOf(':') + 1).trim() : '';
  }
  const [mime = '', ...params] = contentType.split(';');
  const capture: Capture = {
    offset,
    url: withoutFragment(url.replace(/^<(.*)>$/, '$1')),
    date: record.warcDate ?? '',
    type,
    mime: mime.trim().toLowerCase(),
    length: record.warcContentLength,
  };
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)/i.exec(p)?.[1]).find(Boolean);
  if (charset) capture.charset = charset;
  return capture;
}

/** The HTML captures that are pages: one per URL (its latest), optionally only the URLs listed. */
export function pageCaptures(index: WarcIndex, listed?: Set<string>): Capture[] {
  const latest = new Map<string, Capture>();
  for (const c of index.captures) {
    if (!HTML_TYPES.test(c.mime)) continue;
    if (listed && !listed.has(urlKey(c.url))) continue;
    const have = latest.get(c.url);
    if (!have || c.date > have.date) latest.set(c.url, c);
  }
  return [...latest.values()].sort((a, b) => a.offset - b.offset);
}

/** The archive's own resources by URL (the latest capture of each), for the pages' pictures. */
export function resourceIndex(indexes: { source: ByteSource; index: WarcIndex }[]): ResourceIndex {
  const byUrl = new Map<string, { source: ByteSource; capture: Capture }>();
  for (const { source, index } of indexes) {
    for (const capture of index.captures) {
      const key = urlKey(capture.url);
      const have = byUrl.get(key);
      if (!have || capture.date > have.capture.date) byUrl.set(key, { source, capture });
    }
  }
  return byUrl;
}

export type ResourceIndex = Map<string, { source: ByteSource; capture: Capture }>;

/** One record's content (HTTP transfer and content encodings undone), if within `maxBytes`. */
export async function readCapture(
  source: ByteSource,
  capture: Capture,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (capture.length > maxBytes) return undefined;
  const stream = source.read(capture.offset);
  try {
    const record = await new WARCParser(stream).parse();
    if (!record) return undefined;
    const bytes = await record.readFully(true);
    return bytes.length <= maxBytes ? bytes : undefined;
  } finally {
    stream.destroy();
  }
}

/** A page of the archive, its pictures looked up in `resources` by URL (never on the network). */
export function warcPage(
  format: 'warc' | 'wacz',
  html: Uint8Array,
  capture: Capture,
  resources: ResourceIndex,
): SavedPage {
  const lookup = async (url: string): Promise<SavedResource | undefined> => {
    const found = resources.get(urlKey(url)) ?? resources.get(urlKey(otherScheme(url)));
    if (!found || HTML_TYPES.test(found.capture.mime)) return undefined;
    const bytes = await readCapture(found.source, found.capture, RESOURCE_MAX_BYTES);
    return bytes && { url, contentType: found.capture.mime, bytes };
  };
  const page: SavedPage = { format, html, url: capture.url, resource: budgeted(lookup) };
  if (capture.charset) page.charsetHint = capture.charset;
  if (capture.date) page.capturedAt = capture.date;
  return page;
}

/**
 * A URL as the archive's lists are matched by: parsed and written again (a bare origin gains its `/`,
 * the host its lower case), without its fragment; kept as it is when it does not parse.
 */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return withoutFragment(url);
  }
}

function otherScheme(url: string): string {
  return url.startsWith('https:') ? `http:${url.slice(6)}` : url.replace(/^http:/, 'https:');
}
