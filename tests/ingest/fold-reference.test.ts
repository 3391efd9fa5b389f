/**
 * foldText skips opencc for text it would not change (normalize.ts `mayConvert`): the folds must be
 * those of converting every text, on single characters, on every dictionary key and on seed text.
 * Keys drop separators through a table (`stripKeySeparators`): the pattern's answer on any text.
 * NFKC and lower-casing are skipped for text they leave as it is (`isFoldStable`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Converter, Locale, type DictLike } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  isFoldStable,
  mayConvert,
  stripKeySeparators,
} from '../../src-main/archive/text/normalize.js';

const convert = Converter({ from: 'tw', to: 'cn' });
const toTraditional = Converter({ from: 'cn', to: 'tw' });
const SEED = fileURLToPath(new URL('../../seeds/000_b120d21b52c3fbe4.txt', import.meta.url));
const seedLines = readFileSync(SEED, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

function keys(dict: DictLike): string[] {
  if (typeof dict !== 'string') return dict.map(([k]) => k);
  return dict === '' ? [] : dict.split('|').map((line) => line.split(' ')[0]!);
}

const config = Locale.configs['tw2s'] as unknown as {
  normalizationChain?: DictLike[][];
  conversionChain: DictLike[][];
};
const dictKeys = [...(config.normalizationChain ?? []), ...config.conversionChain].flat().flatMap(keys);

describe('mayConvert', () => {
  it('is false only for text opencc leaves as it is', () => {
    const texts: string[] = [];
    for (let c = 0x20; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) texts.push(String.fromCharCode(c));
    texts.push(...dictKeys, ...dictKeys.map((k) => `的${k}了`));
    let skipped = 0;
    for (const t of texts) {
      if (mayConvert(t)) continue;
      skipped++;
      expect(convert(t), t).toBe(t);
    }
    // Most characters are never changed: the check must not be one that always says yes.
    expect(skipped).toBeGreaterThan(30_000);
  });

  it('sees a phrase of shared characters that opencc changes', () => {
    expect(mayConvert('著力')).toBe(true);
    expect(foldText('著力')).toBe('着力');
  });
});

describe('foldText', () => {
  it('folds seed lines, Simplified and Traditional, as opencc does', () => {
    for (const line of [...seedLines, ...seedLines.map(toTraditional)]) {
      expect(foldText(line)).toBe(convert(line.normalize('NFKC').toLowerCase()));
    }
  });

  it('folds mixes of seed and dictionary characters as opencc does', () => {
    const alphabet = [...new Set([...seedLines.slice(0, 20).join(''), ...dictKeys.slice(0, 400).join('')])];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(foldText(text)).toBe(convert(text.normalize('NFKC').toLowerCase()));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stripKeySeparators', () => {
  const SEPARATORS = /[\s\p{P}\p{S}]+/gu;
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('😀', '𠀀', '\ud83d', '\ude00', '，', '。', ' ', '\u3000', 'A', '中', '·'),
  );

  it('removes what the pattern removes', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        expect(stripKeySeparators(text)).toBe(text.replace(SEPARATORS, ''));
      }),
      { numRuns: 5000 },
    );
    for (const line of seedLines) expect(stripKeySeparators(line)).toBe(line.replace(SEPARATORS, ''));
  });
});

describe('isFoldStable', () => {
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('a', 'Z', '1', ' ', '、', '《', '」', '“', '—', '·', '\u0301', 'ｱ', '，'),
  );

  it('is true only for text NFKC and lower-casing leave as it is', () => {
    let stable = 0;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (!isFoldStable(ch)) continue;
      stable++;
      expect(ch.normalize('NFKC').toLowerCase()).toBe(ch);
    }
    expect(stable).toBeGreaterThan(27_000);
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const text = units.join('');
        if (isFoldStable(text)) expect(text.normalize('NFKC').toLowerCase()).toBe(text);
      }),
      { numRuns: 5000 },
    );
    expect(isFoldStable('党建引领 基层治理')).toBe(true);
    expect(isFoldStable('e\u0301')).toBe(false);
    expect(isFoldStable('Ａ')).toBe(false);
  });
});
