/** The k-th largest selection the engine uses instead of sorting every match's key. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kthLargest } from '../../src-main/archive/search/search-engine.js';

describe('kthLargest', () => {
  it('agrees with a full sort, duplicates included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 400 }),
        (values, k) => {
          const keys = Float64Array.from(values);
          const sorted = [...values].sort((a, b) => a - b);
          expect(kthLargest(keys, k)).toBe(sorted[Math.max(0, sorted.length - k)]);
          expect([...keys]).toEqual(values); // the input is left as it was
        },
      ),
    );
  });

  it('agrees with a full sort past the heap pass (k over 1,024)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1000, maxLength: 3000 }),
        fc.integer({ min: 1000, max: 3200 }),
        (values, k) => {
          const keys = Float64Array.from(values);
          const sorted = [...values].sort((a, b) => a - b);
          expect(kthLargest(keys, k)).toBe(sorted[Math.max(0, sorted.length - k)]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
