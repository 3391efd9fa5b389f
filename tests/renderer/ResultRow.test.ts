// @vitest-environment jsdom
/**
 * A search hit renders its title and context with <mark> around the ranges, and archive text is only
 * ever text: a `<script>` in a title shows up as characters, never as an element.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src-main/archive/search/search-types';
import ResultRow from '../../src-renderer/src/components/search/ResultRow.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';

function hit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    article: {
      id: 'cc7c2dac078dc3f5',
      title: '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”',
      kind: 'full',
      publishedAt: '2022-09-13T08:49:19+08:00',
      sources: ['/seeds/000.txt'],
    },
    score: 1,
    titleRanges: [[19, 23]],
    context: { text: '…延伸触角,打造近邻党建“主心骨” 如今…', ranges: [[8, 12]] },
    ...overrides,
  };
}

describe('ResultRow', () => {
  it('marks the title and context ranges', () => {
    i18n.set('zh-CN');
    const { container } = render(ResultRow, { props: { hit: hit() } });
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['近邻党建', '近邻党建']);
    expect(container.querySelector('.row-title')?.textContent?.trim()).toBe(
      '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”',
    );
    expect(screen.getByText('2022/09/13')).toBeTruthy();
  });

  it('renders markup in archive text as plain text', () => {
    const title = '<script>alert(1)</script><img src=x onerror=alert(2)>标题';
    const context = '<b>粗体</b> 与 <mark>假标记</mark>';
    const { container } = render(ResultRow, {
      props: {
        hit: hit({
          article: { id: 'aaaaaaaa', title, kind: 'brief', sources: [] },
          titleRanges: [[8, 14]],
          context: { text: context, ranges: [[3, 5]] },
        }),
      },
    });
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('.row-title')?.textContent?.trim()).toBe(title);
    expect(container.querySelector('.row-context')?.textContent).toBe(context);
    // Only the real highlights are <mark> elements; the "<mark>" in the text stays text.
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['alert(', '粗体']);
    // A brief says so.
    expect(screen.getByText('摘要')).toBeTruthy();
  });

  it('tolerates ranges that overlap or run past the text', () => {
    const { container } = render(ResultRow, {
      props: {
        hit: hit({
          titleRanges: [
            [2, 6],
            [4, 8],
            [90, 120],
          ],
          context: undefined,
        }),
      },
    });
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['全面加强城市']);
    expect(container.querySelector('.row-context')).toBeNull();
  });
});
