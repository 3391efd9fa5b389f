/**
 * Postings being built, by numeric gram key. Indexing adds one entry per distinct token of every
 * article (about 45 million for 10,000 scale pages), so an entry must cost a few instructions and no
 * allocation: each distinct key gets a dense number from an open-addressing table of typed arrays
 * (a Map would box keys past 2^31), and an entry is that number and its doc in two flat arrays. When
 * the chunk is written the entries are grouped once, by a counting sort on the dense numbers taken in
 * key order: each key's docs keep the order they came in (ascending), and the lists come out in key
 * order, as a segment is written. (A radix sort of the entries on their 44-bit keys, before, made
 * three scattering passes over 12 bytes an entry: a fifth of the build thread's time.)
 */
import { lowerBound } from './lower-bound.js';

export class GramTable {
  /** Open addressing: slot s is a key (-1 empty) at 2s and its dense number at 2s + 1 (one cache line). */
  #slots = new Float64Array(2 << 12).fill(-1);
  /** 32 - log2(slots): a slot is the top bits of the key's multiplicative hash. */
  #shift = 20;
  /** By dense number: the key and its entries. */
  #keys = new Float64Array(1024);
  #counts = new Uint32Array(1024);
  #distinct = 0;
  /** Entries in the order added: the key's dense number and the doc. */
  #ids = new Uint32Array(1024);
  #docs = new Uint32Array(1024);
  #n = 0;
  #grouped: { keys: Float64Array; starts: Uint32Array; docs: Uint32Array } | undefined;

  /** Record that doc `d` holds `key` (docs come in ascending order; keys are integers below 2^53). */
  push(key: number, d: number): void {
    const id = this.#idOf(key);
    this.#counts[id]!++;
    if (this.#n === this.#docs.length) {
      this.#ids = grown(this.#ids, new Uint32Array(this.#n * 2));
      this.#docs = grown(this.#docs, new Uint32Array(this.#n * 2));
    }
    this.#ids[this.#n] = id;
    this.#docs[this.#n++] = d;
    this.#grouped = undefined;
  }

  /** Distinct keys. */
  get size(): number {
    return this.#distinct;
  }

  get(key: number): DocList | undefined {
    const { keys } = this.#group();
    const a = lowerBound(keys, key);
    return keys[a] === key ? this.#list(a) : undefined;
  }

  /** Every key with its docs, in ascending key order. */
  *entries(): Generator<[number, DocList]> {
    const { keys } = this.#group();
    for (let i = 0; i < keys.length; i++) yield [keys[i]!, this.#list(i)];
  }

  /** Empty the table, keeping its arrays (the next chunk's grow as this one's did). */
  clear(): void {
    this.#slots.fill(-1);
    this.#counts.fill(0, 0, this.#distinct);
    this.#distinct = 0;
    this.#n = 0;
    this.#grouped = undefined;
  }

  #list(i: number): DocList {
    const g = this.#grouped!;
    return DocList.of(g.docs.subarray(g.starts[i]!, g.starts[i + 1]!));
  }

  /** The key's dense number, given on its first push. */
  #idOf(key: number): number {
    const slots = this.#slots;
    const mask = (slots.length >>> 1) - 1;
    let s = slotOf(key, this.#shift);
    for (;;) {
      const k = slots[2 * s]!;
      if (k === key) return slots[2 * s + 1]!;
      if (k === -1) break;
      s = (s + 1) & mask;
    }
    const id = this.#distinct++;
    if (id === this.#keys.length) {
      this.#keys = grown(this.#keys, new Float64Array(id * 2));
      this.#counts = grown(this.#counts, new Uint32Array(id * 2));
    }
    this.#keys[id] = key;
    slots[2 * s] = key;
    slots[2 * s + 1] = id;
    // Kept at most half full, so a probe stays short.
    if (this.#distinct * 4 > slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const slots = new Float64Array(this.#slots.length * 2).fill(-1);
    const mask = (slots.length >>> 1) - 1;
    this.#shift--;
    for (let id = 0; id < this.#distinct; id++) {
      const key = this.#keys[id]!;
      let s = slotOf(key, this.#shift);
      while (slots[2 * s] !== -1) s = (s + 1) & mask;
      slots[2 * s] = key;
      slots[2 * s + 1] = id;
    }
    this.#slots = slots;
  }

  /** The entries grouped by key, keys ascending, each key's docs in the order they came. */
  #group(): { keys: Float64Array; starts: Uint32Array; docs: Uint32Array } {
    if (this.#grouped) return this.#grouped;
    const m = this.#distinct;
    const keys = this.#keys.slice(0, m).sort();
    // Where each dense number's docs go: after the docs of every smaller key.
    const at = new Uint32Array(m);
    const starts = new Uint32Array(m + 1);
    for (let i = 0, sum = 0; i < m; i++) {
      const id = this.#idOf(keys[i]!);
      starts[i] = sum;
      at[id] = sum;
      sum += this.#counts[id]!;
      starts[i + 1] = sum;
    }
    const n = this.#n;
    const docs = new Uint32Array(n);
    for (let i = 0; i < n; i++) docs[at[this.#ids[i]!]!++] = this.#docs[i]!;
    // A doc that pushed a key twice: docs ascend, so the repeat follows it within the key's run.
    let w = 0;
    for (let i = 0; i < m; i++) {
      const from = starts[i]!;
      const to = starts[i + 1]!;
      starts[i] = w;
      for (let j = from; j < to; j++) if (j === from || docs[j] !== docs[j - 1]) docs[w++] = docs[j]!;
    }
    starts[m] = w;
    this.#grouped = { keys, starts, docs: docs.subarray(0, w) };
    return this.#grouped;
  }
}

/** A key's slot: the top bits of a multiplicative hash of its two 32-bit halves. */
function slotOf(key: number, shift: number): number {
  const lo = key >>> 0;
  return Math.imul(lo ^ Math.imul((key - lo) / 0x100000000, 0x27d4eb2d), 0x9e3779b1) >>> shift;
}

function grown<T extends Uint32Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
/** A growable list of doc numbers: 4 bytes an entry where a JS array takes 8. */
export class DocList {
  a: Uint32Array = new Uint32Array(2);
  n = 0;

  static of(docs: Uint32Array): DocList {
    const list = new DocList();
    list.a = docs;
    list.n = docs.length;
    return list;
  }

  push(d: number): void {
    // Docs arrive in order, so a repeat within one article is always the last entry.
    if (this.n && this.a[this.n - 1] === d) return;
    if (this.n === this.a.length) {
      const next = new Uint32Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.n++] = d;
  }

  view(): Uint32Array {
    return this.a.subarray(0, this.n);
  }
}
