/**
 * The numbers the ranking needs for every match, one slot per doc number, in typed arrays: a few
 * bytes a doc (about 40 MB at 3 million), where an object per doc took over a gigabyte. They are
 * persisted as blobs (see index-db.ts), so opening an index is reading them, not scanning millions of
 * rows; docs added after the blobs were written (the tail) come from their rows.
 *
 * Times are held as whole seconds from a base in 4 bytes a doc (12 MB less at 3 million docs than
 * milliseconds as 8-byte numbers, the blob's form): publishedAt is given to the second. A time that
 * is not a whole second, or more than 68 years from the first one held, turns the array back into
 * milliseconds, so every time stays exact.
 */

/** How readable a doc is, as the ranking orders it: 2 full, 1 brief, 0 headline only. */
export function kindRank(kind: string): number {
  return kind === 'full' ? 2 : kind === 'brief' ? 1 : 0;
}

export interface ArrayBlobs {
  time: Buffer;
  rank: Buffer;
  alive: Buffer;
  group: Buffer;
  order: Buffer;
}

export class DocArrays {
  /** Doc numbers in use: 0 .. n-1. */
  n = 0;
  /** Docs alive (the others were removed or indexed again under a new number). */
  live = 0;
  /** Docs the persisted time order covers (0 .. snapN-1); later ones are merged in when needed. */
  snapN = 0;
  /** Grows with every change: caches built from the arrays compare it. */
  stamp = 0;
  /** Seconds from #base, plus 1 (0: none)... */
  #secs = new Uint32Array(1024);
  /** ...(seconds of the value 1; NaN before the first time)... */
  #base = NaN;
  /** ...or, once a time did not fit, every time in ms (NaN: none). */
  #ms: Float64Array | undefined;
  #rank = new Uint8Array(1024);
  #alive = new Uint8Array(1024);
  #group = new Int32Array(1024);
  /** Newest first, as persisted (docs < snapN; some may have died since). */
  #order: Uint32Array = new Uint32Array(0);
  #newest: { stamp: number; order: Uint32Array } | undefined;
  #rankOf: { stamp: number; rank: Uint32Array } | undefined;

  get dead(): number {
    return this.n - this.live;
  }

