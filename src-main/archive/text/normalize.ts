/**
 * Text folding shared by ids and search: the same story written in full-width forms, another case or
 * Traditional characters must meet its Simplified, half-width twin. Kept apart from search so that the
 * importer's stable ids and the search index can never fold text differently.
 */
import { Converter } from 'opencc-js';

// From Taiwan standard ('tw'), a superset of plain 't' here: it also knows Taiwan phrases, so `著力`
// folds to `着力` like its Simplified original (with 't' it stayed `著力` and the ids differed).
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/** NFKC (full-width to half-width), lower case, Traditional to Simplified. Length may change. */
export function foldText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase());
}

/** Folded text with spaces and punctuation removed: the key for comparing titles. */
export function foldKey(text: string): string {
  return foldText(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}
