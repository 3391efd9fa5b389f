/**
 * The well-kept article extractor Yuelan stands on: given the cleaned document, the element that
 * holds the article. Mozilla's Readability, chosen over Defuddle by the measurements in
 * docs/import-formats.md (bench/html-extract.ts runs both: the Defuddle adapter lives there).
 */
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement } from './dom.js';

/** Finds the article's element in a cleaned document; `url` is the page's address, when known. */
export type ArticleRootFinder = (doc: DomDocument, url?: string) => DomElement | undefined;

/** Past this many elements Readability is not asked; the caller walks the cleaned body instead. */
export const MAX_ELEMENTS = 20_000;

export const readabilityRoot: ArticleRootFinder = (doc) => {
  const reader = new Readability<DomElement>(doc as never, {
    serializer: (node: unknown) => node as DomElement,
    charThreshold: 20,
    maxElemsToParse: MAX_ELEMENTS,
    nbTopCandidates: 5,
    // Yuelan reads JSON-LD itself (dom.ts); Readability would search every script again.
    disableJSONLD: true,
  });
  // Readability looks for a byline by reading the whole text of every element it passes until it
  // finds one: quadratic on a long page, and Yuelan reads bylines with its own cues (credits.ts).
  // A byline already "found" turns the search off and keeps the line in the page for those cues.
  (reader as unknown as { _articleByline: string | null })._articleByline = '-';
  return reader.parse()?.content ?? undefined;
};
