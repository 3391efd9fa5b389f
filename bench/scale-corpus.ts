/**
 * The scale corpus (issue #15): pages shaped like the large archives a user brings, a paper over
 * twenty years. Each page is a seed-format text page with its own article body (as the bench corpus
 * makes it, corpus.ts) and a headline list of 30 entries, most of them named by no other page: 100,000
 * pages list about 2.9 million distinct headlines. Some entries repeat across pages so the importer
 * merges them and the list folds them: the day's wire (shared by the day's pages), a sibling page's
 * own article, now and then listed at another time. Every page depends only on the parameters and its
 * number, so a writer can stream a million pages without holding any of them.
 */
import {
  articleBody,
  CITIES,
  dayWire,
  LABELS,
  mainEntry,
  pick,
  rng,
  shuffle,
  stamp,
  toTraditional,
  TRADITIONAL_SHARE,
  type Entry,
  type SeedParts,
} from './corpus.js';

/** What decides the corpus's bytes: a marker with other parameters is another corpus. */
export interface ScaleParams {
  generator: 'scale';
  /** Bumped when the page shape changes, so an old corpus on disk is not taken for the new one. */
  version: 1;
  pages: number;
  /** Headline entries on every page (the archive: 30). */
  headlines: number;
  seed: number;
  pagesPerDay: number;
}

/** The archive spans about twenty years whatever its size: larger archives have more pages a day. */
const DAYS = 7300;
export const HEADLINES_PER_PAGE = 30;
const TEASERS_PER_PAGE = 4;
/** Share of pages that list a sibling's article at another time (a second, folded listing). */
const RELISTED_SHARE = 0.3;

export function scaleParams(pages: number, seed = 1): ScaleParams {
  return {
    generator: 'scale',
    version: 1,
    pages,
    headlines: HEADLINES_PER_PAGE,
    seed,
    pagesPerDay: Math.max(10, Math.ceil(pages / DAYS)),
  };
}

/**
 * Fragments for made-up headlines: runs of 2–4 Chinese characters cut at every position of the seed's
 * headlines and teaser snippets, so common words come up as often as they do there. Taken from the
 * lists, not the article body, so a made-up headline does not outscore the page's own title when the
 * importer matches headlines to the body.
 */
export function headlineFragments(seed: SeedParts): string[] {
  const out: string[] = [];
  for (const text of [...seed.headlines, ...seed.snippets]) {
    for (const run of text.match(/[\u4e00-\u9fff]+/g) ?? []) {
      for (let i = 0; i < run.length; i++)
        for (let n = 2; n <= 4 && i + n <= run.length; n++) out.push(run.slice(i, i + n));
    }
  }
  return out;
}

/** A headline no other page lists (by construction: 1 in 10¹⁴ chance that two coincide). */
function uniqueHeadline(r: () => number, fragments: string[]): string {
  let title = r() < 0.5 ? pick(r, CITIES) : '';
  for (let i = 0; i < 3; i++) title += pick(r, fragments);
  title += ' ';
  for (let i = 0; i < 2; i++) title += pick(r, fragments);
  return r() < 0.15 ? pick(r, LABELS) + title : title;
}

/** Listing time of the same headline on another page: an hour or two later the same day. */
function relisted(entry: Entry, r: () => number): Entry {
  const [date, clock] = entry.time.split(' ') as [string, string];
  const [h, m, s] = clock.split(':').map(Number) as [number, number, number];
  const hour = Math.min(23, h + 1 + Math.floor(r() * 2));
  return { title: entry.title, time: `${date} ${String(hour).padStart(2, '0')}:${pad2(m)}:${pad2(s)}` };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export interface ScaleSeed {
  seed: SeedParts;
  fragments: string[];
}

export function scaleSeed(seed: SeedParts): ScaleSeed {
  return { seed, fragments: headlineFragments(seed) };
}

/**
 * Page `page` of the scale corpus: its article (as the bench corpus writes it), four teasers and a
 * list of `headlines` entries: its own title, a sibling page's title (sometimes at another time), one
 * of the day's wire, and made-up headlines no other page lists.
 */
export function makeScalePage({ seed, fragments }: ScaleSeed, params: ScaleParams, page: number): string {
  const r = rng((page * 2654435761) ^ (params.seed * 40503));
  const day = Math.floor(page / params.pagesPerDay);
  const main = mainEntry(day, page);
  const lines = articleBody(seed, r, main);

  const entries: Entry[] = [main];
  const first = day * params.pagesPerDay;
  const sibling = first + ((page - first + 1) % params.pagesPerDay);
  if (sibling !== page && sibling < params.pages) {
    const e = mainEntry(day, sibling);
    entries.push(r() < RELISTED_SHARE ? relisted(e, r) : e);
  }
  const wire = dayWire(seed, day);
  const w = wire[Math.floor(r() * wire.length)]!;
  entries.push(r() < RELISTED_SHARE ? relisted(w, r) : w);
  while (entries.length < params.headlines) {
    entries.push({ title: uniqueHeadline(r, fragments), time: stamp(day, 6 * 3600 + r() * 16 * 3600) });
  }
  // Teasers name listed headlines (not the page's own article): they become brief articles.
  for (let i = 0; i < TEASERS_PER_PAGE; i++) {
    const e = entries[1 + Math.floor(r() * (entries.length - 1))]!;
    lines.push('-', `${e.title}${pick(r, seed.snippets)}...`);
  }
  for (const e of shuffle(r, entries)) lines.push('-', e.title, e.time);
  let text = lines.join('\n') + '\n';
  if (r() < TRADITIONAL_SHARE) text = toTraditional(text);
  if (r() < 0.05) text = text.replace(/\n/g, '\r\n');
  if (r() < 0.05) text = '\uFEFF' + text;
  return text;
}
