/**
 * What the index keeps of an article: each gram key once, and the same keys whatever was analysed
 * before it (a run of articles sharing keys, then one larger than any before).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleTerms } from '../../src-main/archive/search/article-terms.js';
import { loadPinyin } from '../../src-main/archive/search/pinyin.js';

const CHARS = '党建城市基层工作综述福建全面加强东莞近邻主心骨abc12 ，。';

describe('articleTerms', () => {
  it('gives each key once, the same keys alone or after other articles', async () => {
    await loadPinyin();
    const text = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 400 }).map((c) => c.join(''));
    const article = fc.record({ title: text, body: fc.array(text, { maxLength: 12 }) });
    const terms = (a: { title: string; body: string[] }) =>
      articleTerms({ article: { id: 'x', title: a.title, kind: 'full' }, blocks: a.body });
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 8 }), (articles) => {
        const inRun = articles.map((a) => [...terms(a).keys]);
        articles.forEach((a, i) => {
          const keys = inRun[i]!;
          expect(new Set(keys).size).toBe(keys.length);
          // Afresh: the same article after a large one that shares none of its keys.
          terms({ title: 'zzz', body: ['qqqq '.repeat(300)] });
          expect([...terms(a).keys].sort()).toEqual([...keys].sort());
        });
      }),
      { numRuns: 60 },
    );
  });
});
