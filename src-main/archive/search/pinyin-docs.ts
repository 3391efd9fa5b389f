/**
 * Which docs a pinyin query may name, from the index's pinyin fields alone (see FIELD in
 * index-records.ts): two letters are answered exactly, longer queries get candidates from their
 * rarest letter trigrams, checked one by one by the engine.
 */
import { FIELD, type Field } from './index-records.js';
import { intersect, letterPair, letterTrigram } from './index-codec.js';
import type { SearchIndex } from './search-index.js';

/**
 * Docs whose title pinyin may match `letters` (see matchPinyin): by the full spelling and by the
 * initials. Two letters are answered exactly from the SYLLABLE and INITIALS2 postings (`exact`);
 * longer queries get candidates from letter trigrams, to be checked with pinyinMatchKind.
 */
export function pinyinDocs(
  index: SearchIndex,
  letters: string,
): { full: number[]; initials: number[]; exact: boolean } {
  if (letters.length === 2) {
    const of = (field: Field): number[] => {
      const lists = index.gram(letterPair(letters, 0), field);
      const out: number[] = [];
      for (const l of lists) for (let i = 0; i < l.length; i++) if (index.alive(l[i]!)) out.push(l[i]!);
      return out;
    };
    return { full: of(FIELD.syllable), initials: of(FIELD.initials2), exact: true };
  }
  return {
    full: pinyinCandidates(index, letters, FIELD.pinyin),
    initials: letters.length <= 12 ? pinyinCandidates(index, letters, FIELD.initials) : [],
    exact: false,
  };
}

/**
 * Docs whose pinyin `field` (full spelling or initials) holds every letter trigram of `letters`: a
 * superset of its pinyin matches, from the rarest few trigrams.
 */
function pinyinCandidates(index: SearchIndex, letters: string, field: Field): number[] {
  const keys: number[] = [];
  for (let i = 0; i + 3 <= letters.length; i++) keys.push(letterTrigram(letters, i));
  // Only the four rarest trigrams are decoded: the common ones (`ang`, `ian`) name most titles.
  const rarest = keys
    .map((k) => ({ k, size: index.gramSize(k, field) }))
    .sort((a, b) => a.size - b.size)
    .slice(0, 4);
  if (rarest[0]!.size === 0) return [];
  const groups = rarest.map(({ k }) => index.gram(k, field));
  return intersect(groups, index.docCount).filter((d) => index.alive(d));
}
