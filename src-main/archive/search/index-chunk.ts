/**
 * One build chunk: the articles indexed since the last commit, as doc rows and the postings of their
 * tokens (what is indexed of an article, and in which fields, is decided here). A chunk is bounded by
 * its postings, not by the archive: when it is full the build commits it as one segment.
 */
import { CP_SPAN, foldFast, searchKey, tokenize, type Tokens } from './search-text.js';
import { encodePinyin, titlePinyin } from './pinyin.js';
import { GramTable, type DocList } from './gram-table.js';
import { letterPair, letterTrigram, push } from './index-codec.js';
import { FIELD, FIELD_SPAN, INDEX_BODY_CHARS, WORD_FIELD, docTime, type Field } from './index-records.js';
import type { IndexedArticle } from './index-feed.js';
import type { SegmentInput } from './postings-store.js';
import { encodeSyllables, syllablesOf } from './pinyin-store.js';

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
  readonly grams = new GramTable();
  readonly words = new Map<string, DocList>();
  /** Folded title -> fold id, for the docs of this chunk (not yet in the docs table). */
  readonly groups = new Map<string, number>();
  /** Postings added (the chunk's size). */
  postings = 0;
  /** Body characters read (for yielding to the event loop). */
  chars = 0;
  /** Change number the chunk reaches once committed. */
  seq = 0;
  // Reused for every article: no per-article token garbage.
  #toks: Tokens = { grams: [], words: [] };

  constructor(readonly firstDoc: number) {}

  /** Index an article under a new doc number; `body` is its loaded body, if any. */
  add(
    host: ChunkHost,
    a: IndexedArticle,
    body: { blocks: { text: string }[] } | undefined,
    sig: string,
  ): number {
    const titleFolded = foldFast(a.title);
    const snippetFolded = a.snippet ? foldFast(a.snippet) : '';
    const titleKey = searchKey(titleFolded);
    const time = docTime(a.publishedAt);
    const kind = a.kind === 'full' ? 2 : a.kind === 'brief' ? 1 : 0;
    const fold = foldHash(titleKey);
    const grp = host.foldOf(this, titleKey, fold);
    const d = host.addDoc(time, kind, grp);
    const toks = this.#toks;
    const grams = this.grams;
    const post = (text: string, field: Field = FIELD.any): void => {
      toks.grams.length = 0;
      toks.words.length = 0;
      tokenize(text, toks);
      const span = field * FIELD_SPAN;
      for (const g of toks.grams) {
        grams.push(g, d);
        if (field) grams.push(g + span, d);
      }
      for (const w of toks.words) {
        push(this.words, w, d);
        if (field) push(this.words, WORD_FIELD[field] + w, d);
      }
      this.postings += (toks.grams.length + toks.words.length) * (field ? 2 : 1);
    };
    post(titleFolded, FIELD.title);
    if (a.label) post(foldFast(a.label));
    if (snippetFolded) post(snippetFolded, FIELD.snippet);
    if (a.byline) post(foldFast(a.byline));
    // Each block on its own, so no bigram spans two paragraphs; past the budget a body is not indexed
    // (a real article is a few thousand characters; a hostile one must not grow the index without end).
    let budget = INDEX_BODY_CHARS;
    for (const b of body?.blocks ?? []) {
      if (budget <= 0) break;
      const text = b.text.length > budget ? b.text.slice(0, budget) : b.text;
      budget -= text.length;
      this.chars += text.length;
      post(foldFast(text));
    }
    const py = titlePinyin(a.title);
    for (let i = 0; i + 3 <= py.full.length; i++)
      grams.push(letterTrigram(py.full, i) + FIELD.pinyin * FIELD_SPAN, d);
    for (let i = 0; i + 3 <= py.initials.length; i++)
      grams.push(letterTrigram(py.initials, i) + FIELD.initials * FIELD_SPAN, d);
    for (const i of py.starts)
      if (i + 2 <= py.full.length) grams.push(letterPair(py.full, i) + FIELD.syllable * FIELD_SPAN, d);
    for (let i = 0; i + 2 <= py.initials.length; i++)
      grams.push(letterPair(py.initials, i) + FIELD.initials2 * FIELD_SPAN, d);
    this.postings += py.full.length + py.initials.length * 2 + py.starts.length;
    this.rows.push({
      d,
      id: a.id,
      titleKey,
      snippetKey: searchKey(snippetFolded),
      pinyin: encodePinyin(py),
      time,
      kind,
      grp,
      fold,
      sig,
      py: encodeSyllables(syllablesOf(py.full, py.starts).map((s) => host.syllableId(s))),
    });
    this.current.set(a.id, { d, sig });
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

/** A 48-bit hash of a folded title: the docs table is indexed on it to find a title's fold. */
export function foldHash(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x10000 + ((h2 >>> 0) & 0xffff);
}
