/**
 * Which docs a pinyin query may name, from the index's pinyin fields alone (see FIELD in
 * index-records.ts). Two letters are answered exactly from letter pairs. A longer full spelling is
 * split into syllables every way it can be (`xian`: xian, or xi + an) and each split is answered from
 * the titles' syllables and syllable pairs: exactly for one or two syllables, as candidates checked on
 * the titles' syllables (PinyinStore.kinds) for more. Initials get candidates from letter trigrams,
 * checked alike.
 */
import { FIELD, PAIR_SPAN, type Field } from './index-records.js';
import { letterPair, letterTrigram } from './index-codec.js';
import type { SearchIndex } from './search-index.js';
import { KIND, type Syllables } from './pinyin-store.js';

export interface PinyinDocs {
  full: Uint32Array;
  initials: Uint32Array;
}

/**
 * Docs whose title pinyin matches `letters` (see matchPinyin), ascending: by the full spelling and
 * by the initials only (a title matching both ways is a full match, its better tier).
 */
export function pinyinDocs(index: SearchIndex, letters: string): PinyinDocs {
  if (letters.length === 2) {
    const of = (field: Field): Uint32Array => {
      const lists = index.gram(letterPair(letters, 0), field);
      const out: number[] = [];
      for (const l of lists) for (let i = 0; i < l.length; i++) if (index.alive(l[i]!)) out.push(l[i]!);
      return Uint32Array.from(out);
    };
    return { full: of(FIELD.syllable), initials: of(FIELD.initials2) };
  }
  let initials = new Uint32Array(0);
  if (letters.length <= 12) {
    const docs = pinyinCandidates(index, letters, FIELD.initials);
    const kinds = index.pinyinKinds(docs, letters);
    initials = docs.filter((_, i) => kinds[i] === KIND.initials);
  }
  return { full: spelt(index, letters), initials };
}

/**
 * Docs whose title spells `letters` from the start of a syllable (ending anywhere in the last one),
 * from the SYLLABLES and PAIRS postings. Each split of the letters into syllables (see splits) names
 * the titles holding its syllables in a row: one syllable or two are looked up as they are; for more,
 * the titles holding each of its pairs (somewhere, not necessarily in a row) are candidates, checked
 * on their syllables.
 */
function spelt(index: SearchIndex, letters: string): Uint32Array {
  const n = index.docCount;
  const exact = new DocBits(n, 0);
  const maybe = new DocBits(n, 1);
  let unsure = false;
  const pairData = (a: number, b: number): Uint8Array[] => index.gramData(a * PAIR_SPAN + b, FIELD.pairs);
  const pairSize = (a: number, b: number): number => index.gramSize(a * PAIR_SPAN + b, FIELD.pairs);
  for (const { whole, last } of splits(index.pinyinSyllables(), letters)) {
    if (whole.length === 0) {
      for (const t of last) exact.mark(index.gramData(t, FIELD.syllables), n);
      continue;
    }
    // The pairs of the split in a row, the last one any of the syllables the letters end in.
    const steps: Step[] = [];
    for (let i = 0; i + 1 < whole.length; i++) {
      const [a, b] = [whole[i]!, whole[i + 1]!];
      steps.push({ lists: () => pairData(a, b), size: pairSize(a, b) });
    }
    if (last.length) {
      const a = whole[whole.length - 1]!;
      steps.push({
        lists: () => last.flatMap((t) => pairData(a, t)),
        size: last.reduce((sum, t) => sum + pairSize(a, t), 0),
      });
    }
    if (steps.length === 1 && last.length) {
      exact.mark(steps[0]!.lists(), n);
      continue;
    }
    unsure = true;
    maybe.or(intersect(steps, n));
  }
  if (unsure) {
    const docs = maybe.docs(index.docView().alive, exact);
    const kinds = index.pinyinKinds(docs, letters);
    for (let i = 0; i < docs.length; i++) if (kinds[i] === KIND.full) exact.add(docs[i]!);
  }
  return exact.docs(index.docView().alive);
}

/** Lists to intersect: read only if used, and about how large (encoded bytes: see gramSize). */
interface Step {
  lists: () => Uint8Array[];
  size: number;
}

/**
 * Docs in every step's lists, from the smallest: a step is left out when its lists are several times
 * longer than the candidates so far (decoding them costs more than checking what they would remove).
 */
function intersect(steps: Step[], n: number): DocBits {
  const set = new DocBits(n, 2);
  steps.sort((a, b) => a.size - b.size);
  if (!steps.length || steps[0]!.size === 0) return set;
  let count = set.mark(steps[0]!.lists(), n);
  for (const { lists, size } of steps.slice(1)) {
    if (count === 0 || size > LIST_PER_CANDIDATE * count) break;
    count = set.keep(lists(), n);
  }
  return set;
}

/** Splits worked out before the letters are split more coarsely (see splits). */
const MOST_SPLITS = 64;

/**
 * The ways `letters` split into syllables the index knows: whole syllables (`whole`, by number), then
 * a last one the remaining letters begin (`last`: every syllable they may be the start of, the whole
 * one included). A split with no `last` is only the start of one (letters past its syllables are
 * unchecked): past MOST_SPLITS ways (`xianxianxian…` doubles at each `xian`) every split stops at its
 * second syllable, a superset the check narrows.
 */
