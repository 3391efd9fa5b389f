/**
 * Which headline of a page is the page's own article. A page never says; no single measure tells on
 * every site (a bigram threshold set from one page missed a quarter of the pages of others), so each
 * headline is scored on several cues together, and the cues that chose it are recorded:
 * - `clause`: a clause of the headline (split at a space or punctuation) equals, folded, a clause of
 *   a body heading or of the body's first line — own headlines often reappear as section headings;
 * - `run`: the longest run of characters the headline shares with the body (4 or more), longer than
 *   any other headline's;
 * - `overlap`: the share of the headline's character bigrams found in the body;
 * - `position`: the first entry after those the page's teasers link to;
 * - `latest`: the latest time in the list.
 * With no convincing score the caller keeps a provisional title from the body (see parse-page.ts).
 */
import type { Block, TextTitleCue, TitleCue } from '../model.js';
import { codePointCount } from '../text/chars.js';
import { HashTable16 } from './hash-table.js';
import { bestTitleMatch, MAIN_TITLE_MIN_SCORE, matchKey as key } from './match.js';

export type { TitleCue } from '../model.js';

export interface TitleCandidate {
  title: string;
  publishedAt: string;
}

export interface TitleChoice {
  /** Index of the own headline, -1 when no candidate convinces. */
  index: number;
  /** The cues that spoke for it, strongest first. */
  cues: TitleCue[];
}

/** Characters of the body's start looked at for runs and clauses (a title speaks early). */
const BODY_WINDOW = 20_000;
const MIN_RUN = 4;
/** Blocks looked at for headings (a long body's later headings say nothing more about its title). */
const MAX_HEADINGS = 200;
const MIN_CLAUSE = 4;
/** A reworded clause: most of its bigrams in a body clause at most this many characters longer or shorter. */
const MIN_CLAUSE_SHARE = 0.75;
const CLAUSE_SLACK = 4;

const WEIGHT: Record<TextTitleCue, number> = { clause: 4, run: 2, overlap: 3, position: 1, latest: 1 };
/** A choice needs this score, and this lead over the runner-up, unless the bigram overlap alone
 * clears the old threshold (which every page that chose right before still does). */
const MIN_SCORE = 3;
const MIN_LEAD = 1;

const CLAUSE_SPLIT = /[\s,，、:：;；!！?？·•|｜—–-]+/u;

function clauses(text: string): string[] {
  return text
    .split(CLAUSE_SPLIT)
    .map(key)
    .filter((c) => codePointCount(c) >= MIN_CLAUSE);
}

/**
 * How well the headline's best clause matches a clause of the body's headings or first line: 1 when
 * equal, else the share of its bigrams found in a body clause of about its length (a heading the
 * site reworded by a word or two). A share below MIN_CLAUSE_SHARE says nothing, so a body clause
 * is left as soon as it can no longer reach it, and such a share may come out lower than it is.
 */
function clauseMatch(titleClauses: string[], bodyClauses: Map<string, Set<string>>): number {
  let best = 0;
  for (const c of titleClauses) {
    if (bodyClauses.has(c)) return 1;
    // Made for the first body clause of about its length (most have none).
    let want: Set<string> | undefined;
    for (const [b, have] of bodyClauses) {
      if (b.length > c.length + CLAUSE_SLACK || b.length < c.length - CLAUSE_SLACK) continue;
      want ??= bigramsOf(c);
      let hit = 0;
      // The most hits this clause can still reach: one fewer with every miss.
      let most = want.size;
      for (const g of want) {
        if (have.has(g)) hit++;
        else if (--most / want.size < MIN_CLAUSE_SHARE) break;
      }
      best = Math.max(best, hit / want.size);
    }
  }
  return best;
}

function bigramsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

/** The hashes of a page's titles' 4-character windows: IN_TITLE, or IN_BODY once the body has one. */
const titleWindows = new HashTable16();
const IN_TITLE = 1;
const IN_BODY = 2;

/** The MIN_RUN code units of `text` from `i`, to 16 bits. */
function windowHash(text: string, i: number): number {
  let h = Math.imul(text.charCodeAt(i), 0x2c1b3c6d);
  h = Math.imul(h ^ text.charCodeAt(i + 1), 0x297a2d39);
  h = Math.imul(h ^ text.charCodeAt(i + 2), 0x6ad3a3b5);
  h = Math.imul(h ^ text.charCodeAt(i + 3), 0x5bd1e995);
  return h >>> 16;
}

/**
 * Length of the longest run of `title` whose every 4-character window occurs in the body's start.
 * Windows are looked up, never searched for: the cost is the title's length, whatever the body holds
 * (a run of windows from different places counts too; as a cue that is close enough).
 */
