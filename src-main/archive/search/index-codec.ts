/**
 * The search index's low-level pieces: letter pairs and trigrams of pinyin as numbers, postings
 * intersection, delta-varint encoding of sorted doc lists, and the binary searches over the frozen
 * keys. Apart from search-index.ts, which is about what is indexed and how it is stored.
 */
import { DocList } from './gram-table.js';
import type { Postings } from './index-records.js';

/** Letters text[i..i+2) (a-z) as one number below 2^10. */
export function letterPair(text: string, i: number): number {
  return ((text.charCodeAt(i) & 31) << 5) | (text.charCodeAt(i + 1) & 31);
}

/** Letters text[i..i+3) (a-z) as one number below 2^15. */
export function letterTrigram(text: string, i: number): number {
  return (
    ((text.charCodeAt(i) & 31) << 10) | ((text.charCodeAt(i + 1) & 31) << 5) | (text.charCodeAt(i + 2) & 31)
  );
}

let countBuffer = new Uint8Array(0);
/** Docs in every group (a group: the frozen and delta postings of one key), ascending. */
export function intersect(picked: Postings[][], n: number): number[] {
  if (!picked.length) return [];
  if (countBuffer.length < n) countBuffer = new Uint8Array(Math.ceil(n * 1.25));
  const count = countBuffer;
  const base: number[] = [];
  for (const l of picked[0]!)
    for (let i = 0; i < l.length; i++) {
      const d = l[i]!;
      if (count[d] === 0) base.push(d);
      count[d] = 1;
    }
  for (let j = 1; j < picked.length; j++)
    for (const l of picked[j]!)
      for (let i = 0; i < l.length; i++) {
        const d = l[i]!;
        if (count[d] === j) count[d] = j + 1;
      }
  const out = base.filter((d) => count[d] === picked.length);
  for (const d of base) count[d] = 0;
  return out;
}

export function push<K>(map: Map<K, DocList>, k: K, d: number): void {
  let list = map.get(k);
  if (!list) map.set(k, (list = new DocList()));
  list.push(d);
}

export class VarintWriter {
  #buf = new Uint8Array(1 << 16);
  length = 0;

  /** Write the union of sorted lists (alive docs only); false when it came out empty. */
  list(lists: Postings[], alive: (d: number) => boolean): boolean {
    const start = this.length;
    let prev = 0;
    const write = (d: number): void => {
      if (!alive(d)) return;
      let v = d - prev;
      prev = d;
      if (this.length + 5 > this.#buf.length) {
        const next = new Uint8Array(this.#buf.length * 2);
        next.set(this.#buf);
        this.#buf = next;
      }
      while (v >= 0x80) {
        this.#buf[this.length++] = (v & 0x7f) | 0x80;
        v = Math.floor(v / 128);
      }
      this.#buf[this.length++] = v;
    };
    // Delta lists only ever hold docs numbered after the frozen ones, so concatenation stays sorted.
    for (const l of lists) for (let i = 0; i < l.length; i++) write(l[i]!);
    return this.length > start;
  }

  bytes(): Uint8Array {
    return this.#buf.slice(0, this.length);
  }
}

export function bsearch(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = a[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function lowerBound(a: string[], v: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
