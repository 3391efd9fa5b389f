/**
 * The saved-page format (design: The input): a main article's body, then teaser blocks (headline glued
 * to a snippet ending in `...`), then headline blocks (title line + `YYYY-MM-DD HH:MM:SS` in China
 * Standard Time), blocks separated by a `-` line. This module turns a page's text into the articles it
 * holds; it never throws, and a text that is neither an article nor a headline list gets a reason.
 */
import type { ArticleKind, Block } from '../model.js';
import { foldKey } from '../text/normalize.js';
import { bodySnippet, buildBody, hanStats, type Body } from './body.js';
import { looksLikeHtml, stripHtml } from './html.js';
import { splitLabel } from './labels.js';
import { bestTitleMatch, endsWithEllipsis, foldedPrefixEnd, splitTeaser } from './match.js';

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

  let skipped = 0;
  const headlines: Headline[] = [];
  const seen = new Set<string>();
  const teasers: string[] = [];
  const strays: string[] = [];
  for (let i = bodyEnd; i < items.length;) {
    const it = items[i]!;
    const next = items[i + 1];
    if (!it.publishedAt && next?.publishedAt && !next.afterSep) {
      const { title, label } = splitLabel(it.text);
      const titleKey = foldKey(title);
      const key = `${titleKey}|${next.publishedAt}`;
      // The same entry twice in one list is one article.
      if (!seen.has(key)) {
        seen.add(key);
        const h: Headline = {
          raw: it.text,
          title,
          publishedAt: next.publishedAt,
          rawKey: foldKey(it.text),
          titleKey,
        };
        if (label) h.label = label;
        headlines.push(h);
      }
      i += 2;
      continue;
    }
    if (!it.publishedAt && endsWithEllipsis(it.text)) teasers.push(it.text);
    else if (!it.publishedAt) strays.push(it.text);
    else skipped++;
    i++;
  }
  // A line without `...` that starts with a known headline is still a teaser (some sites drop the dots).
  for (const line of strays) {
    const folded = foldKey(line);
    if (headlines.some((h) => teaserCut(line, folded, h) > 0)) teasers.push(line);
    else skipped++;
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
    let best = -1;
    let cut = -1;
    const folded = foldKey(teaser);
    headlines.forEach((h, i) => {
      const end = teaserCut(teaser, folded, h);
      if (end > cut) {
        best = i;
        cut = end;
      }
    });
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

/** Where the headline's title ends inside the teaser (raw line with its label first), or -1. */
function teaserCut(teaser: string, foldedTeaser: string, h: Headline): number {
  const withLabel = foldedPrefixEnd(teaser, h.raw, foldedTeaser, h.rawKey);
  if (withLabel > 0) return withLabel;
  return foldedPrefixEnd(teaser, h.title, foldedTeaser, h.titleKey);
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
    const sentence = [...(first.text.split(/[。！？!?]/u)[0]!.trim() || first.text)];
    title = sentence.join('');
    if (sentence.length > INFERRED_TITLE_MAX) {
      const head = sentence.slice(0, INFERRED_TITLE_MAX);
      let cut = -1;
      head.forEach((ch, i) => {
        if (i >= 8 && /[,，、;；]/u.test(ch)) cut = i;
      });
      title = head.slice(0, cut > 0 ? cut : INFERRED_TITLE_MAX).join('');
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
    if (i + 1 < end && items[i + 1]!.publishedAt && ok[i + 2]) {
      ok[i] = true;
      dated[i] = true;
    } else if (endsWithEllipsis(it.text) && ok[i + 1]) {
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