function longestRun(title: string, grams: Set<string>): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i + MIN_RUN <= title.length; i++) {
    // A window whose hash the body's start never had is not there: no string made for it.
    const there =
      titleWindows.get(windowHash(title, i)) === IN_BODY && grams.has(title.slice(i, i + MIN_RUN));
    run = there ? run + 1 : 0;
    if (run > 0) best = Math.max(best, run + MIN_RUN - 1);
  }
  return best;
}

export function chooseOwnTitle(
  candidates: TitleCandidate[],
  blocks: Block[],
  teaserLinked: ReadonlySet<number>,
): TitleChoice {
  if (candidates.length === 0 || blocks.length === 0) return { index: -1, cues: [] };
  const bodyText = blocks.map((b) => b.text).join('\n');
  // Folded once: the bigram overlap and the runs read the same key.
  const bodyKey = key(bodyText);
  const titles = candidates.map((c) => c.title);
  // A list may repeat one title many times (at other times): each distinct title is folded once.
  const keyOf = new Map<string, string>();
  const titleKeys = titles.map((t) => {
    let k = keyOf.get(t);
    if (k === undefined) keyOf.set(t, (k = key(t)));
    return k;
  });
  const {
    score: bestOverlap,
    index: overlapIndex,
    scores,
  } = bestTitleMatch(titles, bodyText, bodyKey, titleKeys);

  // Only the body's 4-character windows that may be one of the titles' are kept: a table of the
  // hashes of the titles' windows filters the rest out before any string is made. A window kept by
  // a collision is harmless: runs only look up the titles' own windows.
  titleWindows.clear();
  for (const t of titleKeys)
    for (let i = 0; i + MIN_RUN <= t.length; i++) titleWindows.set(windowHash(t, i), IN_TITLE);
  const windowEnd = Math.min(bodyKey.length, BODY_WINDOW);
  const grams = new Set<string>();
  for (let i = 0; i + MIN_RUN <= windowEnd; i++) {
    const h = windowHash(bodyKey, i);
    if (titleWindows.get(h) < 0) continue;
    titleWindows.set(h, IN_BODY);
    grams.add(bodyKey.slice(i, i + MIN_RUN));
  }
  const bodyClauses = new Map<string, Set<string>>();
  const addClause = (c: string): void => void bodyClauses.set(c, bigramsOf(c));
  // Headings by their clauses; the first line only whole (a clause inside the lede's sentence may
  // well be another story's headline).
  for (const b of blocks.slice(0, MAX_HEADINGS))
    if (b.type === 'heading') for (const c of clauses(b.text)) addClause(c);
  const firstLine = key(blocks[0]!.text);
  if (codePointCount(firstLine) >= MIN_CLAUSE) addClause(firstLine);

  // A list may repeat one title many times (at other times): each distinct title is measured once.
  const measured = new Map<string, { run: number; clause: number }>();
  const measure = (i: number): { run: number; clause: number } => {
    const title = candidates[i]!.title;
    let m = measured.get(title);
    if (!m) {
      m = { run: longestRun(titleKeys[i]!, grams), clause: clauseMatch(clauses(title), bodyClauses) };
      measured.set(title, m);
    }
    return m;
  };
  const runs = candidates.map((_, i) => measure(i).run);
  const longest = Math.max(...runs);
  const runWinner =
    longest >= MIN_RUN && runs.filter((r) => r === longest).length === 1 ? runs.indexOf(longest) : -1;
  let afterTeasers = 0;
  for (const i of teaserLinked) afterTeasers = Math.max(afterTeasers, i + 1);
  const times = candidates.map((c) => Date.parse(c.publishedAt));
  const latestTime = Math.max(...times);
  const latest = times.filter((t) => t === latestTime).length === 1 ? times.indexOf(latestTime) : -1;

  const scored = candidates.map((c, i) => {
    const cues: TextTitleCue[] = [];
    const clauseShare = measure(i).clause;
    if (clauseShare >= MIN_CLAUSE_SHARE) cues.push('clause');
    if (i === runWinner) cues.push('run');
    if (scores[i]! >= MAIN_TITLE_MIN_SCORE) cues.push('overlap');
    if (i === afterTeasers && !teaserLinked.has(i)) cues.push('position');
    if (i === latest) cues.push('latest');
    let score = scores[i]! * WEIGHT.overlap;
    for (const cue of cues)
      if (cue !== 'overlap') score += WEIGHT[cue] * (cue === 'clause' ? clauseShare : 1);
    return { i, cues, score };
  });
  const ranked = scored.sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  if (!first) return { index: -1, cues: [] };
  const lead = first.score - (second?.score ?? 0);
  // What the bigram overlap alone chose before these cues existed still stands when nothing outranks it.
  const overlapAlone = first.i === overlapIndex && bestOverlap >= MAIN_TITLE_MIN_SCORE && lead > 0;
  if ((first.score >= MIN_SCORE && lead >= MIN_LEAD) || overlapAlone)
    return { index: first.i, cues: first.cues };
  return { index: -1, cues: [] };
}
