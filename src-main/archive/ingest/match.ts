/**
 * Matching a page's parts to its headline list. A page never states which headline is its own
 * article, and teasers glue title and snippet together, so both are recovered by comparing folded text:
 * the main article by character-bigram overlap with the body, a teaser by the headline it starts with.
 * A teaser that starts with no headline is split by `splitTeaser`'s documented heuristic.
 *
 * Everything here is linear in its input: a teaser is matched through tries of the headlines' strings
 * and folded keys (`TeaserMatcher`), never against every headline in turn.
 */
import { codePointPrefix, nextCodePoint } from '../text/chars.js';
import { foldFast, foldKey } from '../text/normalize.js';

/** Character bigrams of the folded key (single characters for one-character keys). */
export function bigrams(text: string): Set<string> {
  const chars = [...foldKey(text)];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Share of the title's bigrams found in the body: 1 when every pair of characters occurs there. */
export function overlapScore<T>(title: Set<T>, body: Set<T>): number {
  if (title.size === 0) return 0;
  let hit = 0;
  for (const g of title) if (body.has(g)) hit++;
  return hit / title.size;
}

/**
 * Below this share a headline is not the body's title. The seed's own title scores 0.78 while the best
 * other headline scores 0.33; titles of a story share most of their character pairs with its text.
 */
export const MAIN_TITLE_MIN_SCORE = 0.5;

const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/** Folded with foldFast (opencc only for text with a Traditional character): a score can afford it. */
function matchKey(text: string): string {
  return foldFast(text).replace(SEPARATORS, '');
}

/** Bigram codes of a key (the lone character for a one-character key). */
function keyCodes(key: string): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < key.length;) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (prev >= 0) out.push(prev * 0x110000 + cp);
    else if (i >= key.length) out.push(cp);
    prev = cp;
  }
  return out;
}

/** Index of the candidate whose bigrams best cover the body, or -1 when none reaches the threshold. */
export function bestTitleMatch(candidates: string[], bodyText: string): { index: number; score: number } {
  // Only the titles' few hundred bigrams are looked up in the body (a set of the body's thousands of
  // bigrams per page was most of the parse), with a per-character filter before the hash lookup.
  const titles = candidates.map((t) => new Set(keyCodes(matchKey(t))));
  const wanted = new Set<number>();
  const firstChar = new Uint8Array(0x10000);
  for (const set of titles) {
    for (const c of set) {
      wanted.add(c);
      firstChar[Math.floor(c / 0x110000) & 0xffff] = 1;
    }
  }
  const key = matchKey(bodyText);
  // A one-character body is its own (unigram) code, as for titles.
  const single = key.length <= 2 && [...key].length === 1;
  const body = new Set<number>(single ? keyCodes(key) : []);
  let prev = -1;
  for (let i = 0; i < key.length && !single;) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (prev >= 0 && firstChar[prev & 0xffff]) {
      const c = prev * 0x110000 + cp;
      if (wanted.has(c)) body.add(c);
    }
    prev = cp;
  }
  let index = -1;
  let score = 0;
  titles.forEach((set, i) => {
    const s = overlapScore(set, body);
    const title = candidates[i]!;
    // Ties go to the longer title: more evidence for the same share.
    if (s > score || (s === score && index >= 0 && title.length > candidates[index]!.length)) {
      index = i;
      score = s;
    }
  });
  return score >= MAIN_TITLE_MIN_SCORE ? { index, score } : { index: -1, score };
}

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

interface TrieEnd {
  /** Length of the strings ending here (code units). */
  depth: number;
  /** Distinct headline strings (indexes into `TeaserMatcher.distinct`) ending at this node. */
  asRaw: number[];
  asTitle: number[];
}

/** A trie over UTF-16 code units: one map of edges keyed `node * 65536 + code`, ends by node. */
class Trie {
  private readonly edges = new Map<number, number>();
  private nodes = 1;
  readonly ends = new Map<number, TrieEnd>();