  /** Append doc number `this.n`. */
  add(time: number | null, rank: number, group: number): number {
    const d = this.n;
    if (d === this.#rank.length) this.#grow(Math.max(1024, d * 2));
    this.#setTime(d, time);
    this.#rank[d] = rank;
    this.#alive[d] = 1;
    this.#group[d] = group;
    this.n++;
    this.live++;
    this.stamp++;
    return d;
  }

  /** Append a doc number that holds nothing (its doc died before anyone saw it). */
  addDead(): void {
    this.add(null, 0, -1);
    this.kill(this.n - 1);
  }

  kill(d: number): void {
    if (d >= this.n || !this.#alive[d]) return;
    this.#alive[d] = 0;
    this.live--;
    this.stamp++;
  }

  /** The docs not alive, ascending. */
  deadDocs(): Uint32Array {
    const out = new Uint32Array(this.dead);
    if (!out.length) return out;
    for (let d = 0, k = 0; d < this.n; d++) if (!this.#alive[d]) out[k++] = d;
    return out;
  }

  alive(d: number): boolean {
    return this.#alive[d] === 1;
  }

  /** publishedAt in ms, or null (none, or not a doc of this index). */
  time(d: number): number | null {
    if (this.#ms) {
      const t = this.#ms[d];
      return t === undefined || Number.isNaN(t) ? null : t;
    }
    const v = this.#secs[d];
    return v ? (v - 1 + this.#base) * 1000 : null;
  }

  #setTime(d: number, time: number | null): void {
    if (this.#ms) this.#ms[d] = time ?? NaN;
    else if (time === null) this.#secs[d] = 0;
    else {
      const s = time / 1000;
      // The first time held sets the base: 68 years either side of it fit.
      if (Number.isNaN(this.#base) && Number.isInteger(s)) this.#base = s - 2 ** 31;
      const v = s - this.#base + 1;
      if (Number.isInteger(s) && v >= 1 && v <= 0xffffffff) this.#secs[d] = v;
      else {
        this.#toMs();
        this.#ms![d] = time;
      }
    }
  }

  /** Hold times in ms from now on (one did not fit in seconds from the base). */
  #toMs(): void {
    const ms = new Float64Array(this.#rank.length);
    for (let d = 0; d < ms.length; d++) ms[d] = this.time(d) ?? NaN;
    this.#ms = ms;
    this.#secs = new Uint32Array(0);
  }

  /** Fold id of the doc's folded title (every doc of one title key has the same; -1 not yet known). */
  group(d: number): number {
    return this.#group[d]!;
  }

  setGroup(d: number, group: number): void {
    if (d < this.n && this.#group[d] !== group) {
      this.#group[d] = group;
      this.stamp++;
    }
  }

  /**
   * The arrays themselves, by doc number (read only): for passes over every doc, where a call per doc
   * per field was most of their time.
   */
  view(): { alive: Uint8Array; group: Int32Array } {
    const n = this.n;
    return {
      alive: this.#alive.subarray(0, n),
      group: this.#group.subarray(0, n),
    };
  }

  /** How readable each doc is (see kindRank), by doc number. */
  ranks(): Uint8Array {
    return this.#rank.subarray(0, this.n);
  }

  /** Alive docs, newest first (ties: the later doc first); cached until the next change. */
  newestFirst(): Uint32Array {
    if (this.#newest?.stamp === this.stamp) return this.#newest.order;
    const key = (d: number): number => this.time(d) ?? -Infinity;
    const before = (a: number, b: number): boolean => key(a) > key(b) || (key(a) === key(b) && a > b);
    // Docs after the persisted order, sorted (a handful after an import; all of them after a build).
    const tail: number[] = [];
    for (let d = this.snapN; d < this.n; d++) if (this.#alive[d]) tail.push(d);
    tail.sort((a, b) => key(b) - key(a) || b - a);
    const order = this.#order;
    // Nothing came or died since the order was written (an index just opened): it is the order.
    if (!tail.length && order.length === this.live) {
      this.#newest = { stamp: this.stamp, order };
      return order;
    }
    const out = new Uint32Array(this.live);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < order.length || j < tail.length) {
      const a = order[i];
      if (a !== undefined && !this.#alive[a]) {
        i++;
        continue;
      }
      if (a !== undefined && (j >= tail.length || before(a, tail[j]!))) {
        out[k++] = a;
        i++;
      } else out[k++] = tail[j++]!;
    }
    this.#newest = { stamp: this.stamp, order: out };
    return out;
  }

  /** Rank of each doc in newest-first order (0 = newest; dead docs rank last): recency as one number. */
  timeRank(): Uint32Array {
    if (this.#rankOf?.stamp === this.stamp) return this.#rankOf.rank;
    const order = this.newestFirst();
    const rank = new Uint32Array(this.n).fill(order.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
    this.#rankOf = { stamp: this.stamp, rank };
    return rank;
  }

  /** The arrays as blobs, with the time order merged (after this, snapN = n). */
  toBlobs(): ArrayBlobs {
    const order = this.newestFirst();
    this.#order = order;
    this.snapN = this.n;
    const n = this.n;
    const bytes = (a: ArrayBufferView, size: number): Buffer => Buffer.from(a.buffer, a.byteOffset, size);
    const time = new Float64Array(n);
    for (let d = 0; d < n; d++) time[d] = this.time(d) ?? NaN;
    return {
      time: bytes(time, n * 8),
      rank: bytes(this.#rank, n),
      alive: bytes(this.#alive, n),
      group: bytes(this.#group, n * 4),
      order: bytes(order, order.length * 4),
    };
  }

  /** Arrays as persisted for docs 0 .. n-1 (tail rows are added with add()). */
  static fromBlobs(blobs: ArrayBlobs, n: number): DocArrays {
    const a = new DocArrays();
    // Views on the blobs' own memory when aligned (no second copy of tens of MB); the first doc
    // appended copies them into room to grow.
    const view = <T>(
      blob: Buffer,
      size: number,
      bytes: number,
      make: (b: ArrayBuffer, o: number, n: number) => T,
      fresh: (n: number) => T,
    ): T => {
      if (blob.length !== size * bytes) throw new Error('search index arrays of the wrong size');
      if (blob.byteOffset % bytes === 0) return make(blob.buffer as ArrayBuffer, blob.byteOffset, size);
      const out = fresh(size);
      new Uint8Array((out as ArrayBufferView).buffer).set(blob);
      return out;
    };
    const cap = Math.max(n, 1);
    a.#readTimes(
      view(
        blobs.time,
        n,
        8,
        (b, o, k) => new Float64Array(b, o, k),
        () => new Float64Array(cap),
      ),
    );
    a.#rank = view(
      blobs.rank,
      n,
      1,
      (b, o, k) => new Uint8Array(b, o, k),
      () => new Uint8Array(cap),
    );
    a.#alive = view(
      blobs.alive,
      n,
      1,
      (b, o, k) => new Uint8Array(b, o, k),
      () => new Uint8Array(cap),
    );
    a.#group = view(
      blobs.group,
      n,
      4,
      (b, o, k) => new Int32Array(b, o, k),
      () => new Int32Array(cap),
    );
    if (blobs.order.length % 4) throw new Error('search index order of the wrong size');
    a.#order = view(
      blobs.order,
      blobs.order.length / 4,
      4,
      (b, o, k) => new Uint32Array(b, o, k),
      (k) => new Uint32Array(k),
    );
    a.n = n;
    a.snapN = n;
    let live = 0;
    for (let d = 0; d < n; d++) live += a.#alive[d]!;
    a.live = live;
    return a;
  }

  /** The blob's times (ms, NaN: none), in seconds from their oldest when every one fits. */
  #readTimes(ms: Float64Array): void {
    let min = Infinity;
    let max = -Infinity;
    let whole = true;
    for (let d = 0; d < ms.length; d++) {
      const t = ms[d]!;
      if (Number.isNaN(t)) continue;
      if (!Number.isInteger(t / 1000)) whole = false;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    if (!whole || max - min >= 0xfffffffe * 1000) {
      this.#ms = ms.length ? Float64Array.from(ms) : new Float64Array(1); // not a view on the blob
      this.#secs = new Uint32Array(0);
      return;
    }
    this.#base = min === Infinity ? NaN : min / 1000;
    const secs = new Uint32Array(Math.max(ms.length, 1));
    for (let d = 0; d < ms.length; d++) {
      const t = ms[d]!;
      secs[d] = Number.isNaN(t) ? 0 : t / 1000 - this.#base + 1;
    }
    this.#secs = secs;
  }

  #grow(cap: number): void {
    const grow = <T extends Float64Array | Uint32Array | Uint8Array | Int32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(cap);
      next.set(old.subarray(0, Math.min(old.length, cap)) as never);
      return next;
    };
    if (this.#ms) this.#ms = grow(this.#ms, (c) => new Float64Array(c));
    else this.#secs = grow(this.#secs, (c) => new Uint32Array(c));
    this.#rank = grow(this.#rank, (c) => new Uint8Array(c));
    this.#alive = grow(this.#alive, (c) => new Uint8Array(c));
    this.#group = grow(this.#group, (c) => new Int32Array(c));
  }
}
