/** The allocation-free pinyin check the engine uses agrees with the decoding one the hits use. */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  encodePinyin,
  loadPinyin,
  matchPinyin,
  pinyinMatchKind,
  titlePinyin,
} from '../../src-main/archive/search/pinyin.js';
import { PinyinStore } from '../../src-main/archive/search/pinyin-store.js';
import { Syllables, encodeSyllables, syllablesOf } from '../../src-main/archive/search/syllables.js';

const CHARS = [...'福建全面加强城市基层党建工作综述打造近邻主心骨西安先生AI2022年，“”'];

describe('pinyinMatchKind', () => {
  beforeAll(loadPinyin);

  it('agrees with matchPinyin on titles and on letters cut from their spelling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 14 }),
        fc.constantFrom('full', 'initials', 'random'),
        (chars, at, len, from) => {
          const py = titlePinyin(chars.join(''));
          const source = from === 'full' ? py.full : from === 'initials' ? py.initials : 'xianangjiandj';
          const start = source.length ? at % source.length : 0;
          const letters = source.slice(start, start + len) || 'a';
          const expected = matchPinyin(py, letters);
          const kind = expected ? (expected.full ? 'full' : 'initials') : undefined;
          expect(pinyinMatchKind(encodePinyin(py), letters)).toBe(kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with the check on the syllable numbers the index keeps in memory', () => {
    const syllables = new Syllables();
    // Numbers past 127 take two bytes: the real syllables get those.
    for (let i = 0; i < 200; i++) syllables.id(`filler${i}`);
    const store = new PinyinStore(syllables);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 40 }), // past 31 letters: the check by strings
        fc.constantFrom('full', 'initials', 'random'),
        (chars, at, len, from) => {
          const py = titlePinyin(chars.join(''));
          const d = store.n;
          store.set(d, encodeSyllables(syllablesOf(py.full, py.starts).map((s) => store.syllables.id(s))));
          const source = from === 'full' ? py.full : from === 'initials' ? py.initials : 'xianangjiandj';
          const start = source.length ? at % source.length : 0;
          const letters = source.slice(start, start + len) || 'a';
          expect(store.matchKind(d, letters)).toBe(pinyinMatchKind(encodePinyin(py), letters));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('starts the full spelling at a syllable and lets it end inside one (typing in progress)', () => {
    const py = titlePinyin('西安建设');
    const enc = encodePinyin(py);
    expect(pinyinMatchKind(enc, 'xian')).toBe('full');
    expect(pinyinMatchKind(enc, 'anjian')).toBe('full');
    expect(pinyinMatchKind(enc, 'anji')).toBe('full');
    expect(matchPinyin(py, 'anji')).toEqual({ first: 1, last: 2, full: true });
    expect(pinyinMatchKind(enc, 'ianjian')).toBeUndefined();
    expect(pinyinMatchKind(enc, 'njian')).toBeUndefined();
    expect(pinyinMatchKind(enc, 'xajs')).toBe('initials');
  });
});
