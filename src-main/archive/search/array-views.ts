/**
 * Typed arrays over the index's blobs (a view where the bytes are aligned, else a copy), the later
 * columns read from theirs, and how such arrays grow.
 */

/** The columns read when first needed: no query by relevance reads them. */
export interface LaterColumns {
  /** Seconds from `base` plus 1 (0: none), or ms (NaN: none): docs 0 .. at least snapN-1. */
  time: { secs: Uint32Array; base: number } | { ms: Float64Array };
  group: Int32Array;
}

/**
 * Room for more: double while small, a quarter more once large (a million pages hold about 30 million
 * docs, hundreds of MB of columns, and one doc appended after them must not take as much again).
 */
export const grown = (size: number): number => (size < 1 << 24 ? size * 2 : size + (size >> 2));

/** Views on a blob's bytes when aligned, else a copy: n values, or at least n with `atLeast`. */
export function viewOf<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(
  make: { new (b: ArrayBuffer, o: number, n: number): T; new (n: number): T; BYTES_PER_ELEMENT: number },
  blob: Uint8Array,
  n: number,
  atLeast = false,
): T {
  const bytes = make.BYTES_PER_ELEMENT;
  if (atLeast ? blob.length < n * bytes || blob.length % bytes : blob.length !== n * bytes)
    throw new Error('search index arrays of the wrong size');
  const size = blob.length / bytes;
  if (blob.byteOffset % bytes === 0) return new make(blob.buffer as ArrayBuffer, blob.byteOffset, size);
  const out = new make(size);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/** The later columns from their blobs (docs 0 .. at least n-1). */
export function laterColumns(
  blobs: { secs?: Uint8Array; time?: Uint8Array; group: Uint8Array },
  n: number,
  base: number,
): LaterColumns {
  const group = viewOf(Int32Array, blobs.group, n, true);
  if (blobs.secs) return { time: { secs: viewOf(Uint32Array, blobs.secs, n, true), base }, group };
  if (!blobs.time) throw new Error('search index arrays without times');
  return { time: { ms: viewOf(Float64Array, blobs.time, n, true) }, group };
}
