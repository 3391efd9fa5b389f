/**
 * A pinyin query's titles added to its matches in the full pass (search-engine.ts): the titles found
 * by their pinyin (pinyin-docs.ts) raise a match to the pinyin's tier or join as matches.
 */
import type { SearchIndex } from './search-index.js';
import { TIER, type Matches } from './matches.js';
import { ascending, type PinyinDocs } from './pinyin-docs.js';

/**
 * Title pinyin matches (pinyin-docs.ts), full spelling first so a title found both ways keeps the
 * better tier: a match so far is raised to the pinyin tier, other docs are added. The matches so far
 * are in doc order, and so are the full spelling's additions: a doc's match is found by walking
 * both along the pinyin lists. Returns the docs it added.
 */
export function addPinyin(
  index: SearchIndex,
  letters: string,
  accept: ((d: number) => boolean) | undefined,
  matches: Matches,
  /** The titles found, if already looked up (the bitsets' way did, then found nothing to show). */
  found: PinyinDocs = index.pinyinDocs(letters),
): Uint32Array {
  const before = matches.length;
  for (const [list, tier] of [
    [found.full, TIER.titlePinyin],
    [found.initials, TIER.titleInitials],
  ] as const) {
    const end = matches.length;
    let i = 0;
    let j = before;
    const docs = ascending(list);
    for (let x = 0; x < docs.length; x++) {
      const d = docs[x]!;
      while (i < before && matches.d[i]! < d) i++;
      while (j < end && matches.d[j]! < d) j++;
      const at = i < before && matches.d[i] === d ? i : j < end && matches.d[j] === d ? j : -1;
      if (at >= 0) matches.settle(at);
      if (at >= 0 && matches.tier[at]! >= tier) continue;
      if (accept && !accept(d)) continue;
      if (at >= 0) {
        matches.tier[at] = tier;
        matches.sub[at] = 0;
      } else matches.push(d, tier, 0);
    }
  }
  // What was pushed (a common spelling adds most of a million docs: no array of numbers for them).
  return matches.d.slice(before, matches.length);
}
