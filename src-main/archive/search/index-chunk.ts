/**
 * One build chunk: the articles indexed since the last commit, as doc rows and the postings of their
 * tokens (what is indexed of an article, and in which fields, is decided in article-terms.ts). A chunk
 * is bounded by its postings, not by the archive: when it is full the build commits it as one segment.
 */
import { CP_SPAN } from './search-text.js';
import { GramTable, type DocList } from './gram-table.js';
import { push } from './index-codec.js';
import { FIELD, FIELD_SPAN, PAIR_SPAN } from './index-records.js';
import type { SegmentInput } from './postings-store.js';
import { encodeSyllables } from './syllables.js';
import type { ArticleTerms } from './article-terms.js';

/** A doc as its row is written. */
export interface DocRow {
  d: number;
  id: string;
  titleKey: string;
  snippetKey: string;
  pinyin: string;
  time: number | null;
  kind: number;
  grp: number;
  fold: number;
  sig: string;
  /** The title's pinyin as syllable numbers (see pinyin-store.ts). */
  py: Buffer;
}

/** What the chunk needs from the index around it: a doc number and a fold for each new doc. */
export interface ChunkHost {
  /** Allocate the next doc number. */
  addDoc(time: number | null, rank: number, group: number): number;
  /** The number of a pinyin syllable. */
  syllableId(syllable: string): number;
  /** The fold id of a folded title (existing or new; this chunk's own are in `chunk.groups`). */
  foldOf(chunk: IndexChunk, titleKey: string, hash: number): number;
}

export class IndexChunk {
  readonly rows: DocRow[] = [];
  /** Docs of earlier chunks that died in this one. */
  readonly killed: number[] = [];
  /** Article id -> its doc in this chunk, or null when removed in this chunk. */
  readonly current = new Map<string, { d: number; sig: string } | null>();
  readonly grams: GramTable;
  readonly words = new Map<string, DocList>();
  /** Folded title -> fold id, for the docs of this chunk (not yet in the docs table). */
  readonly groups = new Map<string, number>();
  /** Postings added (the chunk's size). */
  postings = 0;
  /** Body characters read (for yielding to the event loop). */
  chars = 0;
  /** Change number the chunk reaches once committed. */
  seq = 0;

  /** `grams`: the last chunk's table, emptied and used again (its arrays grown to a chunk's size). */
  constructor(
    readonly firstDoc: number,
    grams?: GramTable,
  ) {
    grams?.clear();
    this.grams = grams ?? new GramTable();
  }

  /** Index an article, analysed (article-terms.ts), under a new doc number. */
  add(host: ChunkHost, id: string, t: ArticleTerms, sig: string): number {
    const grp = host.foldOf(this, t.titleKey, t.fold);
    const d = host.addDoc(t.time, t.kind, grp);
    const grams = this.grams;
    for (let i = 0; i < t.keys.length; i++) grams.push(t.keys[i]!, d);
    const ids = t.syllables.map((s) => host.syllableId(s));
    const pinyin = syllableKeys(ids);
    for (const k of pinyin) grams.push(k, d);
    for (const w of t.words) push(this.words, w, d);
    this.postings += t.keys.length + pinyin.length + t.words.length;
    this.chars += t.chars;
    this.rows.push({
      d,
      id,
      titleKey: t.titleKey,
      snippetKey: t.snippetKey,
      pinyin: t.pinyin,
      time: t.time,
      kind: t.kind,
      grp,
      fold: t.fold,
      sig,
      py: encodeSyllables(ids),
    });
    this.current.set(id, { d, sig });
    return d;
  }

  /** The chunk's postings as one segment (the neighbour lists of its bigrams included). */
  segment(): SegmentInput {
    const nbrs = new Map<number, number[]>();
    const add = (cp: number, v: number): void => {
      const list = nbrs.get(cp);
      if (list) list.push(v);
      else nbrs.set(cp, [v]);
    };
    const grams: [number, Uint32Array][] = [];
    for (const [k, list] of this.grams.entries()) {
      grams.push([k, list.view()]);
      if (k >= FIELD_SPAN) continue; // other fields hold a subset of ANY's grams
      if (k < CP_SPAN)
        add(k, 1); // a lone character: "other 0, second side" decodes to k itself
      else {
        const a = Math.floor(k / CP_SPAN);
        const b = k % CP_SPAN;
        add(a, b * 2);
        add(b, a * 2 + 1);
      }
    }
    const words: [string, Uint32Array][] = [];
    for (const [w, list] of this.words) words.push([w, list.view()]);
    return { grams, words, nbrs };
  }
}

/**
 * The SYLLABLES and PAIRS keys of a title's syllable numbers (see FIELD), each once: known only here,
 * where syllables are numbered (the workers analysing articles know their letters).
 */
function syllableKeys(ids: readonly number[]): number[] {
  const seen = new Set<number>(); // a syllable as -1 - s, a pair as a * PAIR_SPAN + b (small integers)
  const keys: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    if (!seen.has(-1 - s)) {
      seen.add(-1 - s);
      keys.push(s + FIELD.syllables * FIELD_SPAN);
    }
    if (i + 1 === ids.length) break;
    const pair = s * PAIR_SPAN + ids[i + 1]!;
    if (!seen.has(pair)) {
      seen.add(pair);
      keys.push(pair + FIELD.pairs * FIELD_SPAN);
    }
  }
  return keys;
}
