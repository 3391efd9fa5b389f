/**
 * Which docs a pinyin query may name, from the index's pinyin fields alone (see FIELD in
 * index-records.ts). Two letters are answered exactly from letter pairs. A longer full spelling is
 * split into syllables every way it can be (`xian`: xian, or xi + an) and each split is answered from
 * the titles' syllables and syllable pairs: exactly for one or two syllables, as candidates checked on
 * the titles' syllables (PinyinStore.kinds) for more. Initials of three or four letters are answered
 * exactly from their letter trigram or 4-gram; longer ones get candidates from 4-grams, checked alike.
 * (A common four-letter query, `jldj`, names a hundred thousand titles at 300,000 pages, and checking
 * each on its syllables, read from `pinyin.bin`, was most of its time.)
 */
import { FIELD, PAIR_SPAN, type Field } from './index-records.js';
import { letterPair, letterQuad, letterTrigram } from './index-codec.js';
import type { SearchIndex } from './search-index.js';
import { KIND } from './pinyin-store.js';
import type { Syllables } from './syllables.js';
import { DocSet } from './doc-set.js';
import { lowerBound } from './lower-bound.js';

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
      return ascending(Uint32Array.from(out));
    };
    const full = of(FIELD.syllable);
    return { full, initials: without(of(FIELD.initials2), full) };
  }
  const full = spelt(index, letters);
  return { full, initials: letters.length <= 12 ? byInitials(index, letters, full) : new Uint32Array(0) };
}

// Kept across queries, as the other sets here.
const fullSet = new DocSet();
const initialsSet = new DocSet();

/** Found docs as bitsets (of docs 0 .. n-1), valid until the next query. */
export function pinyinSets(found: PinyinDocs, n: number): { full: DocSet; initials: DocSet } {
  const of = (set: DocSet, docs: Uint32Array): DocSet => {
    set.assignDocs(docs, n);
    return set;
  };
  return { full: of(fullSet, found.full), initials: of(initialsSet, found.initials) };
}

/**
 * Docs whose title's initials hold `letters` (3 to 12) in a row and whose full spelling does not
 * (`full`, ascending). Three letters are one trigram's docs and four one 4-gram's; longer ones are the
 * docs of their 4-grams, checked. Docs numbered before `quadsFrom` (an index from before version 12)
 * have no 4-gram: theirs are the docs of their trigrams, checked, as before.
 */
function byInitials(index: SearchIndex, letters: string, full: Uint32Array): Uint32Array {
  const n = letters.length;
  const from = Math.min(index.quadsFrom, index.docCount);
  const parts: Uint32Array[] = [];
  if (n === 3) parts.push(grams(index, [letterTrigram(letters, 0)], 0, Infinity));
  else {
    const trigrams: number[] = [];
    for (let i = 0; i + 3 <= n; i++) trigrams.push(letterTrigram(letters, i));
    const quads: number[] = [];
    for (let i = 0; i + 4 <= n; i++) quads.push(letterQuad(letters, i));
    if (from > 0) parts.push(checked(index, letters, grams(index, trigrams, 0, from)));
    const later = grams(index, quads, from, Infinity);
    parts.push(n === 4 ? later : checked(index, letters, later));
  }
  return without(parts.length === 1 ? parts[0]! : concat(parts), full);
}

/** Live docs from `lo` to below `hi` in the initials lists of every key of `keys` (their rarest four). */
function grams(index: SearchIndex, keys: number[], lo: number, hi: number): Uint32Array {
  const steps: Step[] = keys.map((k) => ({
    lists: () => index.gramData(k, FIELD.initials),
    size: index.gramSize(k, FIELD.initials),
  }));
  const docs = intersect(steps.sort((a, b) => a.size - b.size).slice(0, 4), index.docCount).docs(
    index.aliveDocs(),
  );
  return lo <= 0 && hi >= index.docCount ? docs : docs.subarray(lowerBound(docs, lo), lowerBound(docs, hi));
}

/** Those of `docs` whose initials hold `letters` in a row (and whose full spelling does not). */
function checked(index: SearchIndex, letters: string, docs: Uint32Array): Uint32Array {
  const kinds = index.pinyinKinds(docs, letters);
  // A loop, not filter(): a typed array's filter with a callback took 300 ms over 360,000 docs.
  const out = new Uint32Array(docs.length);
  let k = 0;
  for (let i = 0; i < docs.length; i++) if (kinds[i] === KIND.initials) out[k++] = docs[i]!;
  return out.subarray(0, k);
}

function concat(parts: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The list in ascending order, each doc once (a key's lists of several segments may not be). */
export function ascending(list: Uint32Array): Uint32Array {
  for (let i = 1; i < list.length; i++)
    if (list[i]! <= list[i - 1]!) return Uint32Array.from(new Set(list)).sort();
  return list;
}

/** Ascending `docs` less ascending `drop` (a title spelt in full is a full match, its better tier). */
function without(docs: Uint32Array, drop: Uint32Array): Uint32Array {
  if (!drop.length) return docs;
  const out = new Uint32Array(docs.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    while (j < drop.length && drop[j]! < d) j++;
    if (j < drop.length && drop[j] === d) continue;
    out[k++] = d;
  }
  return out.subarray(0, k);
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
  const exact = exactSet;
  const maybe = maybeSet;
  exact.clear(n);
  maybe.clear(n);
  let unsure = false;
  const pairData = (a: number, b: number): Uint8Array[] => index.gramData(a * PAIR_SPAN + b, FIELD.pairs);
  const pairSize = (a: number, b: number): number => index.gramSize(a * PAIR_SPAN + b, FIELD.pairs);
  for (const { whole, last } of splits(index.pinyinSyllables(), letters)) {
    if (whole.length === 0) {
      for (const t of last) exact.add(index.gramData(t, FIELD.syllables), n);
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
      exact.add(steps[0]!.lists(), n);
      continue;
    }
    unsure = true;
    maybe.or(intersect(steps, n));
  }
  if (unsure) {
    const docs = maybe.docs(index.aliveDocs(), exact);
    const kinds = index.pinyinKinds(docs, letters);
    for (let i = 0; i < docs.length; i++) if (kinds[i] === KIND.full) exact.addDoc(docs[i]!);
  }
  return exact.docs(index.aliveDocs());
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
function intersect(steps: Step[], n: number): DocSet {
  const set = stepSet;
  set.clear(n);
  scratch.clear(n);
  steps.sort((a, b) => a.size - b.size);
  if (!steps.length || steps[0]!.size === 0) return set;
  let count = set.add(steps[0]!.lists(), n);
  for (const { lists, size } of steps.slice(1)) {
    if (count === 0 || size > LIST_PER_CANDIDATE * count) break;
    count = set.keep(lists(), n, scratch) ? set.count() : 0;
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

/** Bytes of a list worth decoding per candidate it may remove (see intersect). */
const LIST_PER_CANDIDATE = 8;

// Kept across queries (a few hundred KB each at millions of docs): no large allocation per keystroke.
const exactSet = new DocSet();
const maybeSet = new DocSet();
const stepSet = new DocSet();
const scratch = new DocSet();