function splits(syllables: Syllables, letters: string): { whole: number[]; last: number[] }[] {
  const text = syllables.text;
  const n = letters.length;
  let longest = 0;
  for (const t of text) longest = Math.max(longest, t.length);
  const lasts = new Map<number, number[]>();
  const lastAt = (p: number): number[] => {
    let out = lasts.get(p);
    if (!out) {
      out = [];
      const rest = letters.slice(p);
      if (rest.length <= longest)
        for (let s = 0; s < text.length; s++) if (text[s]!.startsWith(rest)) out.push(s);
      lasts.set(p, out);
    }
    return out;
  };
  for (const depth of [Infinity, 2]) {
    const out: { whole: number[]; last: number[] }[] = [];
    const most = depth === Infinity ? MOST_SPLITS : Infinity;
    const walk = (p: number, whole: number[]): boolean => {
      if (whole.length === depth) {
        out.push({ whole, last: [] });
        return out.length <= most;
      }
      const last = lastAt(p);
      if (last.length) out.push({ whole, last });
      for (let len = 1; len <= longest && p + len < n; len++) {
        const s = syllables.lookup(letters.slice(p, p + len));
        if (s !== undefined && !walk(p + len, [...whole, s])) return false;
      }
      return out.length <= most;
    };
    if (walk(0, []) || depth !== Infinity) return out;
  }
  return [];
}

/**
 * Docs whose pinyin `field` (the initials) holds every letter trigram of `letters`: a superset of
 * its pinyin matches, from the rarest few trigrams (see intersect).
 */
function pinyinCandidates(index: SearchIndex, letters: string, field: Field): Uint32Array {
  const steps: Step[] = [];
  for (let i = 0; i + 3 <= letters.length; i++) {
    const k = letterTrigram(letters, i);
    steps.push({ lists: () => index.gramData(k, field), size: index.gramSize(k, field) });
  }
  return intersect(steps.sort((a, b) => a.size - b.size).slice(0, 4), index.docCount).docs(
    index.docView().alive,
  );
}

/** Bytes of a list worth decoding per candidate it may remove (see intersect). */
const LIST_PER_CANDIDATE = 8;

/** Where DocBits.docs gathers docs (kept across queries). */
let found = new Uint32Array(1024);

/** Bitsets kept across queries, two per slot (a few hundred KB each at millions of docs). */
let scratch: Uint32Array[] = [];

/** A set of docs as bits, in one of the slots (each in use by one set at a time). */
class DocBits {
  #bits: Uint32Array;
  #next: Uint32Array;

  constructor(n: number, slot: number) {
    const words = (n + 31) >>> 5;
    if ((scratch[0]?.length ?? -1) < words) scratch = [];
    while (scratch.length < 2 * slot + 2) scratch.push(new Uint32Array(words));
    this.#bits = scratch[2 * slot]!.subarray(0, words).fill(0);
    this.#next = scratch[2 * slot + 1]!.subarray(0, words);
  }

  add(d: number): void {
    this.#bits[d >>> 5]! |= 1 << (d & 31);
  }

  /** Add the docs of another set (of the same size). */
  or(other: DocBits): void {
    const bits = this.#bits;
    const from = other.#bits;
    for (let w = 0; w < bits.length; w++) bits[w]! |= from[w]!;
  }

  /** Add the docs below `limit` of encoded lists; returns how many were not in the set. */
  mark(lists: readonly Uint8Array[], limit: number): number {
    return this.#walk(lists, limit, undefined);
  }

  /** Keep only the docs also in these lists; returns how many are left. */
  keep(lists: readonly Uint8Array[], limit: number): number {
    const next = this.#next.fill(0);
    const count = this.#walk(lists, limit, next);
    this.#next = this.#bits;
    this.#bits = next;
    return count;
  }

  /**
   * Each doc below `limit` of encoded lists (delta varints: see posting-codec.ts): set in the set, or,
   * given `into`, set there if in the set; returns how many bits it set. Written out rather than a
   * callback per doc (a common syllable names a million titles).
   */
  #walk(lists: readonly Uint8Array[], limit: number, into: Uint32Array | undefined): number {
    const bits = this.#bits;
    const to = into ?? bits;
    let count = 0;
    for (const data of lists) {
      const end = data.length;
      let d = 0;
      for (let p = 0; p < end;) {
        let b = data[p++]!;
        let v = b & 0x7f;
        for (let f = 128; b & 0x80; f *= 128) {
          b = data[p++]!;
          v += (b & 0x7f) * f;
        }
        d += v;
        if (d >= limit) break;
        const w = d >>> 5;
        const m = 1 << (d & 31);
        if ((into && !(bits[w]! & m)) || to[w]! & m) continue;
        to[w]! |= m;
        count++;
      }
    }
    return count;
  }

  /**
   * The docs alive (by `alive`, a flag a doc) and not in `without`, ascending (gathered in a typed
   * array: pushed onto a plain one, a common syllable's half million docs took twice as long).
   */
  docs(alive: Uint8Array, without?: DocBits): Uint32Array {
    let out = found;
    let k = 0;
    const bits = this.#bits;
    const skip = without && without.#bits;
    for (let w = 0; w < bits.length; w++) {
      let x = skip ? bits[w]! & ~skip[w]! : bits[w]! | 0;
      for (; x !== 0; x &= x - 1) {
        const d = (w << 5) + (31 - Math.clz32(x & -x));
        if (alive[d] !== 1) continue;
        if (k === out.length) {
          found = new Uint32Array(2 * k);
          found.set(out);
          out = found;
        }
        out[k++] = d;
      }
    }
    return out.slice(0, k);
  }
}
