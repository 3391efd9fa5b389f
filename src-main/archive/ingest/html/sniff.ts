/**
 * Is this file an HTML document? Decided by content, not by name: the first thing after a byte-order
 * mark, whitespace, comments (a browser's `<!-- saved from url=… -->`) and an XML declaration must be
 * a doctype or one of the tags a document opens with. The seed's text dumps start with prose, so a
 * stray `<p>` or `<br>` inside one never makes it a page.
 */

const OPENERS = /^<(?:!doctype\s+html|html|head|meta|body)[\s/>]/i;

/** How many leading bytes are looked at: comments and an XML declaration before the opener fit. */
const SNIFF_BYTES = 4096;

export function looksLikeHtmlDocument(bytes: Uint8Array): boolean {
  // Most files are no pages: unless the first byte after a UTF-8 BOM and blanks is `<`, nothing the
  // test below takes can follow (the text is not even made: it was a tenth of an import's reading).
  if (!(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (
      i < bytes.length &&
      (bytes[i] === 0x20 || bytes[i] === 0xa0 || (bytes[i]! >= 0x09 && bytes[i]! <= 0x0d))
    )
      i++;
    if (bytes[i] !== 0x3c) return false;
  }
  const head = leadingText(bytes.subarray(0, SNIFF_BYTES));
  if (head === undefined) return false;
  let s = head.replace(/^\ufeff/, '');
  for (let guard = 0; guard < 20; guard++) {
    s = s.replace(/^[\s\u00a0]+/, '');
    if (s.startsWith('<!--')) {
      const end = s.indexOf('-->');
      if (end < 0) return false;
      s = s.slice(end + 3);
      continue;
    }
    if (s.startsWith('<?xml')) {
      const end = s.indexOf('?>');
      if (end < 0) return false;
      s = s.slice(end + 2);
      continue;
    }
    break;
  }
  return OPENERS.test(s);
}

/** The start of the file as text: UTF-16 by its BOM, anything else read as Latin-1 (tags are ASCII). */
function leadingText(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      s += String.fromCharCode(le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
    }
    return s;
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let s = '';
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) return undefined;
    s += String.fromCharCode(b);
  }
  return s;
}
