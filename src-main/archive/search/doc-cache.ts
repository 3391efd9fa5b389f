/**
 * A bounded cache of docs' strings, in two generations: entries read recently stay (a query typed
 * letter by letter reads the same matches again), and memory holds at most twice `size` entries
 * whatever the index holds. Cheaper per read than a strict LRU (no reordering on every hit).
 */
export class DocCache<V> {
  #hot = new Map<number, V>();
  #cold = new Map<number, V>();

  constructor(private readonly size: number) {}

  get(k: number): V | undefined {
    const v = this.#hot.get(k);
    if (v !== undefined) return v;
    const old = this.#cold.get(k);
    if (old !== undefined) this.set(k, old);
    return old;
  }

  set(k: number, v: V): void {
    if (this.#hot.size >= this.size) {
      this.#cold = this.#hot;
      this.#hot = new Map();
    }
    this.#hot.set(k, v);
  }

  clear(): void {
    this.#hot.clear();
    this.#cold.clear();
  }
}
