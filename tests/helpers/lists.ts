/** Posting lists for tests, in either encoding the index writes (see posting-codec.ts, dense-lists.ts). */
import { encodeList } from '../../src-main/archive/search/posting-codec.js';
import { writeDense } from '../../src-main/archive/search/dense-lists.js';

/**
 * Ascending docs as an encoded list, delta varints or dense by turns (chosen from the docs, so a
 * property test's runs meet both, and the same docs always the same way); empty lists are varint.
 */
export function listOf(docs: number[]): Uint8Array {
  return docs.length && (docs.length + docs[0]!) % 2 ? writeDense(docs) : encodeList(docs);
}
