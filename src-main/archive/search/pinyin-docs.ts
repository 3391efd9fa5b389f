/**
 * Which docs a pinyin query may name, from the index's pinyin fields alone (see FIELD in
 * index-records.ts): two letters are answered exactly, longer queries get candidates from their
 * rarest letter trigrams, checked on the titles' syllables (PinyinStore.kinds).
 */
import { FIELD, type Field } from './index-records.js';
import { letterPair, letterTrigram } from './index-codec.js';
import type { SearchIndex } from './search-index.js';
import { popcount } from './candidates.js';
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
  const set = new DocBits(n);
  set.mark(index.gramData(rarest[0]!.k, field), n);
  let count = set.count();
  for (const { k, size } of rarest.slice(1)) {
    if (size > LIST_PER_CANDIDATE * count) break;
    set.keep(index.gramData(k, field), n);
    count = set.count();
  }
  return set.docs((d) => index.alive(d));
}

/** Bytes of a trigram's lists worth decoding per candidate it may remove (see pinyinCandidates). */
const LIST_PER_CANDIDATE = 8;

let scratch = [new Uint32Array(0), new Uint32Array(0)];

/** A set of docs as bits (two bitsets kept across queries: a few hundred KB at millions of docs). */
class DocBits {
  #bits: Uint32Array;
  #next: Uint32Array;

  constructor(n: number) {
    const words = (n + 31) >>> 5;
    if (scratch[0]!.length < words) scratch = [new Uint32Array(words), new Uint32Array(words)];
    this.#bits = scratch[0]!.subarray(0, words).fill(0);
    this.#next = scratch[1]!.subarray(0, words);
  }

  /** Add the docs below `limit` of encoded lists. */
  mark(lists: readonly Uint8Array[], limit: number): void {
    this.#walk(lists, limit, undefined);
  }

  /** Keep only the docs also in these lists. */
  keep(lists: readonly Uint8Array[], limit: number): void {
    const next = this.#next.fill(0);
    this.#walk(lists, limit, next);
    this.#next = this.#bits;
    this.#bits = next;
  }

  /**
   * Each doc below `limit` of encoded lists (delta varints: see posting-codec.ts): set in the set, or,
   * given `into`, set there if in the set. Written out rather than a callback per doc (a common
   * trigram names a million titles).
   */
  #walk(lists: readonly Uint8Array[], limit: number, into: Uint32Array | undefined): void {
    const bits = this.#bits;
    for (const data of lists) {
      const end = data.length;
      let d = 0;
      for (let p = 0; p < end;) {
        let b = data[p++]!;
        let v = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = data[p++]!;
          v += (b & 0x7f) * 2 ** shift;
        }
        d += v;
        if (d >= limit) break;
        const w = d >>> 5;
        const m = 1 << (d & 31);
        if (!into) bits[w]! |= m;
        else if (bits[w]! & m) into[w]! |= m;
      }
    }
  }

  count(): number {
    let c = 0;
    for (const w of this.#bits) c += popcount(w);
    return c;
  }

  /** The docs that pass `keep`, ascending. */
  docs(keep: (d: number) => boolean): number[] {
    const out: number[] = [];
    const bits = this.#bits;
    for (let w = 0; w < bits.length; w++)
      for (let x = bits[w]!; x !== 0; x &= x - 1) {
        const d = (w << 5) + (31 - Math.clz32(x & -x));
        if (keep(d)) out.push(d);
      }
    return out;
  }
}
