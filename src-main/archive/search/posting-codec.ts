/**
 * Posting lists on disk: ascending doc numbers (or any ascending numbers) as delta varints, the first
 * one absolute. A list is decoded into a Uint32Array view; nothing else is kept per list.
 *
 * A list of docs naming more than about one doc in eight of its range is written dense instead (see
 * dense-lists.ts): a bitset of the range, smaller than its varints and read as words, not decoded
 * posting by posting (a common bigram names a third of a large archive: millions of postings a query).
 */
import type { Postings } from './index-records.js';
import { lowerBound } from './lower-bound.js';
import {
  DENSE,
  denseDocs,
  denseSize,
  denseView,
  isDense,
  writeDense,
  type DenseView,
} from './dense-lists.js';
import { popcount } from './candidates.js';

/** Decode a delta-varint list, keeping values below `limit` (docs another process added since). */
export function decodeList(data: Uint8Array, limit = Infinity): Uint32Array {
  if (isDense(data)) return denseDocs(data, limit);
  const out = new Uint32Array(data.length); // at most one value per byte
  let n = 0;
  let prev = 0;
  let p = 0;
  const end = data.length;
  while (p < end) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = data[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    prev += v;
    if (prev >= limit) break; // ascending: nothing after it is below the limit either
    out[n++] = prev;
  }
  return out.subarray(0, n);
}

/** A non-empty encoded list's first and last values, how many it holds, and the bytes of its first. */
export interface ListEnds {
  first: number;
  firstBytes: number;
  last: number;
  count: number;
}

/**
 * The ends of a varint list (null when empty): one pass over its bytes, nothing allocated. (A dense
 * list has no first varint to copy after: it is decoded and pushed.)
 */
export function scanEnds(data: Uint8Array): ListEnds | null {
  if (!data.length) return null;
  let count = 0;
  let sum = 0;
  let first = 0;
  let firstBytes = 0;
  let v = 0;
  let shift = 0;
  for (let p = 0; p < data.length; p++) {
    const b = data[p]!;
    v += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b & 0x80) continue;
    count++;
    if (!firstBytes) {
      firstBytes = p + 1;
      first = v;
    }
    sum += v;
    v = 0;
    shift = 0;
  }
  return { first, firstBytes, last: sum, count };
}

/** Growable byte buffer for encoding one list after another. */
export class ListEncoder {
  #buf = new Uint8Array(1 << 12);
  #len = 0;
  #prev = 0;
  #first = 0;
  #count = 0;

  /** Start a new list (the next value is written absolute). */
  reset(): void {
    this.#len = 0;
    this.#prev = 0;
    this.#count = 0;
  }

  get length(): number {
    return this.#len;
  }

