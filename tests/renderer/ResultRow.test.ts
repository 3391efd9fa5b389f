// @vitest-environment jsdom
/**
 * A search hit renders its title and context with <mark> around the ranges, and archive text is only
 * ever text: a `<script>` in a title shows up as characters, never as an element. A matching note
 * renders its note and its quote apart, each with its marks, and the article it belongs to. A hit carries
 * the bookmark star and its read/unread mark, as the other list rows do.
 */
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { NoteResult } from '../../src-main/api/contract';
import type { SearchHit } from '../../src-main/archive/search/search-types';
import NoteRow from '../../src-renderer/src/components/search/NoteRow.svelte';
import { splitContext } from '../../src-renderer/src/components/search/note-context';
import ResultRow from '../../src-renderer/src/components/search/ResultRow.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';
import { bookmarks } from '../../src-renderer/src/lib/state/bookmarks.svelte';
import { reading } from '../../src-renderer/src/lib/state/reading.svelte';

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

  it('carries the bookmark star of list rows, filled when the library holds the bookmark', () => {
    const { container, unmount } = render(ResultRow, { props: { hit: hit() } });
    const star = container.querySelector('.row-meta .row-bookmark');
    expect(star?.getAttribute('aria-hidden')).toBe('true');
    expect(star?.classList.contains('on')).toBe(false);
    unmount();
    bookmarks.note(hit().article, true);
    const again = render(ResultRow, { props: { hit: hit(), bookmarked: true } });
    expect(again.container.querySelector('.row-bookmark')?.classList.contains('on')).toBe(true);
    expect(screen.getByText('已加入书签').classList.contains('sr-only')).toBe(true);
    bookmarks.reset();
  });

  it('says unread (a dot and screen-reader text) until the article has been read', () => {
    const plain = render(ResultRow, { props: { hit: hit() } });
    expect(plain.container.querySelector('.row.unread, .row.read, .unread-dot')).toBeNull();
    plain.unmount();
    reading.loaded = true;
    const { container } = render(ResultRow, { props: { hit: hit() } });
    expect(container.querySelector('.row')?.classList.contains('unread')).toBe(true);
    expect(container.querySelector('.unread-dot')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByText('未读').classList.contains('sr-only')).toBe(true);
    reading.positions = { [hit().article.id]: { position: 0, readAt: '2024-01-01T00:00:00Z' } };
    flushSync();
    expect(container.querySelector('.row')?.classList.contains('read')).toBe(true);
    expect(container.querySelector('.unread-dot')).toBeNull();
    expect(screen.queryByText('未读')).toBeNull();
    reading.reset();
  });
});

const QUOTE = '近邻党建也有了“硬核”';
const NOTE = '主心骨：小区党支部牵头';

function noteResult(overrides: Partial<NoteResult> = {}, note: string | null = NOTE): NoteResult {
  const text = note ? `${note} ${QUOTE}` : QUOTE;
  return {
    annotation: {
      id: 'n1',
      articleId: 'cc7c2dac078dc3f5',
      color: 'green',
      ...(note ? { note } : {}),
      tags: [],
      target: {
        position: { startBlock: 15, startOffset: 56, endBlock: 15, endOffset: 67 },
        quote: { exact: QUOTE, prefix: '', suffix: '' },
      },
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
    },
    article: hit().article,
    score: 2,
    // 主心骨 in the note, 近邻党建 in the quote.
    context: note
      ? {
          text,
          ranges: [
            [0, 3],
            [note.length + 1, note.length + 5],
          ],
        }
      : { text, ranges: [[0, 4]] },
    ...overrides,
  };
}

describe('NoteRow', () => {
  it('shows the note and the quote apart, each with its marks, and the article', () => {
    i18n.set('zh-CN');
    const { container } = render(NoteRow, { props: { note: noteResult() } });
    expect(container.querySelector('.note-text')?.textContent).toBe(NOTE);
    expect(container.querySelector('blockquote')?.textContent).toBe(QUOTE);
    expect([...container.querySelectorAll('.note-text mark')].map((m) => m.textContent)).toEqual(['主心骨']);
    expect([...container.querySelectorAll('blockquote mark')].map((m) => m.textContent)).toEqual([
      '近邻党建',
    ]);
    expect(screen.getByText('笔记')).toBeTruthy();
    expect(container.querySelector('.note-article')?.textContent?.trim()).toBe(hit().article.title);
    expect(screen.getByText('2022/09/13')).toBeTruthy();
    expect(container.querySelector('.note-green')).toBeTruthy();
  });

  it('a bare highlight is a quote; a missing article says so', () => {
    i18n.set('en');
    const { container } = render(NoteRow, { props: { note: noteResult({ article: undefined }, null) } });
    expect(screen.getByText('Quote')).toBeTruthy();
    expect(container.querySelector('.note-text')).toBeNull();
    expect([...container.querySelectorAll('blockquote mark')].map((m) => m.textContent)).toEqual([
      '近邻党建',
    ]);
    expect(container.querySelector('.note-article')?.textContent).toContain('left the archive');
    i18n.set('zh-CN');
  });

  it('renders markup in a note as plain text', () => {
    const note = '<img src=x onerror=alert(1)><b>粗</b>';
    const { container } = render(NoteRow, { props: { note: noteResult({}, note) } });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('.note-text')?.textContent).toBe(note);
  });

  it('keeps a cut context whole when the quote is not in it', () => {
    const context = { text: '…导致 近邻党建也有', ranges: [[4, 8]] as [number, number][] };
    expect(splitContext(context, QUOTE)).toEqual({ note: context });
    expect(splitContext({ text: `a ${QUOTE}`, ranges: [[0, 6]] }, QUOTE)).toEqual({
      note: { text: 'a', ranges: [[0, 1]] },
      quote: { text: QUOTE, ranges: [[0, 4]] },
    });
  });
});
