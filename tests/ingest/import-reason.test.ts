/**
 * The decoder's and the parser's reason sentences become data at the import step: each kind prefix
 * (decode.ts, parse-page.ts, parse-pool.ts, import-files.ts) gives its code, with the rest kept as the
 * detail; a sentence of unknown shape is kept whole. A catalog that stored sentences loads as data.
 */
import { describe, expect, it } from 'vitest';
import { reasonFromText, upgradeSourceReason } from '../../src-main/archive/ingest/import-reason.js';
import type { SourceRecord } from '../../src-main/archive/model.js';

describe('reasonFromText', () => {
  it.each([
    ['empty file', 'empty', ''],
    ['empty file (whitespace only)', 'empty', 'whitespace only'],
    ['binary: contains NUL bytes', 'binary', 'contains NUL bytes'],
    ['unreadable: ENOENT: no such file or directory', 'unreadable', 'ENOENT: no such file or directory'],
    ['unreadable: not a regular file', 'unreadable', 'not a regular file'],
    ['not the page format: no text', 'format', 'no text'],
    ['could not parse: Unexpected token', 'parse', 'Unexpected token'],
    ['same content as /seeds/000.txt', 'duplicate', '/seeds/000.txt'],
    ['over size limit: 64.0 MB > 50.0 MB', 'tooLarge', '64.0 MB > 50.0 MB'],
    [
      'too large: article body of 6,629,880 characters > 1,000,000',
      'tooLarge',
      'article body of 6,629,880 characters > 1,000,000',
    ],
    ['could not parse: stopped after 60 s', 'parse', 'stopped after 60 s'],
  ])('%s', (text, code, detail) => {
    expect(reasonFromText(text)).toEqual({ code, detail });
  });

  it('keeps a sentence of unknown shape whole', () => {
    expect(reasonFromText('something new')).toEqual({ code: 'other', detail: 'something new' });
  });

  it('upgrades a stored string reason, and leaves a reason that is data alone', () => {
    const old = {
      path: '/a.txt',
      size: 0,
      mtimeMs: 0,
      status: 'rejected',
      reason: 'empty file',
      articleIds: [],
      importedAt: '2024-01-01T00:00:00.000Z',
    } as unknown as SourceRecord;
    expect(upgradeSourceReason(old)?.reason).toEqual({ code: 'empty', detail: '' });
    expect(upgradeSourceReason({ ...old, reason: { code: 'empty', detail: '' } })).toBeUndefined();
  });
});
