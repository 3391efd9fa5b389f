/**
 * Searching the user's own notes and highlighted quotes. They live in the library store and are few
 * (thousands, not millions), so they are scanned directly with the same folding and matching rules
 * as articles instead of being indexed.
 */
import type { Range } from './search-types.js';
import { foldFast, parseQuery, searchKey } from './search-text.js';
import { contextSnippet } from './highlight.js';

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

export function searchNotes(q: string, notes: NoteDoc[], limit = 20): NoteHit[] {
  const pq = parseQuery(q);
  if (!pq.terms.length) return [];
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
    if (score <= 0) continue;
    const context = contextSnippet(n.text, pq, true)!;
    hits.push({ id: n.id, articleId: n.articleId, score, context });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}
