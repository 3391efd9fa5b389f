/**
 * Property tests: whatever text arrives, the parser answers with a page or a reason and never throws;
 * whatever bytes arrive, the decoder answers with text or a reason.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src-main/archive/ingest/decode.js';
import { parsePage, type ParseResult } from '../../src-main/archive/ingest/parse-page.js';

const SEED = fileURLToPath(new URL('../../seeds/000_b120d21b52c3fbe4.txt', import.meta.url));
const seedLines = readFileSync(SEED, 'utf8').split('\n');

function wellFormed(result: ParseResult): void {
  if (result.ok) {
    for (const a of result.page.articles) {
      expect(a.title.trim()).not.toBe('');
      expect(['full', 'brief', 'headline']).toContain(a.kind);
      if (a.publishedAt) expect(a.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      if (a.kind === 'full') expect(a.blocks?.length).toBeGreaterThan(0);
    }
  } else {
    expect(result.reason).toMatch(/^[^\n]+$/);
  }
}

/** Lines shaped like the format's parts, shuffled: the inputs most likely to confuse the parser. */
const pageLine = fc.oneof(
  fc.constantFrom(...seedLines),
  fc.constantFrom(
    '-',
    ' - ',
    '—',
    '--',
    '',
    '   ',
    '(下转第六版)',
    '“”(本报记者 郑昭)',
    '全球实时:',
    '【】',
    '...',
  ),
  fc.constantFrom('2022-09-13 08:49:19', '2022-13-40 99:99:99', '2022/9/1 8:00', '0000-00-00 00:00:00'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom('中', '文', '。', ',', '“', '”', '(', ')', '<', '>', 'p', '/', '-', ' ', '\n', '.'),
    maxLength: 80,
  }),
);

describe('parsePage never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        wellFormed(parsePage(text));
      }),
      { numRuns: 500 },
    );
  });

  it('on pages assembled from the format’s own parts', () => {
    fc.assert(
      fc.property(
        fc.array(pageLine, { maxLength: 60 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (lines, eol) => {
          wellFormed(parsePage(lines.join(eol)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on the seed cut at any point', () => {
    const seed = seedLines.join('\n');
    fc.assert(
      fc.property(fc.nat({ max: seed.length }), (cut) => {
        const result = parsePage(seed.slice(0, cut));
        wellFormed(result);
        // Any cut that keeps the first body line keeps an article.
        if (cut > seedLines[0]!.length) expect(result.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeBytes never throws', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeBytes(bytes);
        if (result.ok) {
          expect(result.text).not.toContain('\r');
          expect(result.text).not.toContain('\u0000');
          expect(result.text).toBe(result.text.normalize('NFC'));
        } else {
          expect(result.reason).toMatch(/^[^\n]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
