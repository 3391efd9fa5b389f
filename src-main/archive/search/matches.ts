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

export class Matches {
  readonly d: number[] = [];
  readonly tier: number[] = [];
  readonly sub: number[] = [];
  /** Per match, what is left to check (CHECK bits); 0 once its tier is settled. */
  readonly check: number[] = [];
  /** The exact tier of doc d from what is left to check (set by the engine for its query). */
  settler: ((d: number, check: number) => number) | undefined;

  get length(): number {
    return this.d.length;
  }

  /** Adds a match; returns the new length (1 + its position). */
  push(d: number, tier: number, sub: number, check = 0): number {
    this.tier.push(tier);
    this.sub.push(sub);
    this.check.push(check);
    return this.d.push(d);
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
    for (let i = 0; i < this.d.length; i++) if (this.check[i]) this.settle(i);
  }
}
