/**
 * A match of several terms is first taken at the best tier its fields allow: the phrase there only if
 * the bigram joining the terms is there too (or the first character followed by a character the
 * tokenizer takes as CJK and the folded key drops). Settling never raises a tier, so the bound holds.
 */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { TIER, runQuery } from '../../src-main/archive/search/search-engine.js';
import { isCjk, parseQuery, searchKey } from '../../src-main/archive/search/search-text.js';
import { CJK_SEPARATORS } from '../../src-main/archive/search/phrase-joins.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { tempDir } from '../helpers/tmp.js';

const TITLES = [
  '打造近邻党建主心骨', // the terms apart
  '主心骨近邻党建工作', // the phrase
  '主心骨・近邻党建', // the phrase, through a katakana middle dot (CJK to the tokenizer, dropped by the key)
  '主心骨 “近邻党建”', // the phrase, through a space and quotes
  '主心骨゠゠近邻党建', // through two of them
  '心骨主 近邻党建', // the terms' bigrams, not the first term
];

describe('the phrase bound of several terms', () => {
  it('knows every character the tokenizer takes as CJK and the folded key drops', () => {
    const dropped: number[] = [];
    for (let cp = 0; cp <= 0x3134f; cp++)
      if ((cp < 0xd800 || cp > 0xdfff) && isCjk(cp) && searchKey(String.fromCodePoint(cp)) === '')
        dropped.push(cp);
    expect(dropped).toEqual([...CJK_SEPARATORS]);
  });

  it('never takes a match below the tier its strings give', async () => {
    const feed = new MemoryFeed();
    TITLES.forEach((title, i) =>
      feed.put({
        id: `t${i}`,
        title,
        kind: 'brief',
        snippet: TITLES[(i + 1) % TITLES.length]!,
        publishedAt: '2022-09-13T08:49:19+08:00',
        sources: [`/p${i}.txt`],
      }),
    );
    const { index } = await SearchService.open(feed, await tempDir());
    const pq = parseQuery('主心骨 近邻党建');
    const { matches } = runQuery(index, pq, undefined, index.recency());
    const optimistic = new Map(
      Array.from({ length: matches.length }, (_, i) => [matches.d[i]!, matches.tier[i]!]),
    );
    matches.settleAll();
    const settled = new Map(
      Array.from({ length: matches.length }, (_, i) => [matches.d[i]!, matches.tier[i]!]),
    );
    for (const [d, tier] of settled) expect(optimistic.get(d)!).toBeGreaterThanOrEqual(tier);
    const tierOf = (title: string): number => settled.get(index.docOf(`t${TITLES.indexOf(title)}`)!)!;
    expect(tierOf('打造近邻党建主心骨')).toBe(TIER.titleTerms);
    for (const t of TITLES.slice(1, 5)) expect(tierOf(t), t).toBe(TIER.titlePhrase);
    // The terms apart were taken at the terms' tier from the start (no title to read for them).
    expect(optimistic.get(index.docOf('t0')!)).toBe(TIER.titleTerms);
  });
});
