/**
 * Dense posting lists: a list of docs naming more than about one doc in eight of its range, kept as
 * a bitset of that range rather than as delta varints (posting-codec.ts). It is smaller, and it is
 * read a word at a time: at 300,000 pages a common bigram names millions of docs, and decoding
 * their varints one by one was most of what a query spent on its lists.
 *
 * Layout: the bytes 0x80 0x00 (a varint list never starts so: its encoder writes no empty
 * continuation byte), the number of the range's first 32-doc word and the list's count as varints,
 * zeros up to a multiple of 4 bytes, then the words: bit d % 32 of word d / 32 - first, as the
 * bitsets of doc-set.ts and candidates.ts hold them (little-endian, as every platform Electron runs on).
 */

/** Whether lists that are best dense are written so (tests turn it off to compare with varints only). */
export const DENSE = { on: true };

/** Whether an encoded list is dense. */
export function isDense(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x80 && data[1] === 0;
}

export interface DenseView {
  /** The number of the first word (docs 32 * word .. ). */
  word: number;
  /** How many docs the list holds. */
  count: number;
  words: Uint32Array;
}

function readVarint(data: Uint8Array, at: number): [number, number] {
  let v = 0;
  let f = 1;
  let b: number;
  do {
    b = data[at++]!;
    v += (b & 0x7f) * f;
    f *= 128;
  } while (b & 0x80);
  return [v, at];
}

function varintBytes(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

const headerBytes = (word: number, count: number): number =>
  (2 + varintBytes(word) + varintBytes(count) + 3) & ~3;

/** A dense list's words, a view of its bytes (a copy when they are not 4-byte aligned in memory). */
export function denseView(data: Uint8Array): DenseView {
  const [word, p] = readVarint(data, 2);
  const [count, q] = readVarint(data, p);
  const at = (q + 3) & ~3;
  const n = (data.length - at) >>> 2;
  if (((data.byteOffset + at) & 3) === 0)
    return { word, count, words: new Uint32Array(data.buffer, data.byteOffset + at, n) };
  const words = new Uint32Array(n);
  new Uint8Array(words.buffer).set(data.subarray(at, at + n * 4));
  return { word, count, words };
}

/** Bytes a dense list of `count` docs from `first` to `last` takes. */
export function denseSize(first: number, last: number, count: number): number {
  const word = first >>> 5;
  return headerBytes(word, count) + ((last >>> 5) - word + 1) * 4;
}

/** Ascending docs (at least one) as a dense list. */
export function writeDense(docs: ArrayLike<number>): Buffer {
  const word = docs[0]! >>> 5;
  const head = headerBytes(word, docs.length);
  const n = (docs[docs.length - 1]! >>> 5) - word + 1;
  const out = Buffer.alloc(head + n * 4);
  out[0] = 0x80;
  out[1] = 0;
  let p = 2;
  for (let v of [word, docs.length]) {
    while (v >= 0x80) {
      out[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    out[p++] = v;
  }
  const words = new Uint32Array(n);
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    words[(d >>> 5) - word]! |= 1 << (d & 31);
  }
  out.set(new Uint8Array(words.buffer), head);
  return out;
}

/**
 * The words of a dense list clipped to docs below `limit` (docs another process added since): the
 * range [from, to) of word numbers, and the last word's mask.
 */
export function clipped(view: DenseView, limit: number): { from: number; to: number; lastMask: number } {
  const from = view.word;
  const end = Math.min(from + view.words.length, Math.ceil(Math.min(limit, 2 ** 32) / 32));
  const r = limit % 32;
  const lastMask = limit >= (from + view.words.length) * 32 || r === 0 ? -1 : (1 << r) - 1;
  return { from, to: Math.max(from, end), lastMask };
}

/** The docs of a dense list below `limit`, ascending (as decodeList gives a varint list's). */
export function denseDocs(data: Uint8Array, limit: number): Uint32Array {
  const view = denseView(data);
  const out = new Uint32Array(view.count);
  const { from, to, lastMask } = clipped(view, limit);
  let k = 0;
  for (let w = from; w < to; w++) {
    let x = view.words[w - from]!;
    if (w === to - 1) x &= lastMask;
    for (; x !== 0; x &= x - 1) out[k++] = (w << 5) + 31 - Math.clz32(x & -x);
  }
  return out.subarray(0, k);
}

/** How many docs a list holds at most (a varint list: its bytes; a dense one: its count). */
export function docsBound(data: Uint8Array): number {
  return isDense(data) ? denseView(data).count : data.length;
}
