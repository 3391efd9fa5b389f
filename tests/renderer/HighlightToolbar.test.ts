// @vitest-environment jsdom
/**
 * The highlight toolbar: five named colours, the pressed one for an existing highlight, a note with
 * tags (Enter or a comma adds one, chips can be removed), save with what was typed, delete, and Esc.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import HighlightToolbar from '../../src-renderer/src/components/reader/HighlightToolbar.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';

function handlers() {
  return { oncolor: vi.fn(), onsave: vi.fn(), ondelete: vi.fn(), onclose: vi.fn() };
}

describe('HighlightToolbar', () => {
  beforeEach(() => i18n.set('zh-CN'));

  it('offers the five colours and reports the one chosen', async () => {
    const h = handlers();
    render(HighlightToolbar, { props: { mode: 'new', ...h } });
    expect(screen.getByRole('dialog', { name: '新建高亮' })).toBeTruthy();
    const colours = screen.getByRole('toolbar', { name: '高亮颜色' });
    const names = [...colours.querySelectorAll('button[class*="swatch"]')].map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(names).toEqual(['黄色', '绿色', '蓝色', '粉色', '紫色']);
    // A new highlight has no colour yet: no button claims to be pressed.
    expect(colours.querySelector('[aria-pressed]')).toBeNull();
    // Nothing to delete yet.
    expect(screen.queryByRole('button', { name: '删除' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: '蓝色' }));
    expect(h.oncolor).toHaveBeenCalledWith('blue');
  });

  it('adds a note with tags and saves them', async () => {
    const h = handlers();
    render(HighlightToolbar, { props: { mode: 'new', allTags: ['党建', '社区'], ...h } });
    expect(screen.queryByRole('textbox', { name: '笔记' })).toBeNull();
    const add = screen.getByRole('button', { name: '添加笔记' });
    expect(add.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(add);
    expect(add.getAttribute('aria-expanded')).toBe('true');
    const note = screen.getByRole('textbox', { name: '笔记' });
    await fireEvent.input(note, { target: { value: '  把服务送到家门口  ' } });
    const tags = screen.getByRole('combobox', { name: '标签' });
    await fireEvent.input(tags, { target: { value: '党建' } });
    await fireEvent.keyDown(tags, { key: 'Enter' });
    await fireEvent.input(tags, { target: { value: '基层' } });
    await fireEvent.keyDown(tags, { key: ',' });
    await fireEvent.input(tags, { target: { value: '党建' } });
    await fireEvent.keyDown(tags, { key: 'Enter' });
    expect(screen.getByRole('button', { name: '移除标签 党建' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '移除标签 基层' }));
    // A tag still being typed is kept on save.
    await fireEvent.input(tags, { target: { value: '城市' } });
    await fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(h.onsave).toHaveBeenCalledWith({ note: '把服务送到家门口', tags: ['党建', '城市'] });
  });

  it('edits an existing highlight: pressed colour, its note, delete, Esc', async () => {
    const h = handlers();
    render(HighlightToolbar, {
      props: { mode: 'edit', color: 'green', note: '旧笔记', tags: ['党建'], editing: true, ...h },
    });
    expect(screen.getByRole('dialog', { name: '编辑高亮' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '绿色' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '黄色' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByRole('button', { name: '编辑笔记' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: '笔记' }) as HTMLTextAreaElement).value).toBe('旧笔记');
    expect(screen.getByRole('button', { name: '移除标签 党建' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '删除' }));
    expect(h.ondelete).toHaveBeenCalledOnce();
    await fireEvent.keyDown(screen.getByRole('textbox', { name: '笔记' }), { key: 'Escape' });
    expect(h.onclose).toHaveBeenCalledOnce();
  });

  it('renders a note with markup as text', () => {
    const h = handlers();
    const { container } = render(HighlightToolbar, {
      props: { mode: 'edit', color: 'pink', note: '<img src=x onerror=alert(1)>', editing: true, ...h },
    });
    expect(container.querySelector('img')).toBeNull();
    expect((screen.getByRole('textbox', { name: '笔记' }) as HTMLTextAreaElement).value).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('speaks English too', () => {
    i18n.set('en');
    render(HighlightToolbar, { props: { mode: 'new', ...handlers() } });
    expect(screen.getByRole('button', { name: 'Purple' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add note' })).toBeTruthy();
  });
});
