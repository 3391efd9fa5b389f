// @vitest-environment jsdom
/**
 * A source's row says how the file stores its pages (format, a web archive's page count), marks a
 * file imported in part with its reason, and lists the pages whose extraction is unsure with what was
 * unsure, in Chinese and in English. Titles are archive text: a `<b>` in one shows as characters.
 */
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src-main/api/contract';
import SourceDetails from '../../src-renderer/src/components/library/SourceDetails.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';

function source(overrides: Partial<SourceRow> = {}): SourceRow {
  return { path: '/saved/news.warc.gz', status: 'imported', articles: 2, ...overrides };
}

const partialWarc = source({
  format: 'warc',
  pages: { total: 3, rejected: 1 },
  reason: { code: 'truncated', detail: 'truncated gzip after 2 records' },
  lowConfidence: [
    { title: '<b>短讯</b>', url: 'http://news.example.cn/a.html', warnings: ['noTime', 'shortBody'] },
  ],
});

describe('SourceDetails', () => {
  afterEach(() => {
    i18n.set('system');
    flushSync();
  });

  it('shows format, pages, partial import with its reason and the unsure pages (zh)', () => {
    i18n.set('zh-CN');
    flushSync();
    const { container } = render(SourceDetails, { source: partialWarc });
    expect(container.querySelector('.source-facts')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'WARC 3 个网页 1 个网页未成文章 部分导入',
    );
    const reason = container.querySelector('.source-reason')!;
    expect(reason.textContent).toContain('文件不完整或已损坏');
    expect(reason.textContent).toContain('truncated gzip after 2 records');
    expect(reason.classList.contains('error')).toBe(false);
    expect(screen.getByText('1 篇提取不确定').tagName).toBe('SUMMARY');
    const list = screen.getByRole('list', { name: '提取不确定的文章', hidden: true });
    expect(list.querySelector('.unsure-title')?.textContent).toBe('<b>短讯</b>');
    expect(list.querySelector('b')).toBeNull();
    expect(list.textContent).toContain('未找到时间、正文不足 100 字');
    expect(list.textContent).toContain('http://news.example.cn/a.html');
  });

  it('words the same in English, and a rejected file shows no partial mark', () => {
    i18n.set('en');
    flushSync();
    const { container } = render(SourceDetails, {
      source: source({
        format: 'html',
        lowConfidence: [{ title: '无题', warnings: ['noTitle'] }],
      }),
    });
    expect(container.querySelector('.source-facts')?.textContent?.trim()).toBe('HTML');
    expect(screen.getByText('1 unsure extraction')).toBeTruthy();
    expect(container.textContent).toContain('无题 — no title found');
    container.remove();

    const rejected = render(SourceDetails, {
      source: source({ status: 'rejected', format: 'mhtml', reason: { code: 'empty', detail: '' } }),
    });
    expect(rejected.container.textContent).not.toContain('Partly imported');
    expect(rejected.container.querySelector('.source-reason')?.classList.contains('error')).toBe(true);
  });

  it('says nothing for a text file imported whole', () => {
    const { container } = render(SourceDetails, { source: source() });
    expect(container.textContent?.trim()).toBe('');
  });
});
