// @vitest-environment jsdom
/**
 * The article's side panel: anchored highlights in text order (click to jump), orphaned ones in
 * their own group with quote and note, never hidden, and deletable. Escape closes it.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationView } from '../../src-main/api/contract';
import AnnotationsPanel from '../../src-renderer/src/components/reader/AnnotationsPanel.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';

function view(id: string, exact: string, anchor: AnnotationView['anchor'], note?: string): AnnotationView {
  return {
    id,
    articleId: 'cc7c2dac078dc3f5',
    color: 'blue',
    tags: id === 'b' ? ['党建'] : [],
    ...(note ? { note } : {}),
    target: {
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: exact.length },
      quote: { exact, prefix: '', suffix: '' },
    },
    createdAt: `2024-01-0${id.length}T00:00:00Z`,
    updatedAt: '2024-01-01T00:00:00Z',
    anchor,
  };
}

const at = (block: number, offset: number) =>
  ({
    status: 'anchored',
    position: { startBlock: block, startOffset: offset, endBlock: block, endOffset: offset + 2 },
    moved: false,
  }) as const;

describe('AnnotationsPanel', () => {
  beforeEach(() => i18n.set('zh-CN'));

  it('lists highlights in text order and orphans apart, with quote and note', async () => {
    const onjump = vi.fn();
    const ondelete = vi.fn();
    render(AnnotationsPanel, {
      props: {
        items: [
          view('b', '第二处', at(3, 1), '后面的'),
          view('gone', '已被删改的原文', { status: 'orphaned' }, '这条笔记还在'),
          view('a', '第一处', at(0, 5)),
        ],
        onjump,
        ondelete,
        onclose: vi.fn(),
      },
    });
    const panel = screen.getByRole('complementary', { name: /批注 · 3/ });
    const lists = within(panel).getAllByRole('list');
    const anchored = within(lists[0]!).getAllByRole('button');
    expect(anchored.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '第一处',
      '第二处 后面的 #党建',
    ]);
    await fireEvent.click(anchored[1]!);
    expect(onjump).toHaveBeenCalledWith('b');

    const orphans = screen.getByRole('region', { name: '原文已变更，无法定位' });
    expect(orphans.textContent).toContain('已被删改的原文');
    expect(orphans.textContent).toContain('这条笔记还在');
    await fireEvent.click(within(orphans).getByRole('button', { name: '删除' }));
    expect(ondelete).toHaveBeenCalledWith('gone');
  });

  it('takes focus when it opens as a drawer, and Escape closes it', async () => {
    const onclose = vi.fn();
    render(AnnotationsPanel, {
      props: { items: [], onjump: vi.fn(), ondelete: vi.fn(), onclose, autofocus: true },
    });
    const panel = screen.getByRole('complementary', { name: /批注/ });
    expect(document.activeElement).toBe(panel);
    await fireEvent.keyDown(panel, { key: 'Enter' });
    expect(onclose).not.toHaveBeenCalled();
    await fireEvent.keyDown(panel, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('says how to start when there is nothing yet, in English too', () => {
    i18n.set('en');
    render(AnnotationsPanel, { props: { items: [], onjump: vi.fn(), ondelete: vi.fn(), onclose: vi.fn() } });
    expect(screen.getByText('Select text in the article to highlight it or add a note.')).toBeTruthy();
    expect(screen.queryByRole('region')).toBeNull();
  });
});
