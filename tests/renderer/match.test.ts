/** Highlight segments: ranges to {text, marked} pieces that always add up to the original text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { segments } from '../../src-renderer/src/lib/match';

describe('segments', () => {
  it('splits at the ranges', () => {
    expect(segments('近邻党建主心骨', [[0, 4]])).toEqual([
      { text: '近邻党建', marked: true, range: 0 },
      { text: '主心骨', marked: false },
    ]);
  });

  it('keeps empty text as one plain segment', () => {
    expect(segments('', [[0, 3]])).toEqual([{ text: '', marked: false }]);
  });

  it('always reassembles the text, with marks inside it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 })), {
          maxLength: 6,
        }),
        (text, ranges) => {
          const parts = segments(text, ranges);
          expect(parts.map((p) => p.text).join('')).toBe(text);
          // No two marked segments touch: overlapping ranges are merged.
          for (let i = 1; i < parts.length; i++) expect(parts[i]!.marked && parts[i - 1]!.marked).toBe(false);
        },
      ),
    );
  });
});
