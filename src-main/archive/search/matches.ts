/**
 * A query's matches and their tiers. Held as parallel arrays (doc, tier, sub): a common query matches
 * a third of a large archive, and an object per match was its largest cost and garbage; objects are
 * made only for the page shown (see search-order.ts).
 *
 * A match whose title (or snippet) holds every token of a query of several tokens may hold the phrase
 * there, or only its pieces: telling them apart takes the doc's strings, which live on disk. The tier
 * is first taken as the best it can be and marked unsettled; it is settled (the strings read) only for
 * the matches that reach the page shown, or all of them for a full ordering. A settled tier is never
 * higher, so a page of settled matches is the page an eager check would give.
 */
export const TIER = {
  titlePhrase: 6,
  titleTerms: 5,
  titlePinyin: 4.8,
  titleInitials: 4.5,
  snippetPhrase: 4,
  snippetTerms: 3.5,
  body: 3,
  fuzzy: 1,
} as const;

/** What is left to check of a match: its title holds every token (1), its snippet does (2). */
export const CHECK = { title: 1, snippet: 2 } as const;

export interface Match {
  d: number;
  tier: number;
  /** Order inside a tier (fuzzy closeness); 0 for exact tiers, which fall back to recency. */
  sub: number;
  /** Its position in the Matches it came from. */
  i: number;
}

/**
 * Slots kept from one query to the next: 4 million, 88 MB at most. At a million pages a common query
 * has over a million matches, and making their arrays anew at each query (doubling from 64) cost
 * about 50 ms of a 200–300 ms query on the bench machine, where memory first touched is slow.
 */
const KEPT = 1 << 22;

export class Matches {
  // Typed arrays grown by doubling: a common query pushes hundreds of thousands of matches, and
  // plain arrays of numbers were much of its time and garbage. Valid up to `length`.
  d = new Uint32Array(64);
  tier = new Float64Array(64);
  sub = new Float64Array(64);
  /** Per match, what is left to check (CHECK bits); 0 once its tier is settled. */
  check = new Uint8Array(64);
  length = 0;
  /** The exact tier of doc d from what is left to check (set by the engine for its query). */
  settler: ((d: number, check: number) => number) | undefined;

  /** Adds a match; returns the new length (1 + its position). */
  push(d: number, tier: number, sub: number, check = 0): number {
    const i = this.length;
    if (i === this.d.length) this.#grow(i * 2);
    this.d[i] = d;
    this.tier[i] = tier;
    this.sub[i] = sub;
    this.check[i] = check;
    return ++this.length;
  }

  /** Room for `n` matches, made at once rather than by doubling (at most KEPT ahead: a bound, not a count). */
  reserve(n: number): void {
    const cap = Math.min(n, KEPT);
    if (cap > this.d.length) this.#grow(cap);
  }

  /** Empty again (the arrays are kept up to KEPT slots; a larger set's go with it). */
  clear(): void {
    this.length = 0;
    if (this.d.length > KEPT) {
      this.d = new Uint32Array(64);
      this.tier = new Float64Array(64);
      this.sub = new Float64Array(64);
      this.check = new Uint8Array(64);
    }
  }

  #grow(cap: number): void {
    const grow = <T extends Uint32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(a as never);
      return next;
    };
    this.d = grow(this.d, (n) => new Uint32Array(n));
    this.tier = grow(this.tier, (n) => new Float64Array(n));
    this.sub = grow(this.sub, (n) => new Float64Array(n));
    this.check = grow(this.check, (n) => new Uint8Array(n));
  }

  at(i: number): Match {
    return { d: this.d[i]!, tier: this.tier[i]!, sub: this.sub[i]!, i };
  }

  /** Settle match i's tier (reading its strings); returns whether it was unsettled. */
  settle(i: number): boolean {
    const check = this.check[i]!;
    if (!check) return false;
    this.tier[i] = this.settler!(this.d[i]!, check);
    this.check[i] = 0;
    return true;
  }

  settleAll(): void {
    for (let i = 0; i < this.length; i++) if (this.check[i]) this.settle(i);
  }
}
