/**
 * Postings being built, by numeric gram key: an open-addressing hash table over a Float64Array.
 * Indexing pushes one entry per token of every article (tens of millions at 10,000 pages); a Map
 * with these keys (above 2^31, so boxed numbers) and a list object per key spent most of the build
 * time in lookups and in re-reading the list to skip a repeat. Here a repeat within one article is
 * caught by a per-slot "last doc" number next to the key.
 */
export class GramTable {
  #keys = new Float64Array(1024).fill(-1);
  #last = new Int32Array(1024).fill(-1);
  #lists: (DocList | undefined)[] = new Array<DocList | undefined>(1024);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Record that doc `d` holds `key` (docs come in ascending order). */
  push(key: number, d: number): void {
    let i = this.#slot(key);
    if (this.#keys[i] !== key) {
      if ((this.#size + 1) * 2 > this.#keys.length) {
        this.#grow();
        i = this.#slot(key);
      }
      this.#keys[i] = key;
      this.#lists[i] = new DocList();
      this.#size++;
    }
    if (this.#last[i] === d) return;
    this.#last[i] = d;
    this.#lists[i]!.push(d);
  }

  get(key: number): DocList | undefined {
    const i = this.#slot(key);
    return this.#keys[i] === key ? this.#lists[i] : undefined;
  }

  *entries(): Generator<[number, DocList]> {
    for (let i = 0; i < this.#keys.length; i++)
      if (this.#keys[i]! >= 0) yield [this.#keys[i]!, this.#lists[i]!];
  }

  clear(): void {
    this.#keys = new Float64Array(1024).fill(-1);
    this.#last = new Int32Array(1024).fill(-1);
    this.#lists = new Array<DocList | undefined>(1024);
    this.#size = 0;
  }

  /** Where `key` is, or the empty slot where it would go (keys are never negative). */
  #slot(key: number): number {
    const mask = this.#keys.length - 1;
    // Keys are integers below 2^53: mix the high and low 32 bits.
    const hi = Math.floor(key / 0x100000000);
    let i = (Math.imul(key >>> 0, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) & mask;
    for (;;) {
      const k = this.#keys[i]!;
      if (k === key || k < 0) return i;
      i = (i + 1) & mask;
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const last = this.#last;
    const lists = this.#lists;
    const cap = keys.length * 2;
    this.#keys = new Float64Array(cap).fill(-1);
    this.#last = new Int32Array(cap).fill(-1);
    this.#lists = new Array<DocList | undefined>(cap);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i]! < 0) continue;
      const j = this.#slot(keys[i]!);
      this.#keys[j] = keys[i]!;
      this.#last[j] = last[i]!;
      this.#lists[j] = lists[i];
    }
  }
}

/** A growable list of doc numbers: 4 bytes an entry where a JS array takes 8. */
export class DocList {
  a = new Uint32Array(2);
  n = 0;

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
