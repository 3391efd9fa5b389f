/**
 * Matching a page's teasers to its headline list. Teasers glue title and snippet together, so a teaser
 * is recovered by the headline it starts with, compared as folded text; a teaser that starts with no
 * headline is split by `splitTeaser`'s documented heuristic.
 *
 * Everything here is linear in its input: a teaser is matched through indexes of the headlines'
 * strings and folded keys (`TeaserMatcher`), never against every headline in turn.
 */
import { codePointPrefix, nextCodePoint } from '../text/chars.js';
import { foldKey } from '../text/normalize.js';

/**
 * Where `prefix` ends inside `text` when both are folded (width, case, script, punctuation and spaces
 * ignored), or -1 when `text` does not start with it. Returns an index into `text`. Callers matching
 * one text against many prefixes pass the folded forms in (folding is the costly part).
 */
export function foldedPrefixEnd(
  text: string,
  prefix: string,
  foldedText = foldKey(text),
  foldedPrefix = foldKey(prefix),
): number {
  if (text.startsWith(prefix)) return prefix.length;
  if (foldedPrefix === '' || !foldedText.startsWith(foldedPrefix)) return -1;
  // Walk forward until the folded prefix of `text` covers the wanted key (at most a few dozen steps).
  let raw = '';
  for (const ch of text) {
    raw += ch;
    const got = foldKey(raw);
    if (got.length >= foldedPrefix.length) return got.startsWith(foldedPrefix) ? raw.length : -1;
  }
  return -1;
}

export interface TeaserSplit {
  title: string;
  snippet: string;
}

/**
 * Lead-ins that open a news snippet: a date (`9月8日`, `2022年9月8日`) or a time word (`近日`,
 * `日前`, `今年` ...). Seen after a headline's second clause in the archive's teasers.
 */
