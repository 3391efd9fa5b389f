/**
 * What the search index keeps per article and where a token sits: the index version, the fields
 * (anywhere, title, snippet and the title's pinyin forms) and a doc's record as the ranking reads it.
 */
import { CP_SPAN } from './search-text.js';

/**
 * Bump when tokens, keys or file layout change: a stored index of another version is rebuilt.
 * 7: SQLite (index.db); 8: titles' pinyin as syllable numbers (docs.py, syllables), segment levels;
 * 9: the titles' syllables and syllable pairs as postings (SYLLABLES, PAIRS) instead of letter trigrams;
 * 10: arrays blobs as opening reads them (time ranks and folds written; times in seconds, read later);
 * 11: dense posting lists (dense-lists.ts); 12: letter 4-grams of the initials (INITIALS).
 */
export const INDEX_VERSION = 12;
/**
 * The oldest version this one opens as it is, marking it INDEX_VERSION (a rebuild at a million pages
 * takes hours): a version-10 file holds no dense list, and this version reads its lists alike; one
 * before 12 holds no initials 4-gram, so its docs so far are checked as before (`quads_from` in meta:
 * pinyin-docs.ts). Once marked, an older Yuelan rebuilds it rather than misread what was written since.
 */
export const INDEX_READS_FROM = 10;
/**
 * Characters of one article's body that are indexed. Every news article fits many times over; what
 * does not (a 45 MB block of random characters) would otherwise add millions of distinct bigrams.
 */
export const INDEX_BODY_CHARS = 200_000;

/**
 * Where a token occurs. Every token is in ANY; title and snippet tokens are also in their own field.
 * The others index the title's pinyin, so a pinyin query never scans every title: SYLLABLES holds
 * the title's syllables by number (see Syllables in pinyin-store.ts) and PAIRS each syllable followed
 * by the next (`a * PAIR_SPAN + b`), from which a spelling of three letters and more is answered
 * (pinyin-docs.ts); INITIALS holds letter trigrams and 4-grams of the initials (exact for three and
 * four letters; candidates, checked one by one, for more); SYLLABLE holds the two letters at each
 * syllable start and INITIALS2 the initials' letter pairs, which answer a two-letter query exactly.
 */
export const FIELD = {
  any: 0,
  title: 1,
  snippet: 2,
  syllables: 3,
  initials: 4,
  syllable: 5,
  initials2: 6,
  pairs: 7,
} as const;
export type Field = (typeof FIELD)[keyof typeof FIELD];
/** Gram keys of field f are `gram + f * FIELD_SPAN` (all below 2^53, so exact as doubles). */
export const FIELD_SPAN = CP_SPAN * CP_SPAN;
/** Words of field f are stored as `WORD_FIELD[f] + word` (control characters sort first). */
export const WORD_FIELD = ['', '\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007'] as const;
/** Syllable numbers are below this (see Syllables); a PAIRS key is `a * PAIR_SPAN + b`. */
export const PAIR_SPAN = 0x8000;

export interface IndexedDoc {
  id: string;
  titleKey: string;
  snippetKey: string;
  /** Encoded TitlePinyin (see pinyin.ts): matched in this form, decoded only for a hit shown. */
  pinyin: string;
  /** publishedAt in ms, or null. */
  time: number | null;
  /** The article's signature when it was indexed (see articleSignature); '' when its body was missing. */
  sig: string;
}

export function docTime(publishedAt: string | undefined): number | null {
  if (!publishedAt) return null;
  const t = Date.parse(publishedAt);
  return Number.isFinite(t) ? t : null;
}

export type Postings = ArrayLike<number>;
