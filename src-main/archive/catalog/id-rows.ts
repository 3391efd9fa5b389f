/**
 * Article ids to row ids, in memory, for a first bulk import that leaves the catalog's id index to its
 * end (bulk-import.ts). Ids are hashes (article-id.ts), so each insert into that index landed on a
 * random page of it: at a million pages (29 million ids, 200,000 pages of index) each commit rewrote
 * most of them, and the import wrote several hundred GB.
 *
 * A slot is 8 bytes: a 32-bit hash of the id and its rid (0: empty; DELETED: a row deleted since,
 * kept so that probes go on past it). The slot is chosen by the hash, so the table can double without
 * the ids. Two ids share a hash about once in 4 billion pairs: at 29 million ids, one new id in 150
 * meets one, and the caller confirms every match against the row (a read by rid).
 */

const DELETED = 0xffffffff;
/** Slots at first (a power of two), and the share of them in use before the table doubles. */
const FIRST_SLOTS = 1 << 16;
const MAX_LOAD = 0.9;

/** A 32-bit hash of an id: a hex id (a sha-256 prefix) is its own; others are hashed (FNV-1a). */
export function idHash(id: string): number {
  if (id.length >= 8 && HEX.test(id)) return parseInt(id.slice(0, 8), 16) >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
const HEX = /^[0-9a-f]+$/;

export class IdRows {
  #slots = new Uint32Array(FIRST_SLOTS * 2);
  #bits = Math.log2(FIRST_SLOTS);
  /** Slots holding a rid or DELETED. */
  #used = 0;
  #live = 0;

  get size(): number {
    return this.#live;
  }

  /** Bytes the table takes. */
  get bytes(): number {
    return this.#slots.byteLength;
  }

  /**
   * The rid of `id`: the first live slot whose hash matches and whose row `confirm` says is this
   * id's (a read of the row by rid); undefined when none.
   */
  find(id: string, confirm: (rid: number) => boolean): number | undefined {
    const h = idHash(id);
    const slots = this.#slots;
    const mask = (1 << this.#bits) - 1;
    for (let s = this.#start(h); ; s = (s + 1) & mask) {
      const rid = slots[2 * s + 1]!;
      if (rid === 0) return undefined;
      if (rid !== DELETED && slots[2 * s] === h && confirm(rid)) return rid;
    }
  }

  /** Note a row written for a new id. */
  add(id: string, rid: number): void {
    if (rid <= 0 || rid >= DELETED) throw new RangeError(`rid out of range: ${rid}`);
    if (this.#used + 1 > MAX_LOAD * (1 << this.#bits)) this.#grow();
    this.#put(idHash(id), rid);
    this.#live++;
  }

  /** Forget a row deleted (its slot stays, so the probes past it go on). */
  delete(id: string, rid: number): void {
    const h = idHash(id);
    const slots = this.#slots;
    const mask = (1 << this.#bits) - 1;
    for (let s = this.#start(h); slots[2 * s + 1] !== 0; s = (s + 1) & mask) {
      if (slots[2 * s + 1] === rid && slots[2 * s] === h) {
        slots[2 * s + 1] = DELETED;
        this.#live--;
        return;
      }
    }
  }

  #start(h: number): number {
    // Fibonacci hashing: the top bits of h times the golden ratio, so any bits of h spread.
    return Math.imul(h, 0x9e3779b1) >>> (32 - this.#bits);
  }

  #put(h: number, rid: number): void {
    const slots = this.#slots;
    const mask = (1 << this.#bits) - 1;
    let s = this.#start(h);
    while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = rid;
    this.#used++;
  }

  /** Twice the slots (as many when most are deleted), every live entry placed again by its hash. */
  #grow(): void {
    const old = this.#slots;
    if (this.#live * 2 > this.#used) this.#bits++;
    this.#slots = new Uint32Array(2 << this.#bits);
    this.#used = 0;
    for (let s = 0; s < old.length; s += 2) {
      const rid = old[s + 1]!;
      if (rid !== 0 && rid !== DELETED) this.#put(old[s]!, rid);
    }
  }
}