const LEAD_IN =
  /(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|近期|近年来|今年以来|今年|去年|今天|今日|昨天|昨日|本报讯|据悉|记者从/u;
const CLAUSE_PUNCT = /[,，。:：;；!！?？]/u;

/**
 * Split a teaser whose title is in no headline. The heuristic, in order:
 * 1. Headlines here are two clauses joined by a space (`东莞整治各类交通违法 进一步筑牢交通安全防线`),
 *    and the snippet usually opens with a date or time word (`近日,`, `9月8日,`). If such a lead-in
 *    starts after the space (leaving a second clause of at least two characters) and before the
 *    snippet's first punctuation, the title ends there.
 * 2. Otherwise, with a space in the first 40 characters, the title is the first clause (a complete
 *    headline on its own) and the snippet is everything after the space.
 * 3. Otherwise the title is the text before the first punctuation, if that is 4 to 40 characters.
 * 4. Otherwise the title is the first 30 characters and the snippet the whole teaser.
 * The snippet keeps its trailing `...`, as teasers matched through a headline do: it is cut off.
 */
export function splitTeaser(teaser: string): TeaserSplit {
  const text = teaser.trim();
  const clean = (s: string): string => s.trim();
  const space = text.search(/\s/);
  if (space > 0 && space <= 40) {
    const after = text.slice(space + 1);
    const punct = after.search(CLAUSE_PUNCT);
    const window = punct >= 0 ? after.slice(0, punct) : after;
    const lead = LEAD_IN.exec(window);
    if (lead && lead.index >= 2) {
      const cut = space + 1 + lead.index;
      return { title: text.slice(0, cut).trim(), snippet: clean(text.slice(cut)) };
    }
    return { title: text.slice(0, space).trim(), snippet: clean(after) };
  }
  const punct = text.search(CLAUSE_PUNCT);
  if (punct >= 4 && punct <= 40) {
    return { title: text.slice(0, punct).trim(), snippet: clean(text.slice(punct + 1)) };
  }
  return { title: codePointPrefix(text, 30).trim(), snippet: clean(text) };
}

/**
 * Whether the line ends in `..`, `…` or `。。` (what `/\s*(?:\.{2,}|…+|。{2,})$/u` accepts). Checked
 * from the end: the unanchored pattern retried every position of a long run of dots or spaces.
 */
export function endsWithEllipsis(line: string): boolean {
  return line.endsWith('..') || line.endsWith('…') || line.endsWith('。。');
}

/** The strings of one headline that a teaser may start with: the raw line (label first) and its title. */
export interface HeadlineStrings {
  raw: string;
  title: string;
  /** foldKey(raw), foldKey(title). */
  rawKey: string;
  titleKey: string;
}

/**
 * At most this many headlines are compared with one teaser: those whose raw line, title or folded key
 * the teaser starts with, longest first. A normal page has one or two; only a page listing hundreds of
 * variants of one title (same key, different labels, spacing or dates) reaches it.
 */
export const TEASER_CANDIDATES_MAX = 64;

interface PrefixEntry {
  /** Length of the string (code units). */
  depth: number;
  /** Distinct headlines (indexes into `TeaserMatcher.distinct`) with this raw line or title (key). */
  ids: number[];
}

/**
 * A polynomial hash modulo 2^32 (Math.imul: no floating-point remainder per character, which was most
 * of the index's cost) with an odd base chosen per process: no fixed collisions.
 */
const HASH_BASE = (65_537 + Math.floor(Math.random() * 900_000)) | 1;

function hashStep(h: number, c: number): number {
  return (Math.imul(h, HASH_BASE) + c) | 0;
}

/** The hash as kept in a set: 30 bits, a small integer on every V8 build. */
const HASH_KEPT = 0x3fffffff;

/**
 * Headline strings by value. A text's prefixes are hashed as they are read (a rolling hash), and only
 * a prefix whose length and hash occur among the strings is cut out and looked up: a lookup costs the
 * length of the longest string at most (the parser caps titles), allocates nothing when nothing
 * matches, and a hash collision costs one wasted lookup, never a wrong answer.
 */
class PrefixIndex {
  private readonly byString = new Map<string, PrefixEntry>();
  private readonly hashes = new Set<number>();
  /** hasLength[n] = 1: some string is n code units long. */
  private hasLength = new Uint8Array(64);
  private maxLength = 0;

  add(text: string, id: number): void {
    const end = this.byString.get(text);
    if (end) {
      if (end.ids[end.ids.length - 1] !== id) end.ids.push(id);
      return;
    }
    this.byString.set(text, { depth: text.length, ids: [id] });
    let h = 0;
    for (let i = 0; i < text.length; i++) h = hashStep(h, text.charCodeAt(i));
    this.hashes.add(h & HASH_KEPT);
    if (text.length >= this.hasLength.length) {
      const grown = new Uint8Array(Math.max(text.length + 1, this.hasLength.length * 2));
      grown.set(this.hasLength);
      this.hasLength = grown;
    }
    this.hasLength[text.length] = 1;
    this.maxLength = Math.max(this.maxLength, text.length);
  }

  /** Appends the entries of every indexed string `text` starts with, shortest first. */
  prefixEnds(text: string, out: PrefixEntry[]): void {
    const last = Math.min(text.length, this.maxLength);
    let h = 0;
    for (let i = 0; i < last; i++) {
      h = hashStep(h, text.charCodeAt(i));
      if (this.hasLength[i + 1] === 1 && this.hashes.has(h & HASH_KEPT)) {
        const end = this.byString.get(i + 1 === text.length ? text : text.slice(0, i + 1));
        if (end) out.push(end);
      }
    }
  }
}

/**
 * Which headline a teaser starts with, and where its title ends inside the teaser. The answer is the
 * one of comparing the teaser with every headline through `foldedPrefixEnd` (raw line with its label
 * first, then the clean title; the longest cut wins, the earliest headline on ties), but only the
 * headlines whose strings or folded keys are prefixes of the teaser are looked at: they come from two
 * `PrefixIndex`es (raw strings, folded keys), so a teaser costs a bounded number of lookups, not a
 * pass over the list.
 */
export class TeaserMatcher {
  /** Distinct raw lines, and the index of the first headline that has each. */
  private readonly heads: HeadlineStrings[] = [];
  private readonly firstIndex: number[] = [];
  private readonly strings = new PrefixIndex();
  private readonly keys = new PrefixIndex();
  /** seen[id] === stamp: the headline was already compared with the current teaser. */
  private readonly seen: number[] = [];
  private stamp = 0;
  /** Reused between calls: a long list is matched without garbage per teaser. */
  private readonly ends: PrefixEntry[] = [];
  /** The current teaser's fold walk, when one of its keys needed it. */
  private walk: PrefixWalk | undefined;

  constructor(headlines: readonly HeadlineStrings[]) {
    const raws = new Set<string>();
    headlines.forEach((h, index) => {
      // Headlines with the same raw line have the same cut: the earliest wins every tie.
      if (raws.has(h.raw)) return;
      raws.add(h.raw);
      const id = this.heads.length;
      this.heads.push(h);
      this.firstIndex.push(index);
      this.seen.push(0);
      this.strings.add(h.raw, id);
      if (h.title !== h.raw) this.strings.add(h.title, id);
      if (h.rawKey !== '') this.keys.add(h.rawKey, id);
      if (h.titleKey !== '' && h.titleKey !== h.rawKey) this.keys.add(h.titleKey, id);
    });
  }

  get size(): number {
    return this.heads.length;
  }

  /** The headline (its index in the list given) the teaser starts with, and the cut; undefined if none. */
  match(teaser: string, foldedTeaser?: string): { index: number; cut: number } | undefined {
    if (this.heads.length === 0) return undefined;
    const folded = foldedTeaser ?? foldKey(teaser);
    const ends = this.ends;
    ends.length = 0;
    this.strings.prefixEnds(teaser, ends);
    this.keys.prefixEnds(folded, ends);
    if (ends.length === 0) return undefined;
    // Over the budget, longest first, so a crowded short key cannot crowd out a longer, better match.
    let ids = 0;
    for (const end of ends) ids += end.ids.length;
    if (ids > TEASER_CANDIDATES_MAX) ends.sort((a, b) => b.depth - a.depth);
    this.walk = undefined;
    const stamp = ++this.stamp;
    let looked = 0;
    let bestIndex = -1;
    let bestCut = -1;
    for (const { ids } of ends) {
      for (let k = 0; k < ids.length && looked < TEASER_CANDIDATES_MAX; k++) {
        const id = ids[k]!;
        if (this.seen[id] === stamp) continue;
        this.seen[id] = stamp;
        looked++;
        const h = this.heads[id]!;
        let cut = this.prefixEnd(teaser, folded, h.raw, h.rawKey);
        if (cut <= 0) cut = this.prefixEnd(teaser, folded, h.title, h.titleKey);
        const index = this.firstIndex[id]!;
        if (cut > bestCut || (cut === bestCut && cut > 0 && index < bestIndex)) {
          bestIndex = index;
          bestCut = cut;
        }
      }
    }
    ends.length = 0;
    this.walk = undefined;
    return bestCut > 0 ? { index: bestIndex, cut: bestCut } : undefined;
  }

  /** foldedPrefixEnd(teaser, prefix, folded, key); the walk is made only when a key needs it. */
  private prefixEnd(teaser: string, folded: string, prefix: string, key: string): number {
    if (teaser.startsWith(prefix)) return prefix.length;
    if (key === '' || !folded.startsWith(key)) return -1;
    this.walk ??= new PrefixWalk(teaser);
    return this.walk.shortestReaching(key);
  }
}

/**
 * `foldedPrefixEnd` for one text and many prefixes. Where the raw prefix differs from the text, the
 * old walk folded the text's prefixes one character longer at a time until the fold reached the key's
 * length (quadratic in the title, and repeated per headline); here the shortest prefix reaching a
 * length is found by galloping and bisection over prefix lengths and remembered per length. Same
 * answer whenever a longer prefix never folds to a shorter key, which holds for all text except a few
 * multi-character phrase conversions that shorten when completed.
 */
class PrefixWalk {
  /** Code-unit offset after each code point of the text (offsets[k] = length of the first k+1). */
  private offsets: number[] | undefined;
  /** Folds of prefixes by their length in code points; answers by key length. */
  private readonly folds = new Map<number, string>();
  private readonly answers = new Map<number, number>();

  constructor(private readonly text: string) {}

  /**
   * Where the shortest prefix whose fold is at least as long as `key` ends, if that fold starts with
   * `key` (the text's whole fold does), else -1. Keys reaching here are prefixes of the text's fold,
   * so one answer per key length.
   */
  shortestReaching(key: string): number {
    let answer = this.answers.get(key.length);
    if (answer === undefined) {
      answer = this.search(key);
      this.answers.set(key.length, answer);
    }
    return answer;
  }

  private foldOf(points: number): string {
    let got = this.folds.get(points);
    if (got === undefined) {
      got = foldKey(this.text.slice(0, this.offsets![points - 1]));
      this.folds.set(points, got);
    }
    return got;
  }

  private search(key: string): number {
    if (!this.offsets) {
      this.offsets = [];
      for (let i = 0; i < this.text.length;) {
        i = nextCodePoint(this.text, i);
        this.offsets.push(i);
      }
    }
    const n = this.offsets.length;
    const want = key.length;
    // Gallop up from the key's length to a prefix that reaches it, then bisect below that.
    let lo = 0; // prefixes of lo code points or fewer do not reach `want` (0: the empty prefix)
    let hi = Math.min(n, Math.max(1, want));
    while (this.foldOf(hi).length < want) {
      if (hi === n) return -1;
      lo = hi;
      hi = Math.min(n, hi * 2);
    }
    // Most often the prefix one code point shorter falls short: no bisection needed.
    if (hi - lo > 1 && this.foldOf(hi - 1).length < want) lo = hi - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.foldOf(mid).length >= want) hi = mid;
      else lo = mid;
    }
    return this.foldOf(hi).startsWith(key) ? this.offsets[hi - 1]! : -1;
  }
}
