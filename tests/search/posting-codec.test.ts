/** Appending an encoded list without decoding it writes the bytes its values would. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ListEncoder,
  decodeList,
  encodeList,
  scanEnds,
} from '../../src-main/archive/search/posting-codec.js';

/** Ascending lists, each starting past the last one's end (as a key's lists in segment order). */
const following = fc
  .array(fc.array(fc.integer({ min: 1, max: 2 ** 20 }), { minLength: 1, maxLength: 40 }), { maxLength: 8 })
  .map((gapLists) => {
    let v = -1;
    return gapLists.map((gaps) => gaps.map((g) => (v += g)));
  });

describe('posting codec', () => {
  it('scans a list for its ends and copies it after another as pushing its values would', () => {
    fc.assert(
      fc.property(following, (lists) => {
        const byValue = new ListEncoder();
        const byBytes = new ListEncoder();
        for (const l of lists) {
          const data = encodeList(l);
          const ends = scanEnds(data)!;
          expect(ends.first).toBe(l[0]);
          expect(ends.last).toBe(l.at(-1));
          expect(decodeList(data.subarray(0, ends.firstBytes))).toEqual(Uint32Array.of(l[0]!));
          byValue.pushLists([Uint32Array.from(l)]);
          byBytes.pushEncoded(data, ends);
        }
        expect(byBytes.bytes()).toEqual(byValue.bytes());
        expect([...decodeList(byBytes.bytes())]).toEqual(lists.flat());
      }),
    );
  });

  it('grows its buffer for a long list copied whole', () => {
    const long = Array.from({ length: 50_000 }, (_, i) => i * 1000 + 7);
    const enc = new ListEncoder();
    enc.push(3);
    const data = encodeList(long);
    enc.pushEncoded(data, scanEnds(data)!);
    expect([...decodeList(enc.bytes())]).toEqual([3, ...long]);
    expect(scanEnds(new Uint8Array(0))).toBeNull();
  });
});
