/**
 * The saved-page format (design: The input): a main article's body, then teaser blocks (headline glued
 * to a snippet ending in `...`), then headline blocks (title line + `YYYY-MM-DD HH:MM:SS` in China
 * Standard Time), blocks separated by a `-` line. This module turns a page's text into the articles it
 * holds; it never throws, and a text that is neither an article nor a headline list gets a reason.
 *
 * Hostile text (issue #18) costs time linear in its size: markup is stripped by `indexOf` scans,
 * teasers find their headline by keyed lookups (`TeaserMatcher`) instead of a pass over the whole list,
 * and no pattern backtracks over a long run. The limits below bound what one page may hold; a page
 * beyond one is rejected whole with a reason (`too large: …`), never imported half-done.
 */
import {
  codePointCount,
  codePointPrefix,
  hasMoreCodePoints,
  isSpaceCode,
  nextCodePoint,
} from '../text/chars.js';
import { foldKey } from '../text/normalize.js';
import { bodySnippet, buildBody, hanStats, type Body } from './body.js';
import { looksLikeHtml, stripHtml } from './html.js';
import { splitLabel } from './labels.js';
import { endsWithEllipsis, splitTeaser, TeaserMatcher } from './teaser-match.js';
import { chooseOwnTitle } from './title-cues.js';
import type { ParsedArticle, ParseResult } from './parsed-page.js';
import {
  MAX_BODY_CHARS,
  MAX_HEADLINES,
  MAX_STRAYS_MATCHED,
  MAX_TEASERS,
  NOT_TEXT,
  SPACE_CONTROLS,
  TEASER_MAX_CHARS,
  TITLE_MAX_CHARS,
} from './page-limits.js';

export type { ParsedArticle, ParsedPage, ParseResult } from './parsed-page.js';
export {
  MAX_BODY_CHARS,
  MAX_HEADLINES,
  MAX_STRAYS_MATCHED,
  MAX_TEASERS,
  TEASER_MAX_CHARS,
  TITLE_MAX_CHARS,
} from './page-limits.js';

/** `-`, `—`, `--`, `——` and similar, alone on a line (surrounding spaces were trimmed). */
const SEPARATOR = /^[-—–－―‐]{1,3}$/u;
/** A date line, `YYYY-MM-DD HH:MM(:SS)` (`/` or `.` between date parts, `T` before the time): */
// /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?$/, read by parseTime.

/** A body must read as Chinese prose: this many Han characters, at least this share of the text. */
const BODY_MIN_HAN = 20;
const BODY_MIN_HAN_RATIO = 0.3;
/** Longest title taken from an article's own first sentence when the page names none. */
const INFERRED_TITLE_MAX = 40;

interface Item {
  text: string;
  /** Set on date lines: the time as ISO 8601. */
  publishedAt?: string;
  /** A separator line came before this line (since the previous non-blank line). */
  afterSep: boolean;
}

interface Headline {
  raw: string;
  title: string;
  label?: string;
  publishedAt: string;
  /** Folded keys of the raw line and of the clean title, computed once per page. */
  rawKey: string;
  titleKey: string;
}

