/**
 * The numbers the ranking needs for every match, one slot per doc number, in typed arrays: a few
 * bytes a doc (about 40 MB at 3 million), where an object per doc took over a gigabyte. They are
 * persisted as blobs (see index-db.ts), so opening an index is reading them, not scanning millions of
 * rows; docs added after the blobs were written (the tail) come from their rows. Opening reads only
 * what a query by relevance needs (how readable, alive, the time ranks): the times and fold ids are
 * read when first asked for (a filter by date, a fold worked out again), since every megabyte read
 * from SQLite is time before the first result.
 *
 * Times are held as whole seconds from a base in 4 bytes a doc (12 MB less at 3 million docs than
 * milliseconds as 8-byte numbers): publishedAt is given to the second. A time that is not a whole
 * second, or more than 68 years from the first one held, turns the array into milliseconds, so every
 * time stays exact.
 */

import type { CoarseRanks, Recency } from './coarse-ranks.js';
import { DEAD, KIND_BITS, type StateBlobs } from './doc-state.js';
import { grown, viewOf, type LaterColumns } from './array-views.js';

/** The blobs every query needs, read at open (see index-state.ts). */
export interface OpenBlobs {
  /** Per doc: kindRank, plus DEAD (see stateBytes). */
  state: Uint8Array;
  /** timeRank() when they were written: whole, or coarse with the exact ones read where they lie. */
  trank: Buffer | CoarseRanks;
}

/** Everything written at a snapshot (with `time_base` in meta when the times are `secs`). */
export type ArrayBlobs = StateBlobs & { trank: Buffer; group: Buffer; base: number } & (
    { secs: Buffer } | { time: Buffer }
  );

// Stamps are unique across instances: an index read again must not match a cache of the one before.
let stamps = 0;

export class DocArrays {
  /** Doc numbers in use: 0 .. n-1. */
  n = 0;
  /** Docs alive (the others were removed or indexed again under a new number). */
  live = 0;
  /** Docs the persisted time order covers (0 .. snapN-1); later ones are merged in when needed. */
  snapN = 0;
  /** Changes with every change: caches built from the arrays compare it. */
  stamp = ++stamps;
  /** Seconds from #base, plus 1 (0: none)... */
  #secs: Uint32Array = new Uint32Array(1024);
  /** ...(seconds of the value 1; NaN before the first time)... */
  #base = NaN;
  /** ...or, once a time did not fit, every time in ms (NaN: none). */
  #ms: Float64Array | undefined;
  /** kindRank | DEAD per doc. */
  #state: Uint8Array = new Uint8Array(1024);
  #group: Int32Array = new Int32Array(1024);
  /** Times and folds of docs below snapN, still in the file (read when first needed). */
  #later: (() => LaterColumns | undefined) | undefined;
  /** The time ranks as persisted (docs < snapN), and how many docs were alive then. */
  #snapRank: Uint32Array | undefined = new Uint32Array(0);
  /** The persisted time ranks, coarse (then #snapRank is read when first needed). */
  #coarse: CoarseRanks | undefined;
  #snapLive = 0;
  /** Newest first, as persisted (worked out from #snapRank when first needed). */
  #order: Uint32Array | undefined = new Uint32Array(0);
  #newest: { stamp: number; order: Uint32Array } | undefined;
  #rankOf: { stamp: number; rank: Uint32Array } | undefined;
  /** A blob persisted with the arrays (the folds): good while nothing changed since. */
  #saved: { stamp: number; blob: Buffer } | undefined;

  get dead(): number {
    return this.n - this.live;
  }

