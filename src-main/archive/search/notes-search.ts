/**
 * Searching the user's own notes, highlighted quotes and bookmark notes. They live in the library
 * store and are few (thousands, not millions), so they are scanned directly with the same folding and
 * matching rules as articles instead of being indexed: Traditional or Simplified, typos, and pinyin
 * (full or initials, from a syllable's start, as titles are matched), e.g. `yinyan` for 引言.
 */
import type { Range } from './search-types.js';
import { foldFast, parseQuery, searchKey, type ParsedQuery } from './search-text.js';
import { contextSnippet } from './highlight.js';
import { loadPinyin, matchPinyin, pinyinRanges, titlePinyin, type TitlePinyin } from './pinyin.js';

export interface NoteDoc {
  /** Annotation id. */
  id: string;
  articleId: string;
  /** The note text, the quote, or both joined by a newline. */
  text: string;
}

export interface NoteHit {
  id: string;
  articleId: string;
  score: number;
  context: { text: string; ranges: Range[] };
}

/** Spellings of note texts, kept while the texts stay the same (notes are few and short). */
const spellings = new Map<string, TitlePinyin>();

function spellingOf(text: string): TitlePinyin {
  let p = spellings.get(text);
  if (!p) {
    if (spellings.size > 20_000) spellings.clear();
    p = titlePinyin(text);
    spellings.set(text, p);
  }
  return p;
}

/** A note matched by the pinyin of its text: the spelled characters marked, about 80 around them. */
function pinyinHit(n: NoteDoc, letters: string): NoteHit | undefined {
  const p = spellingOf(n.text);
  const m = matchPinyin(p, letters);
  if (!m) return undefined;
  const ranges = pinyinRanges(n.text, p, m.first, m.last);
  const from = Math.max(0, ranges[0]![0] - 40);
  const to = Math.min(n.text.length, ranges.at(-1)![1] + 40);
  const shifted = ranges.map(([a, b]): Range => [a - from, b - from]);
  return {
    id: n.id,
    articleId: n.articleId,
    score: m.full ? 0.9 : 0.6,
    context: { text: n.text.slice(from, to), ranges: shifted },
  };
}

export async function searchNotes(q: string, notes: NoteDoc[], limit = 20): Promise<NoteHit[]> {
  const pq = parseQuery(q);
  if (pq.pinyin) await loadPinyin();
  return matchNotes(pq, notes, limit);
}

function matchNotes(pq: ParsedQuery, notes: NoteDoc[], limit: number): NoteHit[] {
  if (!pq.terms.length && !pq.pinyin) return [];
  const hits: NoteHit[] = [];
  for (const n of notes) {
    const key = searchKey(foldFast(n.text));
    let score = 0;
    if (key.includes(pq.phraseKey)) score = 2;
    else if (pq.terms.every((t) => key.includes(t.key))) score = 1;
    else {
      // Fuzzy: share of the query's bigrams present, as for articles.
      const chars = [...pq.phraseKey];
      let total = 0;
      let found = 0;
      for (let i = 0; i + 1 < chars.length; i++) {
        total++;
        if (key.includes(chars[i]! + chars[i + 1]!)) found++;
      }
      if (total >= 3 && found >= Math.max(1, total - 2) && found / total >= 0.5) score = found / total / 2;
    }
    if (score <= 0) {
      const spelled = pq.pinyin ? pinyinHit(n, pq.pinyin) : undefined;
      if (spelled) hits.push(spelled);
      continue;
    }
    const context = contextSnippet(n.text, pq, true)!;
    hits.push({ id: n.id, articleId: n.articleId, score, context });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}
