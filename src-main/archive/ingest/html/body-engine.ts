/**
 * The well-kept article extractors Yuelan stands on, behind one call: given the cleaned document,
 * the element that holds the article. Mozilla's Readability is the one used (see
 * docs/import-formats.md for the measurements); Defuddle is kept callable for the comparison.
 */
import { Readability } from '@mozilla/readability';
import Defuddle from 'defuddle';
import { parseDocument, type DomDocument, type DomElement } from './dom.js';

export type BodyEngine = 'readability' | 'defuddle';

/** Readability gives up past this many elements; the caller then falls back to a plain walk. */
export const MAX_ELEMENTS = 20_000;

export function articleRoot(doc: DomDocument, engine: BodyEngine, url?: string): DomElement | undefined {
  if (engine === 'defuddle') {
    const result = new Defuddle(doc as never, {
      url: url ?? 'https://localhost/',
      removeImages: false,
    }).parse();
    if (!result.content) return undefined;
    return parseDocument(`<!DOCTYPE html><html><body>${result.content}</body></html>`).body ?? undefined;
  }
  const reader = new Readability<DomElement>(doc as never, {
    serializer: (node: unknown) => node as DomElement,
    charThreshold: 100,
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
}
