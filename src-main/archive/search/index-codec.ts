/**
 * The search index's low-level pieces: letter pairs and trigrams of pinyin as numbers, and doc lists
 * being built. (Lists on disk: posting-codec.ts.)
 */
import { DocList } from './gram-table.js';

/** Letters text[i..i+2) (a-z) as one number below 2^10. */
export function letterPair(text: string, i: number): number {
  return ((text.charCodeAt(i) & 31) << 5) | (text.charCodeAt(i + 1) & 31);
}

/** Letters text[i..i+3) (a-z) as one number below 2^15. */
export function letterTrigram(text: string, i: number): number {
  return (
    ((text.charCodeAt(i) & 31) << 10) | ((text.charCodeAt(i + 1) & 31) << 5) | (text.charCodeAt(i + 2) & 31)
  );
}

/**
 * Letters text[i..i+4) (a-z) as one number from 2^15 to below 2^15 + 2^20: apart from the trigrams,
 * in the same field.
 */
export function letterQuad(text: string, i: number): number {
  return (1 << 15) + letterTrigram(text, i) * 32 + (text.charCodeAt(i + 3) & 31);
}

/** FNV-1a in two lanes (the second seeded with `seed2`), as two unsigned 32-bit numbers. */
export function hash2(s: string, seed2: number): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = seed2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return [h1 >>> 0, h2 >>> 0];
}

export function push<K>(map: Map<K, DocList>, k: K, d: number): void {
  let list = map.get(k);
  if (!list) map.set(k, (list = new DocList()));
  list.push(d);
}
