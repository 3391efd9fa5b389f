/**
 * How letters of a pinyin query can stand against each syllable, worked out once per query, so that
 * checking a title (PinyinStore.kinds) is arithmetic on syllable numbers, not string comparisons (a
 * common pinyin query checks a hundred thousand titles).
 */

export interface MatchPlan {
  letters: string;
  /** Syllables known when it was made (a new one makes it again). */
  count: number;
  /** Per syllable, bit p: the whole syllable is spelt at position p of the letters. */
  fit: Uint32Array;
  /** Per syllable, bit p: the letters from p on are the syllable's beginning (they end inside it). */
  tail: Uint32Array;
  len: Uint8Array;
  /** The syllable's first letter (its initial). */
  first: Uint16Array;
}

/** The plan of `letters` (at most 31) against the syllables `text` (by number). */
export function matchPlan(text: readonly string[], letters: string): MatchPlan {
  const n = letters.length;
  const count = text.length;
  const plan: MatchPlan = {
    letters,
    count,
    fit: new Uint32Array(count),
    tail: new Uint32Array(count),
    len: new Uint8Array(count),
    first: new Uint16Array(count),
  };
  for (let s = 0; s < count; s++) {
    const syl = text[s]!;
    plan.len[s] = Math.min(255, syl.length);
    plan.first[s] = syl.charCodeAt(0);
    for (let p = 0; p < n; p++) {
      if (p + syl.length <= n) {
        if (letters.startsWith(syl, p)) plan.fit[s]! |= 1 << p;
      } else if (syl.startsWith(letters.slice(p))) plan.tail[s]! |= 1 << p;
    }
  }
  return plan;
}