  /** Append doc number `this.n`. */
  add(time: number | null, rank: number, group: number): number {
    const d = this.n;
    if (d === this.#state.length) this.#grow(Math.max(1024, grown(d)));
    this.#setTime(d, time);
    this.#state[d] = rank & KIND_BITS;
    this.#group[d] = group;
    this.n++;
    this.live++;
    this.stamp = ++stamps;
    return d;
  }

  /** Append a doc number that holds nothing (its doc died before anyone saw it). */
  addDead(): void {
    this.add(null, 0, -1);
    this.kill(this.n - 1);
  }

  kill(d: number): void {
    if (d >= this.n || this.#state[d]! & DEAD) return;
    this.#state[d]! |= DEAD;
    this.live--;
    this.stamp = ++stamps;
  }

  /** The docs not alive, ascending. */
  deadDocs(): Uint32Array {
    const out = new Uint32Array(this.dead);
    if (!out.length) return out;
    for (let d = 0, k = 0; d < this.n; d++) if (this.#state[d]! & DEAD) out[k++] = d;
    return out;
  }

  alive(d: number): boolean {
    return d < this.n && !(this.#state[d]! & DEAD);
  }

  /** publishedAt in ms, or null (none, or not a doc of this index). */
  time(d: number): number | null {
    if (this.#later && d < this.snapN) this.#readLater();
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
    this.#readLater();
    const ms = new Float64Array(this.#state.length);
    for (let d = 0; d < ms.length; d++) ms[d] = this.time(d) ?? NaN;
    this.#ms = ms;
    this.#secs = new Uint32Array(0);
  }

  /** Fold id of the doc's folded title (every doc of one title key has the same; -1 not yet known). */
  group(d: number): number {
    if (this.#later && d < this.snapN) this.#readLater();
    return this.#group[d]!;
  }

  setGroup(d: number, group: number): void {
    if (d < this.n && this.group(d) !== group) {
      this.#group[d] = group;
      this.stamp = ++stamps;
    }
  }

  /**
   * The arrays themselves, by doc number (read only): for passes over every doc, where a call per doc
   * per field was most of their time.
   */
  view(): { state: Uint8Array; group: Int32Array } {
    this.#readLater();
    const n = this.n;
    return {
      state: this.#state.subarray(0, n),
      group: this.#group.subarray(0, n),
    };
  }

  /**
   * Each doc's state byte, by doc number (read only): alive when `(state[d] & DEAD) === 0`, and how
   * readable in the low bits. It is also ranks(): a dead doc's reads DEAD more than its kind rank.
   */
  stateView(): Uint8Array {
    return this.#state.subarray(0, this.n);
  }

  /** How readable each doc is (see kindRank), by doc number: exact for live docs (see stateView). */
  ranks(): Uint8Array {
    return this.stateView();
  }

  /** Alive docs, newest first (ties: the later doc first); cached until the next change. */
  newestFirst(): Uint32Array {
    if (this.#newest?.stamp === this.stamp) return this.#newest.order;
    const key = (d: number): number => this.time(d) ?? -Infinity;
    const before = (a: number, b: number): boolean => key(a) > key(b) || (key(a) === key(b) && a > b);
    // Docs after the persisted order, sorted (a handful after an import; all of them after a build).
    const tail: number[] = [];
    for (let d = this.snapN; d < this.n; d++) if (this.alive(d)) tail.push(d);
    tail.sort((a, b) => key(b) - key(a) || b - a);
    const order = this.#persistedOrder();
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
      if (a !== undefined && !this.alive(a)) {
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

  /**
   * Recency for ranking (see Recency): the coarse ranks as opened while nothing changed since, else
   * the time ranks (worked out again after a change).
   */
  recency(): Recency {
    if (this.#rankOf?.stamp !== this.stamp && this.#coarse && this.#coarseStamp === this.stamp)
      return this.#coarse;
    const rank = this.timeRank();
    return { key: rank, span: rank.length + 1, exact: (d) => rank[d]! };
  }

  /** The persisted time ranks (read whole when they were opened coarse). */
  #persistedRanks(): Uint32Array {
    return (this.#snapRank ??= this.#coarse!.full());
  }

  #coarseStamp = -1;

  /** Let go of the file the coarse ranks read from (the arrays are not used after). */
  close(): void {
    this.#coarse?.close();
  }

  /** Rank of each doc in newest-first order (0 = newest; dead docs rank last): recency as one number. */
  timeRank(): Uint32Array {
    if (this.#rankOf?.stamp === this.stamp) return this.#rankOf.rank;
    if (this.#coarse && this.#coarseStamp === this.stamp) {
      this.#rankOf = { stamp: this.stamp, rank: this.#persistedRanks() };
      return this.#rankOf.rank;
    }
    const order = this.newestFirst();
    const rank = new Uint32Array(this.n).fill(order.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
    this.#rankOf = { stamp: this.stamp, rank };
    return rank;
  }

  /** The arrays as blobs, with the time order merged (after this, snapN = n). */
  toBlobs(): ArrayBlobs {
    this.#readLater();
    const order = this.newestFirst();
    const trank = this.timeRank();
    this.#order = order;
    this.#snapRank = trank;
    this.#coarse?.close();
    this.#coarse = undefined;
    this.#snapLive = order.length;
    this.snapN = this.n;
    const n = this.n;
    const bytes = (a: ArrayBufferView, size: number): Buffer => Buffer.from(a.buffer, a.byteOffset, size);
    return {
      // As persisted: kind ranks and alive flags apart (the file format of version 10).
      rank: Buffer.from(this.#state.subarray(0, n).map((v) => v & KIND_BITS)),
      alive: Buffer.from(this.#state.subarray(0, n).map((v) => (v & DEAD ? 0 : 1))),
      trank: bytes(trank, n * 4),
      group: bytes(this.#group, n * 4),
      base: this.#base,
      ...(this.#ms ? { time: bytes(this.#ms, n * 8) } : { secs: bytes(this.#secs, n * 4) }),
    };
  }

  /** A blob persisted with these arrays, good until the first change after this call. */
  keep(blob: Buffer): void {
    this.#saved = { stamp: this.stamp, blob };
  }

  /** The blob kept, if nothing changed since. */
  kept(): Buffer | undefined {
    return this.#saved?.stamp === this.stamp ? this.#saved.blob : undefined;
  }

  /**
   * Arrays as persisted for docs 0 .. n-1 (tail rows are added with add()): what every query reads
   * now, `later` the times and folds when first needed. Views on the blobs' own memory when aligned
   * (no second copy of megabytes); the first doc appended copies them into room to grow.
   */
  static fromBlobs(
    blobs: OpenBlobs,
    n: number,
    base: number,
    later: () => LaterColumns | undefined,
    /** Docs alive among them, when known (else counted). */
    liveCount?: number,
  ): DocArrays {
    const a = new DocArrays();
    a.#state = blobs.state.subarray(0, n);
    const { trank } = blobs;
    if (trank instanceof Uint8Array) a.#snapRank = viewOf(Uint32Array, trank, n);
    else {
      a.#coarse = trank;
      a.#snapRank = undefined;
    }
    a.#secs = new Uint32Array(0);
    a.#group = new Int32Array(0);
    a.#base = base;
    a.#later = later;
    a.n = n;
    a.snapN = n;
    let live = liveCount ?? 0;
    if (liveCount === undefined) for (let d = 0; d < n; d++) live += a.#state[d]! & DEAD ? 0 : 1;
    a.live = live;
    a.#snapLive = live;
    a.#order = undefined;
    if (a.#snapRank) a.#rankOf = { stamp: a.stamp, rank: a.#snapRank };
    a.#coarseStamp = a.stamp;
    return a;
  }

  /** The persisted newest-first order, from the persisted ranks (dead docs rank past the live). */
  #persistedOrder(): Uint32Array {
    if (this.#order) return this.#order;
    const order = new Uint32Array(this.#snapLive);
    const rank = this.#persistedRanks();
    for (let d = 0; d < rank.length; d++) if (rank[d]! < order.length) order[rank[d]!] = d;
    return (this.#order = order);
  }

  /** Read the times and folds of docs below snapN (the docs after them are held already). */
  #readLater(): void {
    const later = this.#later;
    if (!later) return;
    this.#later = undefined;
    const cols = later();
    const k = this.snapN;
    const n = this.n;
    const cap = Math.max(this.#state.length, 1);
    // Docs below k from the file, the tail as held. A view is used as it is when nothing came after
    // it (a column from a later snapshot is longer: the docs past n are written over as they come).
    const fit = <T extends Int32Array | Uint32Array | Float64Array>(
      src: T | undefined,
      held: T,
      make: (size: number) => T,
    ): T => {
      if (src && n === k && src.length >= cap) return src;
      const out = make(cap);
      if (src) out.set(src.subarray(0, k) as never);
      out.set(held.subarray(k, n) as never, k);
      return out;
    };
    const group = fit(cols?.group, this.#group, (c) => new Int32Array(c));
    // No columns: another process started the index over and this one reads it again at its next
    // sync; until then these docs have no time and no fold.
    if (!cols) group.fill(-1, 0, k);
    this.#group = group;
    const time = cols?.time ?? { secs: undefined, base: this.#base };
    if ('secs' in time && !this.#ms && (time.base === this.#base || n === k)) {
      this.#base = time.base;
      this.#secs = fit(time.secs, this.#secs, (c) => new Uint32Array(c));
      return;
    }
    // The rare case: times in ms on either side, or another base: everything in ms.
    const ms = new Float64Array(cap).fill(NaN);
    for (let d = k; d < n; d++) ms[d] = this.time(d) ?? NaN;
    if ('ms' in time) ms.set(time.ms.subarray(0, k));
    else if (time.secs)
      for (let d = 0; d < k; d++) {
        const v = time.secs[d]!;
        if (v) ms[d] = (v - 1 + time.base) * 1000;
      }
    this.#ms = ms;
    this.#secs = new Uint32Array(0);
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
    // Columns still in the file grow from nothing: #readLater puts them under the docs held.
    if (this.#ms) this.#ms = grow(this.#ms, (c) => new Float64Array(c));
    else this.#secs = grow(this.#secs, (c) => new Uint32Array(c));
    this.#state = grow(this.#state, (c) => new Uint8Array(c));
    this.#group = grow(this.#group, (c) => new Int32Array(c));
  }
}
