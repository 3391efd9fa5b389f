/**
 * Bytes to text: the encoding of a saved page. Real archives mix UTF-8 (with or without BOM), UTF-16
 * with a BOM and GB18030/GBK; anything else (NUL bytes, undecodable bytes, control-character soup) is
 * binary and rejected with a one-line reason. Text comes out with LF line ends and NFC-normalised.
 */

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** C0 control characters other than tab, LF, CR and form feed (NUL included: UTF-16 can carry it). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };

  let decoded: { text: string; encoding: string } | undefined;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = tryDecode('utf-8', bytes.subarray(3), 'utf-8');
    if (!decoded) return { ok: false, reason: 'binary: invalid UTF-8 after a UTF-8 byte-order mark' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = tryDecode('utf-16le', trimOdd(bytes.subarray(2)), 'utf-16le');
    if (!decoded) return { ok: false, reason: 'binary: invalid UTF-16 LE after a byte-order mark' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = tryDecode('utf-16be', trimOdd(bytes.subarray(2)), 'utf-16be');
    if (!decoded) return { ok: false, reason: 'binary: invalid UTF-16 BE after a byte-order mark' };
  } else {
    // Without a BOM, NUL bytes mean binary: no text encoding we accept uses them.
    if (bytes.includes(0)) return { ok: false, reason: 'binary: contains NUL bytes' };
    decoded =
      tryDecode('utf-8', bytes, 'utf-8') ??
      // A page cut off mid-character (truncated download) is still a page: drop the partial tail.
      tryDecode('utf-8', trimPartialUtf8(bytes), 'utf-8') ??
      tryDecode('gb18030', bytes, 'gb18030');
    if (!decoded) return { ok: false, reason: 'binary: not valid UTF-8, UTF-16 or GB18030 text' };
  }

  let text = decoded.text.replace(/^\ufeff/, '');
  // Most pages have LF line ends: a search for CR is cheaper than a replace that finds none.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  text = text.normalize('NFC');
  if (text.trim() === '') return { ok: false, reason: 'empty file (whitespace only)' };
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls * 100 > text.length) {
    return { ok: false, reason: 'binary: too many control characters' };
  }
  return { ok: true, text: controls > 0 ? text.replace(CONTROL, '') : text, encoding: decoded.encoding };
}

function tryDecode(
  label: string,
  bytes: Uint8Array,
  encoding: string,
): { text: string; encoding: string } | undefined {
  try {
    // ignoreBOM: the BOM was already stripped (or absent); a second one would be content.
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), encoding };
  } catch {
    return undefined;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function trimOdd(bytes: Uint8Array): Uint8Array {
  return bytes.length % 2 === 1 ? bytes.subarray(0, bytes.length - 1) : bytes;
}

/** Drop an incomplete UTF-8 sequence at the very end (at most 3 bytes), if there is one. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
