/**
 * The headline of a saved news page. Candidates are the page's `h1`s, `og:title`, JSON-LD `headline`
 * and `<title>`; the last two usually carry the site's suffix (`--文化--人民网`, `_网易新闻`,
 * `|澎湃新闻`). Suffixes are learned from the page itself: when `<title>` starts with the h1 or
 * og:title, what follows is the suffix; otherwise trailing segments after a separator that name a site
 * or a channel (or the page's `og:site_name`) are dropped.
 */
import type { HtmlTitleCue } from '../formats/saved-page.js';
import { TITLE_MAX_CHARS } from '../page-limits.js';
import { cleanText, closestWhere, namesOf, tagIs, textOf, type DomElement } from './dom.js';

export interface TitleCandidates {
  h1s: DomElement[];
  og?: string;
  jsonld?: string;
  title?: string;
  siteName?: string;
}

export interface FoundTitle {
  title: string;
  cue: HtmlTitleCue;
  /** The element the headline is printed in, when it is one (time and credits are looked for after it). */
  element?: DomElement;
}

const SEPARATORS = /\s*(?:--|——|_|\||｜|–|—|－|-(?=\S)|\s-\s|·(?=[^·]{2,12}$))\s*/;

/** What a site or a channel is called: these words end a suffix segment's name. */
const SITE_WORD =
  /(?:网|新闻|频道|报|客户端|在线|政府|门户|官网|号|社|台|站|中心|平台|资讯|快讯|头条|日报|晚报|财经|\.com|\.cn|\.net|News|Online)$/i;

/** What follows a headline inside a longer cue: nothing, or a separator before the suffix. */
const BOUNDARY = /^(?:$|\s|_|\||｜|-|－|–|—|·)/;

/** A segment too short to be a headline on its own (a channel: `文化`, `国内`, `社会`). */
const CHANNEL_MAX = 4;

export function findTitle(c: TitleCandidates): FoundTitle | undefined {
  const siteNames = new Set<string>(c.siteName ? [c.siteName] : []);
  const og = c.og ? stripSuffix(c.og, [], siteNames) : undefined;
  const jsonld = c.jsonld ? stripSuffix(c.jsonld, [], siteNames) : undefined;
  const h1s = c.h1s.map((el) => ({ el, text: clip(textOf(el)) })).filter((h) => plausible(h.text));
  const stripped = [og, jsonld, c.title ? stripSuffix(c.title, [], siteNames) : undefined].filter(
    (x): x is string => x !== undefined && x.length >= 2,
  );
  // An h1 is the headline when another cue says so: the same text, or a cue that starts with it and
  // goes on with a site suffix. A logo h1 (`人民网`) is only at the end of <title>, so it never is.
  const corroborated = (t: string): boolean =>
    stripped.includes(t) ||
    [c.og, c.jsonld, c.title].some(
      (x) => x !== undefined && x.startsWith(t) && BOUNDARY.test(x.slice(t.length)),
    ) ||
    (t.length >= 8 && stripped.some((x) => x.length >= 4 && t.includes(x)));

  const confirmed = h1s.find((h) => corroborated(h.text));
  if (confirmed) return { title: confirmed.text, cue: 'h1', element: confirmed.el };
  if (og && plausible(og)) return { title: clip(og), cue: 'og:title', element: elementWith(c.h1s, og) };
  if (jsonld && plausible(jsonld))
    return { title: clip(jsonld), cue: 'jsonld', element: elementWith(c.h1s, jsonld) };
  const fromTitle = c.title
    ? stripSuffix(
        c.title,
        h1s.map((h) => h.text),
        siteNames,
      )
    : undefined;
  // An h1 nobody corroborates but that reads like a headline (not a logo) still beats a bare <title>.
  const lone = h1s.find(
    (h) =>
      h.text.length >= 6 &&
      !closestWhere(h.el, (e) => tagIs(e, 'HEADER', 'NAV') || /(?:^|\s)logo(?:\s|$)/i.test(namesOf(e))),
  );
  if (lone && !(fromTitle && plausible(fromTitle) && fromTitle.length > lone.text.length + 4)) {
    return { title: lone.text, cue: 'h1', element: lone.el };
  }
  if (fromTitle && plausible(fromTitle)) return { title: clip(fromTitle), cue: 'title' };
  return undefined;
}

/** `<title>` without what the site appends; `known` are headlines the page prints (h1s). */
export function stripSuffix(raw: string, known: string[], siteNames: Set<string>): string {
  const title = cleanText(raw);
  for (const k of known) {
    if (
      k.length >= 4 &&
      title.startsWith(k) &&
      title.length > k.length &&
      BOUNDARY.test(title.slice(k.length))
    )
      return k;
  }
  const parts = title.split(SEPARATORS).filter((p) => p !== '');
  if (parts.length < 2) return title;
  let end = parts.length;
  while (end > 1) {
    const seg = parts[end - 1]!.trim();
    if (siteNames.has(seg) || SITE_WORD.test(seg) || [...seg].length <= CHANNEL_MAX) end--;
    else break;
  }
  if (end === parts.length) return title;
  // Keep the headline's own separators: cut the raw title where the first dropped segment starts.
  const cutAt = indexOfSegment(title, parts, end);
  return cleanText(title.slice(0, cutAt).replace(new RegExp(`${SEPARATORS.source}$`), ''));
}

function indexOfSegment(title: string, parts: string[], n: number): number {
  let pos = 0;
  for (let i = 0; i < n; i++) pos = title.indexOf(parts[i]!, pos) + parts[i]!.length;
  return pos;
}

/** A headline has letters or Han characters and is not a lone mark (`<`) or a logo word. */
function plausible(text: string): boolean {
  if (!text) return false;
  const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return letters >= 2;
}

function elementWith(h1s: DomElement[], title: string): DomElement | undefined {
  return h1s.find((h) => textOf(h) === title);
}

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length > TITLE_MAX_CHARS ? chars.slice(0, TITLE_MAX_CHARS).join('') : text;
}