export function parsePage(text: string): ParseResult {
  try {
    return parse(text);
  } catch (err) {
    // Defensive: a parser bug must cost one file, never the import.
    return { ok: false, reason: `could not parse: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function parse(input: string): ParseResult {
  if (typeof input !== 'string') return { ok: false, reason: 'not text' };
  // Decoded text has no CR left: searched for, not replaced, there.
  let text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  if (looksLikeHtml(text)) text = stripHtml(text);
  // After markup: an entity may have decoded to one of them (raw bytes can carry them too).
  text = text.replace(NOT_TEXT, '').replace(SPACE_CONTROLS, ' ');

  const items: Item[] = [];
  let pendingSep = false;
  for (const raw of text.split('\n')) {
    // trim() only where there is something to trim (it copies the line): a page has many thousands.
    const line =
      raw !== '' && !isSpaceCode(raw.charCodeAt(0)) && !isSpaceCode(raw.charCodeAt(raw.length - 1))
        ? raw
        : raw.trim();
    if (line === '') continue;
    if (line.length <= 3 && SEPARATOR.test(line)) {
      pendingSep = true;
      continue;
    }
    const publishedAt = parseTime(line);
    items.push(
      publishedAt ? { text: line, publishedAt, afterSep: pendingSep } : { text: line, afterSep: pendingSep },
    );
    pendingSep = false;
  }
  if (items.length === 0) return { ok: false, reason: 'not the page format: no text' };

  // The body is everything before the first separator, less any entries that follow it unseparated.
  let bodyEnd = items.findIndex((it) => it.afterSep);
  if (bodyEnd < 0) bodyEnd = items.length;
  bodyEnd = trailingEntriesStart(items, bodyEnd);

  let bodyChars = 0;
  for (let i = 0; i < bodyEnd; i++) bodyChars += items[i]!.text.length;
  if (bodyChars > MAX_BODY_CHARS) {
    bodyChars = 0;
    for (let i = 0; i < bodyEnd; i++) bodyChars += codePointCount(items[i]!.text);
    if (bodyChars > MAX_BODY_CHARS) {
      return {
        ok: false,
        reason: `too large: article body of ${count(bodyChars)} characters > ${count(MAX_BODY_CHARS)}`,
      };
    }
  }

  let skipped = 0;
  const entries: { raw: string; publishedAt: string }[] = [];
  const teasers: string[] = [];
  const strays: string[] = [];
  for (let i = bodyEnd; i < items.length;) {
    const it = items[i]!;
    const next = items[i + 1];
    if (!it.publishedAt && next?.publishedAt && !next.afterSep && isTitleLine(it.text)) {
      entries.push({ raw: it.text, publishedAt: next.publishedAt });
      i += 2;
      continue;
    }
    if (it.publishedAt || hasMoreCodePoints(it.text, TEASER_MAX_CHARS)) skipped++;
    else if (endsWithEllipsis(it.text)) teasers.push(it.text);
    else strays.push(it.text);
    i++;
  }
  if (entries.length > MAX_HEADLINES) {
    return { ok: false, reason: `too large: ${count(entries.length)} headlines > ${count(MAX_HEADLINES)}` };
  }
  const tooManyTeasers = (): ParseResult => ({
    ok: false,
    reason: `too large: ${count(teasers.length)} teasers > ${count(MAX_TEASERS)}`,
  });
  if (teasers.length > MAX_TEASERS) return tooManyTeasers();

  const headlines: Headline[] = [];
  // Times seen per folded title: the same entry twice in one list is one article.
  const seen = new Map<string, string | Set<string>>();
  for (const { raw, publishedAt } of entries) {
    const { title, label } = splitLabel(raw);
    const titleKey = foldKey(title);
    const times = seen.get(titleKey);
    if (times === publishedAt || (typeof times === 'object' && times.has(publishedAt))) continue;
    if (times === undefined) seen.set(titleKey, publishedAt);
    else if (typeof times === 'string') seen.set(titleKey, new Set([times, publishedAt]));
    else times.add(publishedAt);
    const h: Headline = {
      raw,
      title,
      publishedAt,
      rawKey: raw === title ? titleKey : foldKey(raw),
      titleKey,
    };
    if (label) h.label = label;
    headlines.push(h);
  }
  const matcher = new TeaserMatcher(headlines);
  // A line without `...` that starts with a known headline is still a teaser (some sites drop the dots).
  for (let n = 0; n < strays.length; n++) {
    if (n === MAX_STRAYS_MATCHED) {
      skipped += strays.length - n;
      break;
    }
    const line = strays[n]!;
    if (matcher.match(line)) {
      teasers.push(line);
      if (teasers.length > MAX_TEASERS) return tooManyTeasers();
    } else skipped++;
  }

  const bodyLines = items.slice(0, bodyEnd).map((it) => it.text);
  let body: Body | undefined;
  if (bodyLines.length > 0) {
    const stats = hanStats(bodyLines.join(''));
    if (stats.han >= BODY_MIN_HAN && stats.ratio >= BODY_MIN_HAN_RATIO) body = buildBody(bodyLines);
    else skipped += bodyLines.length;
  }
  if (body && body.blocks.length === 0) body = undefined;
  if (!body && headlines.length === 0 && teasers.length === 0) {
    return { ok: false, reason: 'not the page format: neither an article body nor a headline list' };
  }

  const taken = new Map<number, ParsedArticle>();
  const articles: ParsedArticle[] = [];
  const teaserMatches = teasers.map((t) => matcher.match(t));
  if (body) {
    const linked = new Set<number>();
    for (const m of teaserMatches) if (m) linked.add(m.index);
    const { index, cues } = chooseOwnTitle(headlines, body.blocks, linked);
    const full: ParsedArticle =
      index >= 0 ? { ...fromHeadline(headlines[index]!), kind: 'full', titleCue: cues } : inferTitle(body);
    full.blocks = full.blocks ?? body.blocks;
    if (body.byline) full.byline = body.byline;
    const snippet = bodySnippet(full.blocks);
    if (snippet) full.snippet = snippet;
    if (index >= 0) taken.set(index, full);
    articles.push(full);
  }
  for (const [t, teaser] of teasers.entries()) {
    const { index: best, cut } = teaserMatches[t] ?? { index: -1, cut: -1 };
    if (best >= 0) {
      if (taken.has(best)) continue; // the story is already here (as the main article or an earlier teaser)
      const brief: ParsedArticle = { ...fromHeadline(headlines[best]!), kind: 'brief' };
      const snippet = teaser.slice(cut).trim();
      if (snippet) brief.snippet = snippet;
      taken.set(best, brief);
      articles.push(brief);
    } else {
      const split = splitTeaser(teaser);
      const { title, label } = splitLabel(split.title);
      const brief: ParsedArticle = { title, kind: 'brief', titleInferred: true };
      if (label) brief.label = label;
      if (split.snippet) brief.snippet = split.snippet;
      articles.push(brief);
    }
  }
  headlines.forEach((h, i) => {
    if (!taken.has(i)) articles.push({ ...fromHeadline(h), kind: 'headline' });
  });
  return { ok: true, page: skipped > 0 ? { articles, skipped } : { articles } };
}

/** `1,000,000`: counts in reasons. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

function isTitleLine(line: string): boolean {
  return !hasMoreCodePoints(line, TITLE_MAX_CHARS);
}

function isTeaserLine(line: string): boolean {
  return !hasMoreCodePoints(line, TEASER_MAX_CHARS) && endsWithEllipsis(line);
}

function fromHeadline(h: Headline): Omit<ParsedArticle, 'kind'> {
  return h.label
    ? { title: h.title, label: h.label, publishedAt: h.publishedAt }
    : { title: h.title, publishedAt: h.publishedAt };
}

/**
 * A body the headline list does not name (or a page without one): its title comes from its first line.
 * A heading-like first line is the title itself and leaves the body. Otherwise the title is the first
 * sentence of the first paragraph, and the paragraph stays in the body; a sentence over 40 characters
 * is cut at its last clause break (comma, enumeration comma, semicolon) within them, else at 40.
 */
function inferTitle(body: Body): ParsedArticle {
  const first = body.blocks[0]!;
  let blocks = body.blocks;
  let title: string;
  if (first.type === 'heading') {
    title = first.text;
    blocks = body.blocks.slice(1);
  } else {
    const end = first.text.search(/[。！？!?]/u);
    const sentence = (end < 0 ? first.text : first.text.slice(0, end)).trim() || first.text;
    title = sentence;
    if (hasMoreCodePoints(sentence, INFERRED_TITLE_MAX)) {
      const head = codePointPrefix(sentence, INFERRED_TITLE_MAX);
      // The last clause break from the 9th character on (an offset in code units of `head`).
      let cut = -1;
      for (let i = 0, k = 0; i < head.length; k++) {
        if (k >= 8 && /[,，、;；]/u.test(head[i]!)) cut = i;
        i = nextCodePoint(head, i);
      }
      title = cut > 0 ? head.slice(0, cut) : head;
    }
  }
  const { title: clean, label } = splitLabel(title);
  const article: ParsedArticle = { title: clean, kind: 'full', titleInferred: true, blocks };
  if (label) article.label = label;
  return article;
}

/**
 * The first index from which every item before `end` is a headline entry (title + date line) or a
 * teaser, with at least one headline among them; `end` when there is none. Handles pages that separate
 * blocks with blank lines only.
 */
function trailingEntriesStart(items: Item[], end: number): number {
  const ok: boolean[] = new Array<boolean>(end + 1).fill(false);
  const dated: boolean[] = new Array<boolean>(end + 1).fill(false);
  ok[end] = true;
  let start = end;
  for (let i = end - 1; i >= 0; i--) {
    const it = items[i]!;
    if (it.publishedAt) continue;
    if (i + 1 < end && items[i + 1]!.publishedAt && ok[i + 2] && isTitleLine(it.text)) {
      ok[i] = true;
      dated[i] = true;
    } else if (ok[i + 1] && isTeaserLine(it.text)) {
      ok[i] = true;
      dated[i] = dated[i + 1]!;
    }
    if (ok[i] && dated[i]) start = i;
  }
  return start;
}

/** `2022-09-13 08:49:19` (China Standard Time) as `2022-09-13T08:49:19+08:00`; undefined if not a time. */
export function parseTime(line: string): string | undefined {
  // Read by hand (every line of a page is tried): what DATE_LINE matches, without a match array.
  const first = line.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39)) return undefined;
  at = 0;
  const y = digits(line, 4, 4);
  if (y < 0 || !dateSep(line)) return undefined;
  const mo = digits(line, 1, 2);
  if (mo < 0 || !dateSep(line)) return undefined;
  const d = digits(line, 1, 2);
  if (d < 0) return undefined;
  if (line.charCodeAt(at) === 0x54)
    at++; // T
  else {
    const from = at;
    while (at < line.length && isSpaceCode(line.charCodeAt(at))) at++;
    if (at === from) return undefined;
  }
  const h = digits(line, 1, 2);
  if (h < 0 || line.charCodeAt(at++) !== 0x3a) return undefined; // :
  const mi = digits(line, 2, 2);
  if (mi < 0) return undefined;
  let s = 0;
  if (at < line.length) {
    if (line.charCodeAt(at++) !== 0x3a) return undefined;
    s = digits(line, 2, 2);
    if (s < 0) return undefined;
  }
  if (at !== line.length) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  return `${line.slice(0, 4)}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}+08:00`;
}

/** parseTime's cursor. */
let at = 0;

/** The number written by min to max ASCII digits at the cursor (greedy), or -1. */
function digits(line: string, min: number, max: number): number {
  let n = 0;
  const start = at;
  while (at < line.length && at - start < max) {
    const c = line.charCodeAt(at);
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    at++;
  }
  return at - start >= min ? n : -1;
}

/** A `-`, `/` or `.` at the cursor, passed. */
function dateSep(line: string): boolean {
  const c = line.charCodeAt(at);
  if (c !== 0x2d && c !== 0x2f && c !== 0x2e) return false;
  at++;
  return true;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** As `new Date(Date.UTC(year, month, 0)).getUTCDate()`, which reads years 0-99 as 1900-1999. */
function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const y = year < 100 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}