  add(text: string, id: number, as: 'asRaw' | 'asTitle'): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const key = node * 65536 + text.charCodeAt(i);
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.nodes++;
        this.edges.set(key, child);
      }
      node = child;
    }
    let end = this.ends.get(node);
    if (!end) {
      end = { depth: text.length, asRaw: [], asTitle: [] };
      this.ends.set(node, end);
    }
    const list = end[as];
    if (list[list.length - 1] !== id) list.push(id);
  }

  /** The ends passed while reading `text` from its start. */
  prefixEnds(text: string): TrieEnd[] {
    const out: TrieEnd[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const child = this.edges.get(node * 65536 + text.charCodeAt(i));
      if (child === undefined) break;
      node = child;
      const end = this.ends.get(node);
      if (end) out.push(end);
    }
    return out;
  }
}

/**
 * Which headline a teaser starts with, and where its title ends inside the teaser. The answer is the
 * one of comparing the teaser with every headline through `foldedPrefixEnd` (raw line with its label
 * first, then the clean title; the longest cut wins, the earliest headline on ties), but only the
 * headlines whose strings or folded keys are prefixes of the teaser are looked at: they come from two
 * tries (raw strings, folded keys), so a teaser costs its own length, not the length of the list.
 */
export class TeaserMatcher {
  /** Distinct raw lines, with the index of the first headline that has each. */
  private readonly distinct: (HeadlineStrings & { index: number })[] = [];
  private readonly strings = new Trie();
  private readonly keys = new Trie();

  constructor(headlines: readonly HeadlineStrings[]) {
    const seen = new Set<string>();
    headlines.forEach((h, index) => {
      // Headlines with the same raw line have the same cut: the earliest wins every tie.
      if (seen.has(h.raw)) return;
      seen.add(h.raw);
      const id = this.distinct.length;
      this.distinct.push({ ...h, index });
      this.strings.add(h.raw, id, 'asRaw');
      this.strings.add(h.title, id, 'asTitle');
      if (h.rawKey !== '') this.keys.add(h.rawKey, id, 'asRaw');
      if (h.titleKey !== '') this.keys.add(h.titleKey, id, 'asTitle');
    });
  }

  get size(): number {
    return this.distinct.length;
  }

  /** The headline (its index in the list given) the teaser starts with, and the cut; undefined if none. */
  match(teaser: string, folded = foldKey(teaser)): { index: number; cut: number } | undefined {
    if (this.distinct.length === 0) return undefined;
    const ends = [...this.strings.prefixEnds(teaser), ...this.keys.prefixEnds(folded)];
    if (ends.length === 0) return undefined;
    const candidates = new Set<number>();
    // Longest first, so a crowded short key cannot crowd out a longer, better match.
    ends.sort((a, b) => b.depth - a.depth);
    for (const end of ends) {
      for (const id of [...end.asRaw, ...end.asTitle]) {
        if (candidates.size >= TEASER_CANDIDATES_MAX) break;
        candidates.add(id);
      }
    }
    const walk = new PrefixWalk(teaser, folded);
    let best: { index: number; cut: number } | undefined;
    for (const id of candidates) {
      const h = this.distinct[id]!;
      let cut = walk.prefixEnd(h.raw, h.rawKey);
      if (cut <= 0) cut = walk.prefixEnd(h.title, h.titleKey);
      if (cut > 0 && (!best || cut > best.cut || (cut === best.cut && h.index < best.index))) {
        best = { index: h.index, cut };
      }
    }
    return best;
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
  private readonly folds = new Map<number, string>();
  private readonly answers = new Map<number, number>();

  constructor(
    private readonly text: string,
    private readonly folded: string,
  ) {}

  prefixEnd(prefix: string, key: string): number {
    if (this.text.startsWith(prefix)) return prefix.length;
    if (key === '' || !this.folded.startsWith(key)) return -1;
    let answer = this.answers.get(key.length);
    if (answer === undefined) {
      answer = this.shortestReaching(key);
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

  private shortestReaching(key: string): number {
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
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.foldOf(mid).length >= want) hi = mid;
      else lo = mid;
    }
    return this.foldOf(hi).startsWith(key) ? this.offsets[hi - 1]! : -1;
  }
}
