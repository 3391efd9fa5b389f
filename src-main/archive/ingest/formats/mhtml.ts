/**
 * MHTML (`.mhtml`, `.mht`: Chrome's and Edge's "Save as single file"): a MIME `multipart/related`
 * message whose first HTML part is the page and whose other parts are its pictures and stylesheets,
 * each named by `Content-Location` (or `Content-ID`, for `cid:` addresses), each encoded as
 * quoted-printable, base64 or 8-bit, each with its own charset. The mail parsers on npm decode text
 * parts to strings (losing the bytes the HTML extractor verifies its encoding on) and do not index parts
 * by location, so this is a small parser of exactly that: one level of parts, found by their boundary
 * in the bytes, decoded only when the page asks for them.
 */
import type { SavedPage, SavedResource } from './saved-page.js';
import { budgeted, withoutFragment } from './resource-budget.js';

interface Part {
  headers: Map<string, string>;
  start: number;
  end: number;
}

export type MhtmlResult = { ok: true; page: SavedPage } | { ok: false; reason: string };

export function mhtmlPage(bytes: Uint8Array): MhtmlResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = readHeaders(buf, 0);
  if (!top) return { ok: false, reason: 'not the page format: MHTML without a header block' };
  const type = top.headers.get('content-type') ?? '';
  const boundary = param(type, 'boundary');
  if (!/^multipart\/related\b/i.test(type) || !boundary) {
    return { ok: false, reason: 'not the page format: MHTML that is not multipart/related with a boundary' };
  }
  const parts = splitParts(buf, top.end, boundary);
  const snapshot = top.headers.get('snapshot-content-location');
  const isHtml = (p: Part): boolean => /^text\/html\b/i.test(p.headers.get('content-type') ?? '');
  const main =
    parts.find(
      (p) => isHtml(p) && snapshot !== undefined && p.headers.get('content-location') === snapshot,
    ) ?? parts.find(isHtml);
  if (!main) return { ok: false, reason: 'not an article: the MHTML file holds no HTML part' };

  const byLocation = new Map<string, Part>();
  for (const p of parts) {
    const location = p.headers.get('content-location');
    if (location && !byLocation.has(withoutFragment(location))) byLocation.set(withoutFragment(location), p);
    const id = p.headers.get('content-id')?.replace(/^<|>$/g, '');
    if (id && !byLocation.has(`cid:${id}`)) byLocation.set(`cid:${id}`, p);
  }
  const lookup = async (url: string): Promise<SavedResource | undefined> => {
    const part = byLocation.get(url);
    if (!part || part === main) return undefined;
    return {
      url,
      contentType: (part.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim(),
      bytes: decodePart(buf, part),
    };
  };
  const page: SavedPage = { format: 'mhtml', html: decodePart(buf, main), resource: budgeted(lookup) };
  const charset = param(main.headers.get('content-type') ?? '', 'charset');
  if (charset) page.charsetHint = charset;
  const url = snapshot ?? main.headers.get('content-location');
  if (url && /^https?:\/\//i.test(url)) page.url = url;
  const date = top.headers.get('date');
  const captured = date ? new Date(date) : undefined;
  if (captured && !Number.isNaN(captured.getTime())) page.capturedAt = captured.toISOString();
  return { ok: true, page };
}

/** A header block starting at `from`: names lower-cased, folded lines joined; `end` is after its blank line. */
function readHeaders(buf: Buffer, from: number): { headers: Map<string, string>; end: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n', from, 'latin1');
  const lf = buf.indexOf('\n\n', from, 'latin1');
  const [stop, sep] =
    crlf >= 0 && (lf < 0 || crlf < lf)
      ? [crlf, 4]
      : lf >= 0
        ? [lf, 2]
        : [Math.min(buf.length, from + 65536), 0];
  if (stop - from > 65536) return undefined;
  const text = buf.toString('latin1', from, stop).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, end: stop + sep };
}

/** A header parameter (`boundary="--x"`, `charset=gbk`). */
function param(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  const value = m?.[1] ?? m?.[2];
  return value ? value.trim() : undefined;
}

/** The parts between `--boundary` lines; a part cut off at the end of the file ends there. */
function splitParts(buf: Buffer, from: number, boundary: string): Part[] {
  const marker = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Part[] = [];
  let at = buf.indexOf(marker, from);
  while (at >= 0) {
    let lineEnd = buf.indexOf(0x0a, at + marker.length);
    if (lineEnd < 0) break;
    // `--boundary--` closes the message.
    if (buf[at + marker.length] === 0x2d && buf[at + marker.length + 1] === 0x2d) break;
    lineEnd++;
    const headers = readHeaders(buf, lineEnd);
    if (!headers) break;
    let next = buf.indexOf(marker, headers.end);
    // A boundary counts only at the start of a line.
    while (next > 0 && buf[next - 1] !== 0x0a) next = buf.indexOf(marker, next + 1);
    let end = next < 0 ? buf.length : next;
    if (next >= 0 && buf[end - 1] === 0x0a) end--;
    if (next >= 0 && buf[end - 1] === 0x0d) end--;
    parts.push({ headers: headers.headers, start: headers.end, end: Math.max(headers.end, end) });
    at = next;
  }
  return parts;
}

function decodePart(buf: Buffer, part: Part): Uint8Array {
  const body = buf.subarray(part.start, part.end);
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.toString('latin1'), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return new Uint8Array(body);
}

const HEX = (b: number): number =>
  b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 55 : b >= 0x61 && b <= 0x66 ? b - 87 : -1;

/** Quoted-printable on bytes: `=XX` is a byte, `=` at a line's end joins lines; anything else is kept. */
export function decodeQuotedPrintable(body: Uint8Array): Uint8Array {
  const out = Buffer.alloc(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b !== 0x3d) {
      out[n++] = b;
      continue;
    }
    const a = body[i + 1];
    if (a === 0x0d && body[i + 2] === 0x0a) {
      i += 2;
      continue;
    }
    if (a === 0x0a) {
      i += 1;
      continue;
    }
    const hi = a === undefined ? -1 : HEX(a);
    const lo = body[i + 2] === undefined ? -1 : HEX(body[i + 2]!);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}
