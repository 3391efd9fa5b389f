/**
 * Headline folds over the search index's docs (the rule is headline-folds.ts's): search results are
 * folded before paging, so totals and pages count rows, not entries.
 *
 * Few docs are in a fold at all (a headline listed under one title by several pages, or with an
 * article of that title to read: at 100,000 pages 113,000 of 2.9 million docs, in 6,500 folds), so a
 * doc's fold is found through a bitset of the fold docs with a running count per 32 docs (under a
 * megabyte), not an array of a slot per doc (12 MB).
 */
import type { SearchIndex } from './search-index.js';
import type { Matches } from './matches.js';
import type { KindCounts } from './search-types.js';
import { popcount } from './candidates.js';
import { DEAD } from './doc-state.js';
import { cmpTime } from './search-order.js';

/**
 * The index's folds: which docs are in one (a readable article never is), each fold's docs and
 * readable doc. A fold's docs are `list[start[g] .. start[g + 1])`: one array for all of them, not an
 * array per fold.
 */
export interface IndexFolds {
  /** Doc d is in a fold: bit d % 32 of word d / 32. */
  bits: Uint32Array;
  /** Per word of `bits`, the fold docs in the words before it. */
  before: Uint32Array;
  /** The fold of each fold doc, in doc order. */
  foldOfMember: Int32Array;
  start: Uint32Array;
  list: Uint32Array;
  /** Per fold, the newest readable doc of the same title, or -1. */
  readable: Int32Array;
}

/** Doc d's fold, or -1. */
export function foldOf(folds: IndexFolds, d: number): number {
  const w = d >>> 5;
  const word = folds.bits[w];
  if (word === undefined) return -1;
  const m = 1 << (d & 31);
  return word & m ? folds.foldOfMember[folds.before[w]! + popcount(word & (m - 1))]! : -1;
}

/** How many headline docs fold `g` holds. */
export function foldSize(folds: IndexFolds, g: number): number {
  return folds.start[g + 1]! - folds.start[g]!;
}

/** The headline docs of fold `g`, in doc order. */
export function foldMembers(folds: IndexFolds, g: number): Uint32Array {
  return folds.list.subarray(folds.start[g]!, folds.start[g + 1]!);
}

let bestBuffer = new Int32Array(0);

const indexFolds = new WeakMap<SearchIndex, { stamp: string; folds: IndexFolds }>();

export function foldsOf(index: SearchIndex): IndexFolds {
  // Every doc added or dying changes the stamp.
  const stamp = index.stamp;
  const cached = indexFolds.get(index);
  if (cached && cached.stamp === stamp) return cached.folds;
  // The folds written with the arrays, while nothing changed since: a first query at 100,000 pages
  // works them out in 200 ms.
  const kept = index.keptFolds();
  const folds = kept ? foldsFromBlob(kept) : computeFolds(index);
  indexFolds.set(index, { stamp, folds });
  return folds;
}

/** What the folds are worked out from (the index, or its arrays while it writes them). */
export interface FoldSource {
  kindRanks(): Uint8Array;
  docView(): { state: Uint8Array; group: Int32Array };
  time(d: number): number | null;
}

export function computeFolds(index: FoldSource): IndexFolds {
  const kind = index.kindRanks();
  const { state, group: docGroup } = index.docView();
  const alive = (d: number): boolean => !(state[d]! & DEAD);
  const n = kind.length;
  const headline = (d: number): boolean => kind[d] === 0 && docGroup[d]! >= 0;
  // The index keeps a fold id per doc (docs of one folded title share it; -1 while a build from
  // nothing is under way: folds come at its end). Per index fold: its live headlines (counted to
  // two: that is all that is asked) and its newest readable doc.
  let ids = 0;
  for (let d = 0; d < n; d++) if (docGroup[d]! >= ids) ids = docGroup[d]! + 1;
  const size = new Uint8Array(ids);
  for (let d = 0; d < n; d++) if (headline(d) && size[docGroup[d]!]! < 2) size[docGroup[d]!]!++;
  const newest = new Int32Array(ids).fill(-1);
  // A missing time is the oldest.
  const at = (d: number): number => index.time(d) ?? -Infinity;
  for (let d = 0; d < n; d++) {
    const g = docGroup[d]!;
    if (kind[d] === 0 || !alive(d) || g < 0 || size[g] === 0) continue;
    const r = newest[g]!;
    if (r < 0 || at(d) > at(r)) newest[g] = d;
  }
  // Only real folds are kept, renumbered: several headlines, or one with an article to read. A
  // headline alone under its title (most of them) is in no fold. `newest` becomes the renumbering.
  const readables: number[] = [];
  const compact = newest;
  for (let g = 0; g < ids; g++) {
    const r = newest[g]!;
    if (size[g]! >= 2 || (size[g] === 1 && r >= 0)) {
      compact[g] = readables.length;
      readables.push(r);
    } else compact[g] = -1;
  }
  const readable = Int32Array.from(readables);
  const folds = readable.length;
  // The fold docs, in doc order, with their folds: one pass over every doc, then passes over these
  // few (113,000 of 2.9 million at 100,000 pages).
  const memberDocs: number[] = [];
  const memberFolds: number[] = [];
  for (let d = 0; d < n; d++)
    if (headline(d) && compact[docGroup[d]!]! >= 0) {
      memberDocs.push(d);
      memberFolds.push(compact[docGroup[d]!]!);
    }
  const members = memberDocs.length;
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(words);
  for (const d of memberDocs) bits[d >>> 5]! |= 1 << (d & 31);
  const before = new Uint32Array(words);
  for (let w = 0, c = 0; w < words; w++) {
    before[w] = c;
    c += popcount(bits[w]!);
  }
  const foldOfMember = Int32Array.from(memberFolds);
  const start = new Uint32Array(folds + 1);
  for (const f of memberFolds) start[f + 1]!++;
  for (let g = 0; g < folds; g++) start[g + 1]! += start[g]!;
  const list = new Uint32Array(members);
  const next = start.slice(0, folds);
  for (let i = 0; i < members; i++) list[next[memberFolds[i]!]!++] = memberDocs[i]!;
  return { bits, before, foldOfMember, start, list, readable };
}

