/**
 * Which docs a pinyin query may name, from the index's pinyin fields alone (see FIELD in
 * index-records.ts): two letters are answered exactly, longer queries get candidates from their
 * rarest letter trigrams, checked on the titles' syllables (PinyinStore.kinds).
 */
import { FIELD, type Field } from './index-records.js';
import { letterPair, letterTrigram } from './index-codec.js';
import type { SearchIndex } from './search-index.js';
import { DocSet } from './doc-set.js';
import { KIND } from './pinyin-store.js';

/**
 * Docs whose title pinyin matches `letters` (see matchPinyin), ascending: by the full spelling and
 * by the initials only. Two letters are answered from the SYLLABLE and INITIALS2 postings; longer
 * queries get candidates from letter trigrams, each checked on its title's syllables.
 */
export function pinyinDocs(index: SearchIndex, letters: string): { full: number[]; initials: number[] } {
  if (letters.length === 2) {
    const of = (field: Field): number[] => {
      const lists = index.gram(letterPair(letters, 0), field);
      const out: number[] = [];
      for (const l of lists) for (let i = 0; i < l.length; i++) if (index.alive(l[i]!)) out.push(l[i]!);
      return out;
    };
    return { full: of(FIELD.syllable), initials: of(FIELD.initials2) };
  }
  const checked = (field: Field, kind: number): number[] => {
    const docs = pinyinCandidates(index, letters, field);
    const kinds = index.pinyinKinds(docs, letters);
    return docs.filter((_, i) => kinds[i] === kind);
  };
  return {
    full: checked(FIELD.pinyin, KIND.full),
    // A title matching both ways is a full match (its better tier) and is left out here.
    initials: letters.length <= 12 ? checked(FIELD.initials, KIND.initials) : [],
  };
}

/**
 * Docs whose pinyin `field` (full spelling or initials) holds every letter trigram of `letters`: a
 * superset of its pinyin matches, from the rarest few trigrams. A trigram is left out when its list
 * is several times longer than the candidates so far: decoding it costs more than checking the few
 * candidates it would remove (`dangjian`'s `jia` names 1.9 million of 2.9 million titles).
 */
function pinyinCandidates(index: SearchIndex, letters: string, field: Field): number[] {
  const keys: number[] = [];
  for (let i = 0; i + 3 <= letters.length; i++) keys.push(letterTrigram(letters, i));
  const rarest = keys
    .map((k) => ({ k, size: index.gramSize(k, field) }))
    .sort((a, b) => a.size - b.size)
    .slice(0, 4);
  if (rarest[0]!.size === 0) return [];
  const n = index.docCount;
  found.clear(n);
  scratch.clear(n);
  found.add(index.gramData(rarest[0]!.k, field), n);
  let count = found.count();
  for (const { k, size } of rarest.slice(1)) {
    if (size > LIST_PER_CANDIDATE * count) break;
    found.keep(index.gramData(k, field), n, scratch);
    count = found.count();
  }
  return found.docs((d) => index.alive(d));
}

/** Bytes of a trigram's lists worth decoding per candidate it may remove (see pinyinCandidates). */
const LIST_PER_CANDIDATE = 8;

// Kept across queries (a few hundred KB each at millions of docs).
const found = new DocSet();
const scratch = new DocSet();