  /** Append a value, larger than the previous one of this list. */
  push(v: number): void {
    if (this.#count++ === 0) this.#first = v;
    let x = v - this.#prev;
    this.#prev = v;
    if (this.#len + 8 > this.#buf.length) {
      const next = new Uint8Array(this.#buf.length * 2);
      next.set(this.#buf);
      this.#buf = next;
    }
    while (x >= 0x80) {
      this.#buf[this.#len++] = (x & 0x7f) | 0x80;
      x = Math.floor(x / 128);
    }
    this.#buf[this.#len++] = x;
  }

  /** Append every value of ascending lists that follow each other (a segment's docs follow the last's). */
  pushLists(lists: Postings[], keep?: (v: number) => boolean): void {
    for (const l of lists)
      for (let i = 0; i < l.length; i++) {
        const v = l[i]!;
        if (!keep || keep(v)) this.push(v);
      }
  }

  /**
   * Append an encoded list whose values all follow this list's (`ends` its scanEnds): its first value
   * is written again as a delta from the last one here, the rest of its bytes copied as they are.
   * The same bytes as pushing its values one by one, without decoding them.
   */
  pushEncoded(data: Uint8Array, ends: ListEnds): void {
    this.push(ends.first);
    const rest = data.length - ends.firstBytes;
    if (this.#len + rest > this.#buf.length) {
      const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + rest));
      next.set(this.#buf.subarray(0, this.#len));
      this.#buf = next;
    }
    this.#buf.set(data.subarray(ends.firstBytes), this.#len);
    this.#len += rest;
    this.#prev = ends.last;
    this.#count += ends.count - 1;
  }

  /** The bytes written since the last reset, as a Buffer of their own (for a BLOB). */
  bytes(): Buffer {
    return Buffer.from(this.#buf.subarray(0, this.#len));
  }

  /**
   * The list written since the last reset as it is best kept: dense when that is smaller (for lists
   * of docs only: a dense list's values are doc numbers, bits of a range).
   */
  docsBytes(): Buffer {
    if (!DENSE.on || !this.#count || denseSize(this.#first, this.#prev, this.#count) >= this.#len)
      return this.bytes();
    return writeDense(decodeList(this.#buf.subarray(0, this.#len)));
  }
}

const shared = new ListEncoder();

/** Encode ascending values as one list. */
export function encodeList(values: ArrayLike<number>): Buffer {
  const enc = shared;
  enc.reset();
  for (let i = 0; i < values.length; i++) enc.push(values[i]!);
  return enc.bytes();
}

/**
 * A key's lists of docs in segment order (each one's docs after the last one's) joined as a merge
 * writes them, less the `dead` docs (ascending; `keep` is false for each of them), dense or varints,
 * whichever is smaller; null when nothing is left. A lone list with nothing to drop is kept as it is,
 * and varint lists holding no dead doc are copied, not decoded; with a dense list among them they
 * are joined as one bitset (its docs are not decoded one at a time).
 */
export function joinLists(
  lists: Buffer[],
  dead: Uint32Array,
  keep: (d: number) => boolean,
  enc: ListEncoder,
): Buffer | null {
  if (lists.length === 1 && !dead.length) return lists[0]!;
  if (lists.some(isDense)) return joinAsBitset(lists, dead);
  enc.reset();
  for (const l of lists) {
    const ends = scanEnds(l);
    if (!ends) continue;
    if (holdsAny(dead, ends.first, ends.last)) enc.pushLists([decodeList(l)], keep);
    else enc.pushEncoded(l, ends);
  }
  return enc.length ? enc.docsBytes() : null;
}

function joinAsBitset(lists: Buffer[], dead: Uint32Array): Buffer | null {
  let lo = Infinity;
  let hi = -1;
  const parts: (DenseView | Uint32Array)[] = lists.map((l) => {
    if (isDense(l)) {
      const view = denseView(l);
      lo = Math.min(lo, view.word);
      hi = Math.max(hi, view.word + view.words.length - 1);
      return view;
    }
    const docs = decodeList(l);
    if (docs.length) {
      lo = Math.min(lo, docs[0]! >>> 5);
      hi = Math.max(hi, docs[docs.length - 1]! >>> 5);
    }
    return docs;
  });
  if (hi < 0) return null;
  const words = new Uint32Array(hi - lo + 1);
  for (const part of parts) {
    if (part instanceof Uint32Array) for (const d of part) words[(d >>> 5) - lo]! |= 1 << (d & 31);
    else for (let i = 0; i < part.words.length; i++) words[part.word - lo + i]! |= part.words[i]!;
  }
  for (const d of dead) {
    const w = (d >>> 5) - lo;
    if (w >= 0 && w < words.length) words[w]! &= ~(1 << (d & 31));
  }
  let count = 0;
  for (let w = 0; w < words.length; w++) count += popcount(words[w]!);
  if (!count) return null;
  const docs = new Uint32Array(count);
  let k = 0;
  for (let w = 0; w < words.length; w++)
    for (let x = words[w]!; x !== 0; x &= x - 1) docs[k++] = ((w + lo) << 5) + 31 - Math.clz32(x & -x);
  const varints = encodeList(docs);
  return DENSE.on && denseSize(docs[0]!, docs[count - 1]!, count) < varints.length
    ? writeDense(docs)
    : varints;
}

/** Whether ascending `values` hold one in [lo, hi]. */
function holdsAny(values: Uint32Array, lo: number, hi: number): boolean {
  const a = lowerBound(values, lo);
  return a < values.length && values[a]! <= hi;
}
