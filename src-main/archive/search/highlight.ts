/**
 * Highlights: where the query sits in a title and in a ~80-character context cut from the body (or
 * snippet). Matching happens on folded keys; every range is mapped back to the ORIGINAL string that is
 * returned, so the renderer can mark it with plain text nodes.
 */
import type { Range } from './search-types.js';
import { foldFast, mappedKey, stripSeparators, type MappedKey, type ParsedQuery } from './search-text.js';

const CONTEXT_CHARS = 80;
/** Articles whose folded block keys are kept (a few pages of hits). */
export const KEY_CACHE_MAX = 200;
const LEAD_CHARS = 24;

/** The strings to look for, best first: phrase, terms, then (for fuzzy hits) bigrams and words. */
function needles(pq: ParsedQuery): { exact: string[]; loose: string[] } {
  const exact = [pq.phraseKey, ...pq.terms.map((t) => t.key)].filter((s, i, a) => s && a.indexOf(s) === i);
  const loose = new Set<string>();
  for (const t of pq.terms) {
    const chars = [...t.key];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (/\p{Script=Han}/u.test(chars[i]!) && /\p{Script=Han}/u.test(chars[i + 1]!))
        loose.add(chars[i]! + chars[i + 1]!);
    }
    for (const w of t.words) loose.add(w);
  }
  return { exact, loose: [...loose] };
}

/** Key ranges of every occurrence of the needles (exact ones; loose ones only if no exact hit). */
function keyRanges(key: string, pq: ParsedQuery): { ranges: Range[]; exact: boolean } {
  const { exact, loose } = needles(pq);
  const found = (list: string[]): Range[] => {
    const out: Range[] = [];
    for (const s of list)
      for (let i = key.indexOf(s); i >= 0; i = key.indexOf(s, i + 1)) out.push([i, i + s.length]);
    return out;
  };
  const ex = found(exact);
  if (ex.length) return { ranges: merge(ex), exact: true };
  return { ranges: merge(found(loose)), exact: false };
}

function toOriginal(mk: MappedKey, r: Range): Range {
  return [mk.start[r[0]]!, mk.end[r[1] - 1]!];
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function titleRanges(title: string, pq: ParsedQuery): Range[] {
  const mk = mappedKey(title);
  return merge(keyRanges(mk.key, pq).ranges.map((r) => toOriginal(mk, r)));
}

/**
 * About 80 characters of `text` around its best match, with the match ranges inside it. Undefined
 * when nothing of the query is in the text and `fallback` is false.
 */
/**
 * The context from a body: the block holding the best match (whole phrase, else the most needles),
 * so only that block is mapped back character by character.
 */
export function bodyContext(
  blocks: string[],
  pq: ParsedQuery,
  keyCache?: Map<string, string[]>,
  cacheKey?: string,
): { text: string; ranges: Range[] } | undefined {
  const { exact, loose } = needles(pq);
  let best = -1;
  let bestScore = 0;
  // Blocks are folded one at a time and only until the phrase turns up (most hits have it early);
  // folded keys of recent hits are kept, so the next keystroke's query reuses them.
  const cached = cacheKey ? keyCache?.get(cacheKey) : undefined;
  const keys = cached ?? [];
  for (let i = 0; i < blocks.length; i++) {
    const key = (keys[i] ??= stripSeparators(foldFast(blocks[i]!)));
    if (pq.phraseKey && key.includes(pq.phraseKey)) {
      best = i;
      break;
    }
    let score = 0;
    for (const n of exact) if (key.includes(n)) score += 2 * n.length;
    if (!score) for (const n of loose) if (key.includes(n)) score += n.length;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  if (keyCache && cacheKey && !cached) {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(cacheKey, keys);
  }
  return best >= 0 ? contextSnippet(blocks[best]!, pq, false) : undefined;
}

export function contextSnippet(
  text: string,
  pq: ParsedQuery,
  fallback: boolean,
): { text: string; ranges: Range[] } | undefined {
  if (!text) return undefined;
  const mk = mappedKey(text);
  const { ranges } = keyRanges(mk.key, pq);
  let from = 0;
  const phraseAt = pq.terms.length > 1 ? mk.key.indexOf(pq.phraseKey) : -1;
  if (phraseAt >= 0) {
    // The whole phrase somewhere beats any cluster of its parts.
    from = Math.max(0, mk.start[phraseAt]! - LEAD_CHARS);
  } else if (ranges.length) {
    // The densest spot: the range that starts the window holding the most matched characters.
    let bestAt = 0;
    let bestScore = -1;
    for (let i = 0; i < ranges.length; i++) {
      const startOrig = mk.start[ranges[i]![0]]!;
      let score = 0;
      for (let j = i; j < ranges.length; j++) {
        const r = toOriginal(mk, ranges[j]!);
        if (r[1] > startOrig + CONTEXT_CHARS - LEAD_CHARS) break;
        score += r[1] - r[0];
      }
      if (score > bestScore) {
        bestScore = score;
        bestAt = i;
      }
    }
    from = Math.max(0, mk.start[ranges[bestAt]![0]]! - LEAD_CHARS);
  } else if (!fallback) return undefined;
  let to = Math.min(text.length, from + CONTEXT_CHARS);
  if (to - from < CONTEXT_CHARS) from = Math.max(0, to - CONTEXT_CHARS);
  // Never cut a surrogate pair.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const head = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const cut = head + text.slice(from, to).replace(/\s+/g, (s) => ' '.repeat(s.length)) + tail;
  const shift = head.length - from;
  const out: Range[] = [];
  for (const r of ranges) {
    const [s, e] = toOriginal(mk, r);
    const cs = Math.max(s, from);
    const ce = Math.min(e, to);
    if (cs < ce) out.push([cs + shift, ce + shift]);
  }
  return { text: cut, ranges: out };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