const FOLD_PARTS = ['bits', 'before', 'foldOfMember', 'start', 'list', 'readable'] as const;

/** The folds as one blob: their six lengths, then the six arrays (4-byte values all). */
export function foldsToBlob(folds: IndexFolds): Buffer {
  const parts = FOLD_PARTS.map((k) => folds[k]);
  const out = Buffer.alloc(4 * (parts.length + parts.reduce((s, p) => s + p.length, 0)));
  const words = new Uint32Array(out.buffer, out.byteOffset, out.length / 4);
  let at = parts.length;
  parts.forEach((p, i) => {
    words[i] = p.length;
    words.set(new Uint32Array(p.buffer, p.byteOffset, p.length), at);
    at += p.length;
  });
  return out;
}

export function foldsFromBlob(blob: Buffer): IndexFolds {
  const aligned = blob.byteOffset % 4 === 0 ? blob : Buffer.from(blob);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
  let at = FOLD_PARTS.length;
  const part = (i: number): Uint32Array => {
    const len = words[i]!;
    if (at + len > words.length) throw new Error('search index folds of the wrong size');
    return words.subarray(at, (at += len));
  };
  const [bits, before, foldOfMember, start, list, readable] = FOLD_PARTS.map((_, i) => part(i)) as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  const signed = (a: Uint32Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length);
  return { bits, before, foldOfMember: signed(foldOfMember), start, list, readable: signed(readable) };
}

/**
 * The matches with one per fold of headlines: the newest of each (the oldest when the list is
 * oldest first). Members of one fold share their title, so they match in the same tier. The matches
 * are kept in place (the others written over), not copied: a common query has a hundred thousand.
 */
export function foldMatches(
  index: SearchIndex,
  matches: Matches,
  sort: 'relevance' | 'newest' | 'oldest',
): { matches: Matches; counts: KindCounts } {
  const folds = foldsOf(index);
  const kind = index.kindRanks();
  // Per fold, 1 + the position of its best match so far (0: none); zeroed again below, so a query
  // allocates nothing per fold.
  if (bestBuffer.length < folds.readable.length) bestBuffer = new Int32Array(folds.readable.length);
  const best = bestBuffer;
  // Newest first is the time rank (no time read: a first query by relevance reads no times).
  const recency = sort === 'oldest' ? undefined : index.recency();
  const time = (d: number): number => index.time(d) ?? Infinity;
  // Matches in a fold of several headlines (about one in twenty): only they are looked at again.
  let infold = 0;
  // The rest are counted here, most of a million at a million pages: a loop of plain reads (a doc's
  // fold bit, its kind) with the headline count added rather than branched on.
  const { bits, before, foldOfMember, start } = folds;
  const md = matches.d;
  const length = matches.length;
  let headlines = 0;
  let rows = 0;
  for (let i = 0; i < length; i++) {
    const d = md[i]!;
    const w = d >>> 5;
    const word = (bits[w] ?? 0) >>> (d & 31);
    if (word & 1) {
      const g = foldOfMember[before[w]! + popcount(bits[w]! & ((1 << (d & 31)) - 1))]!;
      if (start[g + 1]! - start[g]! >= 2) {
        if (infold === inFolds.length) growInFolds();
        inFolds[infold] = i;
        foldIds[infold++] = g;
        const at = best[g]! - 1;
        if (at < 0) {
          best[g] = i + 1;
          rows++;
          headlines++; // a fold's docs are all headlines: one row each
          continue;
        }
        const o = md[at]!;
        const better = recency
          ? cmpTime(index, d, o, recency) < 0
          : time(d) < time(o) || (time(d) === time(o) && d < o);
        if (better) best[g] = i + 1;
        continue;
      }
    }
    rows++;
    headlines += kind[d] === 0 ? 1 : 0;
  }
  const counts = { readable: rows - headlines, headlines };
  // Drop every fold match but its fold's best, keeping the order.
  let kept = 0;
  let next = 0; // the next of inFolds
  for (let i = 0; i < length; i++) {
    if (next < infold && inFolds[next] === i) {
      if (best[foldIds[next++]!] !== i + 1) continue;
    }
    if (kept !== i) {
      matches.d[kept] = matches.d[i]!;
      matches.tier[kept] = matches.tier[i]!;
      matches.sub[kept] = matches.sub[i]!;
      matches.check[kept] = matches.check[i]!;
    }
    kept++;
  }
  for (let j = 0; j < infold; j++) best[foldIds[j]!] = 0;
  matches.length = kept;
  return { matches, counts };
}

/** Kept from one query to the next (as the matches are). */
let inFolds = new Uint32Array(1024);
let foldIds = new Int32Array(1024);

function growInFolds(): void {
  const [i, g] = [new Uint32Array(inFolds.length * 2), new Int32Array(inFolds.length * 2)];
  i.set(inFolds);
  g.set(foldIds);
  [inFolds, foldIds] = [i, g];
}
