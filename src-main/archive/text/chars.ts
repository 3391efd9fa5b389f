/**
 * Small character helpers that work in place, without spreading a string into an array of code points
 * (a hostile page can hold a line of millions of characters) and without unanchored patterns that
 * would retry every position of a long run.
 */

/** Whether the UTF-16 code unit is one that `\s` matches (WhiteSpace and LineTerminator). */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The index where the run of `\s` characters that ends at `end` starts (`end` when there is none). */
export function spaceRunStart(text: string, end = text.length, floor = 0): number {
  let i = end;
  while (i > floor && isSpaceCode(text.charCodeAt(i - 1))) i--;
  return i;
}

function isHighSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** The index after the code point at `i` (a lone surrogate is one code point, as for `for...of`). */
export function nextCodePoint(text: string, i: number): number {
  return isHighSurrogateAt(text, i) ? i + 2 : i + 1;
}

/** The first `n` code points of `text` (all of it when shorter). */
export function codePointPrefix(text: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < text.length; k++) i += isHighSurrogateAt(text, i) ? 2 : 1;
  return text.slice(0, i);
}

/** Number of code points in `text`, as `[...text].length`. */
export function codePointCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    if (isHighSurrogateAt(text, i)) {
      n--;
      i++;
    }
  }
  return n;
}

/** Whether `text` has more than `max` code points, looking at no more than about 2×max units. */
export function hasMoreCodePoints(text: string, max: number): boolean {
  if (text.length <= max) return false;
  if (text.length > 2 * max) return true;
  return codePointCount(text) > max;
}
