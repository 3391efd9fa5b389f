/**
 * The saved-page format (design: The input): a main article's body, then teaser blocks (headline glued
 * to a snippet ending in `...`), then headline blocks (title line + `YYYY-MM-DD HH:MM:SS` in China
 * Standard Time), blocks separated by a `-` line. This module turns a page's text into the articles it
 * holds; it never throws, and a text that is neither an article nor a headline list gets a reason.
 *
 * Hostile text (issue #18) costs time linear in its size: markup is stripped by `indexOf` scans,
 * teasers find their headline through tries (`TeaserMatcher`) instead of a pass over the whole list,
 * and no pattern backtracks over a long run. The limits below bound what one page may hold; a page
 * beyond one is rejected whole with a reason (`too large: …`), never imported half-done.
 */
import type { ArticleKind, Block } from '../model.js';
import { codePointCount, codePointPrefix, hasMoreCodePoints, nextCodePoint } from '../text/chars.js';
import { foldKey } from '../text/normalize.js';
import { bodySnippet, buildBody, hanStats, type Body } from './body.js';
import { looksLikeHtml, stripHtml } from './html.js';
import { splitLabel } from './labels.js';
import { bestTitleMatch, endsWithEllipsis, splitTeaser, TeaserMatcher } from './match.js';

/**
 * Headline entries (title line + date line) one page may list. A saved page lists tens (the seed 35);
 * a list of thousands is not a news page but a dump or an attack. Such a page is rejected rather than
 * cut to its first entries: the main article's title is found by matching, not by position, so a cut
 * list could give it a wrong, inferred title, and a partial import would look complete.
 */
export const MAX_HEADLINES = 5_000;
/** Teaser lines one page may hold (with `...`, or without it but starting with a headline); as above. */
export const MAX_TEASERS = 5_000;
/** A longer line is never a headline's title (a 1 MB "title" is not a headline). Titles run to ~60. */
export const TITLE_MAX_CHARS = 200;
/** A longer line is never a teaser (headline + snippet, ~100 in real pages): it is skipped. */
export const TEASER_MAX_CHARS = 1_000;
/** The main article's body (its lines, in characters). Over it the page is rejected. */
export const MAX_BODY_CHARS = 1_000_000;

/**
 * Characters that are never text: C0 controls but line feed, DEL, C1 controls (U+0080–U+009F), and
 * the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make a title read
 * differently from what it holds. Tab, vertical tab and form feed become spaces.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;
const SPACE_CONTROLS = /[\t\v\f]/g;

export interface ParsedArticle {
  title: string;
  label?: string;
  kind: ArticleKind;
  /** ISO 8601 with the page's offset (+08:00). */
  publishedAt?: string;
  byline?: string;
  blocks?: Block[];
  snippet?: string;
  /** The page gave no headline for it: the title was taken from its own text. */
  titleInferred?: boolean;
}

export interface ParsedPage {
  articles: ParsedArticle[];
  /** Lines that fit no part of the format (a cut-off entry, a stray line); they are left out. */
  skipped?: number;
}

export type ParseResult = { ok: true; page: ParsedPage } | { ok: false; reason: string };

/** `-`, `—`, `--`, `——` and similar, alone on a line (surrounding spaces were trimmed). */
const SEPARATOR = /^[-—–－―‐]{1,3}$/u;
const DATE_LINE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

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
  let text = input.replace(/\r\n?/g, '\n');
  if (looksLikeHtml(text)) text = stripHtml(text);
  // After markup: an entity may have decoded to one of them (raw bytes can carry them too).
  text = text.replace(NOT_TEXT, '').replace(SPACE_CONTROLS, ' ');

  const items: Item[] = [];
  let pendingSep = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (SEPARATOR.test(line)) {
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
  const seen = new Set<string>();
  for (const { raw, publishedAt } of entries) {
    const { title, label } = splitLabel(raw);
    const titleKey = foldKey(title);
    const key = `${titleKey}|${publishedAt}`;
    // The same entry twice in one list is one article.
    if (seen.has(key)) continue;
    seen.add(key);
    const h: Headline = { raw, title, publishedAt, rawKey: foldKey(raw), titleKey };
    if (label) h.label = label;
    headlines.push(h);
  }
  const matcher = new TeaserMatcher(headlines);
  // A line without `...` that starts with a known headline is still a teaser (some sites drop the dots).
  for (const line of strays) {
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
  if (body) {
    const bodyText = body.blocks.map((b) => b.text).join('\n');
    const { index } = bestTitleMatch(
      headlines.map((h) => h.title),
      bodyText,
    );
    const full: ParsedArticle =
      index >= 0 ? { ...fromHeadline(headlines[index]!), kind: 'full' } : inferTitle(body);
    full.blocks = full.blocks ?? body.blocks;
    if (body.byline) full.byline = body.byline;
    const snippet = bodySnippet(full.blocks);
    if (snippet) full.snippet = snippet;
    if (index >= 0) taken.set(index, full);
    articles.push(full);
  }
  for (const teaser of teasers) {
    const { index: best, cut } = matcher.match(teaser) ?? { index: -1, cut: -1 };
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
  const m = DATE_LINE.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysIn(y!, mo!) || h! > 23 || mi! > 59 || s! > 59)
    return undefined;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p(mo!)}-${p(d!)}T${p(h!)}:${p(mi!)}:${p(s!)}+08:00`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
