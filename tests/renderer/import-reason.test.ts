// @vitest-environment jsdom
/**
 * Import reasons: each category prefix the core writes (decode.ts, parse-page.ts, import-files.ts) is
 * recognised, with the rest kept as the detail; a reason of unknown shape is kept whole. The Sources
 * view shows the category in the UI language before the detail.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ImportReason from '../../src-renderer/src/components/library/ImportReason.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';
import { parseImportReason } from '../../src-renderer/src/lib/import-reason';

describe('parseImportReason', () => {
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
  ])('%s', (reason, category, detail) => {
    expect(parseImportReason(reason)).toEqual({ category, detail });
  });

  it('keeps a reason of unknown shape whole', () => {
    expect(parseImportReason('something new')).toEqual({ detail: 'something new' });
  });
});

describe('ImportReason', () => {
  it('shows the category in the UI language, then the detail as written', () => {
    i18n.set('zh-CN');
    const { container, unmount } = render(ImportReason, { props: { reason: 'binary: contains NUL bytes' } });
    expect(container.textContent?.trim()).toBe('不是文本文件：contains NUL bytes');
    expect(container.querySelector('.reason-detail')?.getAttribute('lang')).toBe('en');
    unmount();
    i18n.set('en');
    const empty = render(ImportReason, { props: { reason: 'empty file' } });
    expect(empty.container.textContent?.trim()).toBe('Empty file');
    i18n.set('zh-CN');
  });
});
