/**
 * Exact matches as bitsets: a DocSet narrowed by lists is the intersection, whatever the sets held
 * for earlier queries; exactMatches gives every doc holding each token, in doc order, with the tier
 * its fields allow, as the rule says it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DocSet } from '../../src-main/archive/search/doc-set.js';
import { DEAD } from '../../src-main/archive/search/doc-state.js';
import { exactMatches, type TokenLists } from '../../src-main/archive/search/exact-matches.js';
import { CHECK, Matches, TIER } from '../../src-main/archive/search/matches.js';
import { listOf } from '../helpers/lists.js';

const docsOf = (n: number) =>
  fc.uniqueArray(fc.nat(n - 1), { maxLength: 300 }).map((a) => a.sort((x, y) => x - y));
/** A union of several lists (segments, or the grams of a lone character): split at random. */
const encoded = (docs: number[], cut: number): Uint8Array[] =>
  cut > 0 && cut < docs.length ? [listOf(docs.slice(0, cut)), listOf(docs.slice(cut))] : [listOf(docs)];
const members = (set: DocSet, n: number): number[] => {
  const out: number[] = [];
  for (let d = 0; d < n + 64; d++) if (set.has(d)) out.push(d);
  return out;
};

describe('DocSet', () => {
  it('adds, narrows, joins and lists like sets do, across reuse at other sizes', () => {
    const set = new DocSet();
    const scratch = new DocSet();
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 3000 })
          .chain((n) =>
            fc.tuple(fc.constant(n), docsOf(n), fc.array(fc.tuple(docsOf(n), fc.nat(300)), { maxLength: 4 })),
          ),
        fc.integer({ min: 1, max: 3000 }),
        ([n, first, others], limit) => {
          set.clear(n);
          scratch.clear(n);
          let expected = first.filter((d) => d < limit);
          expect(set.add([listOf(first)], Math.min(n, limit))).toBe(expected.length);
          // Adding docs it holds adds nothing.
          expect(set.add([listOf(expected)], n)).toBe(0);
          for (const [docs, cut] of others) {
            expected = expected.filter((d) => docs.includes(d));
            expect(set.keep(encoded(docs, cut), n, scratch)).toBe(expected.length > 0);
            expect(set.count()).toBe(expected.length);
          }
          expect(members(set, n)).toEqual(expected);
          expect(set.count()).toBe(expected.length);
          // The gathered docs: the alive ones (every third dead here, by its state byte, whatever its
          // kind), less another set's.
          const alive = Uint8Array.from({ length: n }, (_, d) =>
            d % 3 ? (d % 6 < 3 ? 0 : 2) : DEAD | (d % 2),
          );
          const other = new DocSet();
          other.clear(n);
          const without = others[0]?.[0] ?? [];
          for (const d of without) other.addDoc(d);
          expect(Array.from(set.docs(alive, other))).toEqual(
            expected.filter((d) => d % 3 && !without.includes(d)),
          );
          const union = new DocSet();
          union.clear(n);
          union.or(set);
          union.or(other);
          expect(members(union, n)).toEqual([...new Set([...expected, ...without])].sort((a, b) => a - b));
          expect(set.empty).toBe(expected.length === 0);
          expect(Array.from(scratch.bits).every((w) => w === 0)).toBe(true);
          const copy = new DocSet();
          copy.copy(set, n);
          expect(members(copy, n)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('exactMatches', () => {
  it('gives the docs holding every token, with the best tier their fields allow', () => {
    const n = 700;
    /** A token: the docs holding it anywhere, of which some in the title and some in the snippet. */
    const token = docsOf(n).chain((any) =>
      fc.record({
        any: fc.constant(any),
        title: fc.subarray(any),
        snippet: fc.subarray(any),
        cut: fc.nat(300),
      }),
    );
    const join = fc.record({ title: docsOf(n), snippet: docsOf(n) });
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 5 }),
        fc.array(join, { maxLength: 2 }),
        fc.boolean(),
        fc.nat(4),
        (tokens, joins, oneToken, mod) => {
          const lists: TokenLists[] = tokens.map((t) => ({
            lists: encoded(t.any, t.cut),
            title: [listOf(t.title)],
            snippet: [listOf(t.snippet)],
          }));
          const bySize = tokens
            .map((_, i) => i)
            .sort((a, b) => tokens[a]!.any.length - tokens[b]!.any.length);
          const accept = mod ? (d: number) => d % (mod + 1) !== 0 : undefined;
          const matches = new Matches();
          exactMatches(
            {
              tokens: lists,
              bySize,
              joins: joins.map((j) => ({ title: [listOf(j.title)], snippet: [listOf(j.snippet)] })),
              oneToken,
              n,
              accept,
            },
            matches,
          );
          const expected: [number, number, number][] = [];
          for (let d = 0; d < n; d++) {
            if (!tokens.every((t) => t.any.includes(d)) || (accept && !accept(d))) continue;
            const inTitle = tokens.every((t) => t.title.includes(d));
            const inSnippet = tokens.every((t) => t.snippet.includes(d));
            const titleJoin = joins.every((j) => j.title.includes(d));
            const snippetJoin = joins.every((j) => j.snippet.includes(d));
            const tier = inTitle
              ? titleJoin
                ? TIER.titlePhrase
                : TIER.titleTerms
              : inSnippet
                ? snippetJoin
                  ? TIER.snippetPhrase
                  : TIER.snippetTerms
                : TIER.body;
            const check = oneToken ? 0 : (inTitle ? CHECK.title : 0) | (inSnippet ? CHECK.snippet : 0);
            expected.push([d, tier, check]);
          }
          const got = Array.from({ length: matches.length }, (_, i) => [
            matches.d[i]!,
            matches.tier[i]!,
            matches.check[i]!,
          ]);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
