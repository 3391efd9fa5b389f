// @vitest-environment jsdom
/**
 * Import reasons: the core sends a code and a detail (tests/ingest/import-reason.test.ts turns the
 * parser's sentences into them); the Sources view words the code in the UI language before the detail,
 * and shows a reason of no known kind as its detail.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ImportReason from '../../src-renderer/src/components/library/ImportReason.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';

describe('ImportReason', () => {
  it('shows the category in the UI language, then the detail as written', () => {
    i18n.set('zh-CN');
    const { container, unmount } = render(ImportReason, {
      props: { reason: { code: 'binary', detail: 'contains NUL bytes' } },
    });
    expect(container.textContent?.trim()).toBe('不是文本文件：contains NUL bytes');
    expect(container.querySelector('.reason-detail')?.getAttribute('lang')).toBe('en');
    unmount();
    i18n.set('en');
    const empty = render(ImportReason, { props: { reason: { code: 'empty', detail: '' } } });
    expect(empty.container.textContent?.trim()).toBe('Empty file');
    empty.unmount();
    const other = render(ImportReason, { props: { reason: { code: 'other', detail: 'something new' } } });
    expect(other.container.textContent?.trim()).toBe('something new');
    i18n.set('zh-CN');
  });
});
