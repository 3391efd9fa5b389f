// @vitest-environment jsdom
/** The index-build progress: shown with its numbers while a build runs, gone when it ends. */
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import IndexingProgress from '../../src-renderer/src/components/layout/IndexingProgress.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';
import { appInfo } from '../../src-renderer/src/lib/state/app-info.svelte';

afterEach(() => {
  appInfo.noteIndexing(null);
});

describe('IndexingProgress', () => {
  it('shows how many articles are indexed, in Chinese and English, and goes away at the end', () => {
    i18n.set('zh-CN');
    appInfo.noteIndexing({ done: 12_000, total: 36_548 });
    render(IndexingProgress);
    expect(screen.getByRole('status').textContent).toContain('正在建立搜索索引：12000 / 36548 篇');
    const bar = screen.getByRole('progressbar', { name: '搜索索引进度' });
    expect(bar.getAttribute('aria-valuenow')).toBe('12000');
    expect(bar.getAttribute('aria-valuemax')).toBe('36548');

    i18n.set('en');
    flushSync();
    expect(screen.getByRole('status').textContent).toContain(
      'Building the search index: 12000 of 36548 articles',
    );

    appInfo.noteIndexing(null);
    flushSync();
    expect(screen.queryByRole('progressbar')).toBeNull();
    i18n.set('zh-CN');
  });
});
