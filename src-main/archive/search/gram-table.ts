/**
 * Postings being built, by numeric gram key. Indexing adds one entry per distinct token of every
 * article (about 150 million for 20,000 pages); a hash table of lists (this class until now) took a
 * cache miss or more per entry, most of the build thread's time. Entries are appended to flat arrays
 * instead, and grouped once when the chunk is written: a stable radix sort by key keeps each key's
 * docs in the order they came (ascending), and the lists come out in key order, as a segment is
 * written.
 */
export class GramTable {
  /** The key's low and high 32 bits, and the doc, of each entry in the order added. */
  #lo = new Uint32Array(1024);
  #hi = new Uint32Array(1024);
  #docs = new Uint32Array(1024);
  #n = 0;
  #grouped: { keys: number[]; starts: Uint32Array; docs: Uint32Array } | undefined;

  /** Record that doc `d` holds `key` (docs come in ascending order; keys are integers below 2^53). */
  push(key: number, d: number): void {
    if (this.#n === this.#docs.length) this.#grow();
    const lo = key >>> 0;
    this.#lo[this.#n] = lo;
    this.#hi[this.#n] = (key - lo) / 0x100000000;
    this.#docs[this.#n++] = d;
    this.#grouped = undefined;
  }

  /** Distinct keys. */
  get size(): number {
    return this.#group().keys.length;
  }

  get(key: number): DocList | undefined {
    const { keys } = this.#group();
    let a = 0;
    let b = keys.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (keys[m]! < key) a = m + 1;
      else b = m;
    }
    return keys[a] === key ? this.#list(a) : undefined;
  }

  /** Every key with its docs, in ascending key order. */
  *entries(): Generator<[number, DocList]> {
    const { keys } = this.#group();
    for (let i = 0; i < keys.length; i++) yield [keys[i]!, this.#list(i)];
  }

  clear(): void {
    this.#lo = new Uint32Array(1024);
    this.#hi = new Uint32Array(1024);
    this.#docs = new Uint32Array(1024);
    this.#n = 0;
    this.#grouped = undefined;
  }

  #list(i: number): DocList {
    const g = this.#grouped!;
    return DocList.of(g.docs.subarray(g.starts[i]!, g.starts[i + 1]!));
  }

  #grow(): void {
    const grown = (a: Uint32Array): Uint32Array<ArrayBuffer> => {
      const next = new Uint32Array(a.length * 2);
      next.set(a);
      return next;
    };
    this.#lo = grown(this.#lo);
    this.#hi = grown(this.#hi);
    this.#docs = grown(this.#docs);
  }

  /** Sort the entries by key (stable), drop a doc repeated under one key, and note where each key starts. */
  #group(): { keys: number[]; starts: Uint32Array; docs: Uint32Array } {
    if (this.#grouped) return this.#grouped;
    const n = this.#n;
    // Sorted copies: the entries as added stay (a push after a read regroups them all).
    let lo = this.#lo.slice(0, n);
    let hi = this.#hi.slice(0, n);
    let docs = this.#docs.slice(0, n);
    let lo2 = new Uint32Array(n);
    let hi2 = new Uint32Array(n);
    let docs2 = new Uint32Array(n);
    const count = new Uint32Array(65536);
    // Least significant 16 bits first; a pass whose digit is the same for every entry is skipped.
    for (const [word, shift] of [
      [0, 0],
      [0, 16],
      [1, 0],
      [1, 16],
    ] as const) {
      const src = word === 0 ? lo : hi;
      count.fill(0);
      for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 0xffff]!++;
      if (n === 0 || count[(src[0]! >>> shift) & 0xffff] === n) continue;
      let sum = 0;
      for (let v = 0; v < 65536; v++) {
        const c = count[v]!;
        count[v] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const at = count[(src[i]! >>> shift) & 0xffff]!++;
        lo2[at] = lo[i]!;
        hi2[at] = hi[i]!;
        docs2[at] = docs[i]!;
      }
      [lo, lo2] = [lo2, lo];
      [hi, hi2] = [hi2, hi];
      [docs, docs2] = [docs2, docs];
    }
    // Group in place: `docs` keeps each key's distinct docs, `starts` where each key's begin.
    const keys: number[] = [];
    const starts: number[] = [];
    let m = 0;
    for (let i = 0; i < n; i++) {
      const newKey = i === 0 || lo[i] !== lo[i - 1] || hi[i] !== hi[i - 1];
      if (newKey) {
        keys.push(hi[i]! * 0x100000000 + lo[i]!);
        starts.push(m);
      } else if (docs[i] === docs[m - 1]) continue;
      docs[m++] = docs[i]!;
    }
    starts.push(m);
    this.#grouped = { keys, starts: Uint32Array.from(starts), docs: docs.subarray(0, m) };
    return this.#grouped;
  }
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
