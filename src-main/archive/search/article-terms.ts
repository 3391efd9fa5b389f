/**
 * What the index keeps of one article, worked out from the article alone: its folded keys, title
 * pinyin and every distinct token with its field. This is most of a build's work (folding,
 * tokenizing, pinyin) and needs nothing from the index, so it runs in worker threads
 * (index-workers.ts) while the build thread numbers docs, fills the postings and commits.
 */
import { foldFast, searchKey, tokenize, type Tokens } from './search-text.js';
import { encodePinyin, titlePinyin } from './pinyin.js';
import { hash2, letterPair, letterQuad, letterTrigram } from './index-codec.js';
import { FIELD, FIELD_SPAN, INDEX_BODY_CHARS, WORD_FIELD, docTime, type Field } from './index-records.js';
import { syllablesOf } from './syllables.js';
import type { IndexedArticle } from './index-feed.js';

/** An article as the build hands it to be analysed: its metadata and its body's block texts. */
export interface TermsInput {
  article: IndexedArticle;
  /** The body's blocks, when it has one on disk. */
  blocks?: string[] | undefined;
}

export interface ArticleTerms {
  titleKey: string;
  snippetKey: string;
  /** Hash of the folded title (see foldHash): the docs table finds a title's fold by it. */
  fold: number;
  time: number | null;
  /** 2 full, 1 brief, 0 headline only. */
  kind: number;
  /** Encoded title pinyin (see encodePinyin). */
  pinyin: string;
  /**
   * The title's pinyin syllables, in order (their SYLLABLES and PAIRS keys are added where they are
   * numbered: IndexChunk.add).
   */
  syllables: string[];
  /** Distinct gram keys, field included (`gram + field * FIELD_SPAN`). */
  keys: Float64Array;
  /** Distinct words, field prefix included (`WORD_FIELD[field] + word`). */
  words: string[];
  /** Body characters read. */
  chars: number;
}

/** Analyse one article (pinyin must be loaded: see loadPinyin). */
export function articleTerms({ article: a, blocks }: TermsInput): ArticleTerms {
  const keys: number[] = [];
  const words = new Set<string>();
  const toks: Tokens = { grams: [], words: [] };
  const post = (text: string, field: Field = FIELD.any): void => {
    toks.grams.length = 0;
    toks.words.length = 0;
    tokenize(text, toks);
    const span = field * FIELD_SPAN;
    for (const g of toks.grams) {
      keys.push(g);
      if (field) keys.push(g + span);
    }
    for (const w of toks.words) {
      words.add(w);
      if (field) words.add(WORD_FIELD[field] + w);
    }
  };
  const titleFolded = foldFast(a.title);
  const snippetFolded = a.snippet ? foldFast(a.snippet) : '';
  const titleKey = searchKey(titleFolded);
  post(titleFolded, FIELD.title);
  if (a.label) post(foldFast(a.label));
  if (snippetFolded) post(snippetFolded, FIELD.snippet);
  if (a.byline) post(foldFast(a.byline));
  // Each block on its own, so no bigram spans two paragraphs; past the budget a body is not indexed
  // (a real article is a few thousand characters; a hostile one must not grow the index without end).
  let budget = INDEX_BODY_CHARS;
  let chars = 0;
  for (const block of blocks ?? []) {
    if (budget <= 0) break;
    const text = block.length > budget ? block.slice(0, budget) : block;
    budget -= text.length;
    chars += text.length;
    post(foldFast(text));
  }
  const py = titlePinyin(a.title);
  const field = (f: Field, gram: number): void => void keys.push(gram + f * FIELD_SPAN);
  for (let i = 0; i + 3 <= py.initials.length; i++) field(FIELD.initials, letterTrigram(py.initials, i));
  for (let i = 0; i + 4 <= py.initials.length; i++) field(FIELD.initials, letterQuad(py.initials, i));
  for (const i of py.starts) if (i + 2 <= py.full.length) field(FIELD.syllable, letterPair(py.full, i));
  for (let i = 0; i + 2 <= py.initials.length; i++) field(FIELD.initials2, letterPair(py.initials, i));
  return {
    titleKey,
    snippetKey: searchKey(snippetFolded),
    fold: foldHash(titleKey),
    time: docTime(a.publishedAt),
    kind: a.kind === 'full' ? 2 : a.kind === 'brief' ? 1 : 0,
    pinyin: encodePinyin(py),
    syllables: syllablesOf(py.full, py.starts),
    keys: distinct(keys),
    words: [...words],
    chars,
  };
}

/** The keys sorted, each once (a typed sort: keys pass 2^31, where a Set would box every one). */
function distinct(keys: number[]): Float64Array {
  const sorted = Float64Array.from(keys).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** A 48-bit hash of a folded title: the docs table is indexed on it to find a title's fold. */
export function foldHash(key: string): number {
  const [h1, h2] = hash2(key, 0x2545f491);
  return h1 * 0x10000 + (h2 & 0xffff);
}
