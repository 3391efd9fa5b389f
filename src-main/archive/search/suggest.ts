/**
 * "Did you mean …" for a query that found nothing. A short Chinese query with one wrong character
 * (`温洲`, `孵花`, `海楠`, `挡建`) shares no bigram with any text, so the fuzzy ranking cannot reach it;
 * the index's own vocabulary can. Each character of the query is swapped for one that forms, with its
 * neighbours, bigrams the index holds: a swap that sounds the same (the same toneless pinyin, the
 * usual input-method slip) comes first, then the most frequent ones. Titles holding the best word
 * follow, then titles sharing most of the query's bigrams. Kept apart from the service so the
 * vocabulary walk can be read and tested alone.
 */
import type { pinyin as PinyinFn } from 'pinyin-pro';
import { FIELD, type SearchIndex } from './search-index.js';
import { MAX_SLOTS } from './search-engine.js';
import { CP_SPAN, isCjk, parseQuery, type ParsedQuery } from './search-text.js';
import { cmpTime } from './search-order.js';

let spell: typeof PinyinFn | undefined;

async function readings(): Promise<typeof PinyinFn> {
  spell ??= (await import('pinyin-pro')).pinyin;
  return spell;
}

/** Every toneless reading of one character ('' when it has none). */
function soundsOf(p: typeof PinyinFn, ch: string, cache: Map<string, string[]>): string[] {
  let found = cache.get(ch);
  if (!found) {
    found = p(ch, { toneType: 'none', multiple: true, type: 'array' }).map((s) => s.toLowerCase());
    cache.set(ch, found);
  }
  return found;
}

interface Candidate {
  word: string;
  homophone: boolean;
  weight: number;
}

/** How often a bigram occurs, titles counted four times over (upper bounds, no decoding). */
function weightOf(index: SearchIndex, a: number, b: number): number {
  const gram = a * CP_SPAN + b;
  return index.gramSize(gram, FIELD.any) + 4 * index.gramSize(gram, FIELD.title);
}

/** Words of the index one character away from `key` (2 to 4 CJK characters), best first. */
export async function closeWords(index: SearchIndex, key: string, limit = 4): Promise<string[]> {
  const chars = [...key];
  const cps = chars.map((c) => c.codePointAt(0)!);
  if (chars.length < 2 || chars.length > 4 || !cps.every(isCjk)) return [];
  const p = await readings();
  const cache = new Map<string, string[]>();
  const found = new Map<string, Candidate>();
  for (let i = 0; i < cps.length; i++) {
    // The swapped character must make a known bigram with a neighbour: take those of one neighbour,
    // then check every bigram of the new word.
    const neighbour = i > 0 ? cps[i - 1]! : cps[i + 1]!;
    const before = i > 0;
    const sounds = new Set(soundsOf(p, chars[i]!, cache));
    for (const gram of index.gramsWith(neighbour)) {
      if (gram < CP_SPAN) continue;
      const [a, b] = [Math.floor(gram / CP_SPAN), gram % CP_SPAN];
      if ((before ? a : b) !== neighbour) continue;
      const c = before ? b : a;
      if (c === cps[i] || !isCjk(c)) continue;
      const next = [...cps];
      next[i] = c;
      let weight = Infinity;
      let inTitles = true;
      for (let j = 0; j + 1 < next.length && weight > 0; j++) {
        weight = Math.min(weight, weightOf(index, next[j]!, next[j + 1]!));
        inTitles &&= index.gramSize(next[j]! * CP_SPAN + next[j + 1]!, FIELD.title) > 0;
      }
      if (!(weight > 0)) continue;
      const word = String.fromCodePoint(...next);
      const homophone = soundsOf(p, String.fromCodePoint(c), cache).some((s) => s && sounds.has(s));
      // A swap that does not sound alike must at least be a word of some title, not two
      // characters that happen to meet in a body ("海持" of "海持续").
      if (!homophone && !inTitles) continue;
      const old = found.get(word);
      if (!old || old.weight < weight) found.set(word, { word, homophone, weight });
    }
  }
  const ranked = [...found.values()].sort(
    (x, y) => Number(y.homophone) - Number(x.homophone) || y.weight - x.weight,
  );
  // A sound-alike is what was meant; other swaps only while few are offered.
  const homophones = ranked.filter((c) => c.homophone);
  const others = ranked.filter((c) => !c.homophone).slice(0, homophones.length ? 1 : 3);
  return [...homophones, ...others].slice(0, limit).map((c) => c.word);
}

export interface SuggestContext {
  index: SearchIndex;
  /** The title of doc d, if it is still in the catalog. */
  title: (d: number) => string | undefined;
  /** Docs holding all of a query's tokens, best first (the engine's ranking, no filters; the first few at least). */
  docsFor: (pq: ParsedQuery) => number[];
}

/** Close words, then titles holding the best of them, then titles near the query: up to `limit`. */
export async function suggest(
  { index, title, docsFor }: SuggestContext,
  pq: ParsedQuery,
  touched: number[],
  limit = 6,
  /** See EngineResult.titleTokens. */
  titleTokens?: Uint8Array,
): Promise<string[]> {
  const out: string[] = [];
  const add = (s: string | undefined): void => {
    if (s && !out.includes(s) && out.length < limit) out.push(s);
  };
  const words = pq.terms.length === 1 ? await closeWords(index, pq.phraseKey) : [];
  for (const w of words) add(w);
  if (words[0]) for (const d of docsFor(parseQuery(words[0])).slice(0, 3)) add(title(d));
  for (const t of nearTitles(index, pq, touched, title, titleTokens)) add(t);
  return out;
}

/** Titles sharing the most of the query's bigrams (the filters are ignored: they are hints). */
function nearTitles(
  index: SearchIndex,
  pq: ParsedQuery,
  touched: number[],
  title: (d: number) => string | undefined,
  titleTokens: Uint8Array | undefined,
): string[] {
  const grams = new Set<string>();
  for (const t of pq.terms) {
    const chars = [...t.key];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
    if (chars.length === 1) grams.add(chars[0]!);
  }
  const scored: { score: number; d: number }[] = [];
  // Chinese text only: the query's grams are its tokens, and a title holds a gram exactly when its
  // title postings hold the token, so the engine's count is the score (no title read; a common
  // bigram touches a large share of a big archive).
  const cjk = pq.terms.every((t) => [...t.key].every((c) => isCjk(c.codePointAt(0)!)));
  if (titleTokens && cjk && grams.size <= MAX_SLOTS) {
    for (let i = 0; i < touched.length; i++)
      if (titleTokens[i]! > 0 && index.alive(touched[i]!))
        scored.push({ score: titleTokens[i]!, d: touched[i]! });
  } else
    for (const d of touched) {
      const doc = index.alive(d) ? index.doc(d) : undefined;
      if (!doc) continue;
      let score = 0;
      for (const g of grams) if (doc.titleKey.includes(g)) score++;
      if (score > 0) scored.push({ score, d });
    }
  // Newer first by the time ranks: reading every doc's time for a hint cost memory at a million pages.
  scored.sort((a, b) => b.score - a.score || cmpTime(index, a.d, b.d));
  return scored.slice(0, 10).flatMap((s) => title(s.d) ?? []);
}
