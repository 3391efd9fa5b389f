// @vitest-environment jsdom
/**
 * The virtualized Listbox: a long list puts only a window of options in the DOM, each telling its
 * position in the whole list; the keyboard moves the active descendant, which is always rendered (even
 * far outside the window); Enter opens; groups carry their label; multi-select uses aria-selected for
 * the checked options and Space toggles.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Harness from './ListboxHarness.svelte';

const items = Array.from({ length: 10_000 }, (_, i) => `item-${i}`);

describe('Listbox', () => {
  it('renders a window of a long list, with set size and positions', () => {
    render(Harness, { items });
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(61);
    expect(options[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(options[0]?.getAttribute('aria-posinset')).toBe('1');
  });

  it('moves with the keyboard and opens with Enter', async () => {
    const onopen = vi.fn();
    render(Harness, { items, onopen });
    const list = screen.getByRole('listbox', { name: 'Test list' });
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list?.getAttribute('aria-activedescendant')).toBe('test-list-opt-1');
    await fireEvent.keyDown(list, { key: 'End' });
    expect(list?.getAttribute('aria-activedescendant')).toBe('test-list-opt-9999');
    // The active option exists in the DOM although it is far outside the rendered window.
    expect(document.getElementById('test-list-opt-9999')?.textContent).toContain('item-9999');
    await fireEvent.keyDown(list, { key: 'Enter' });
    expect(onopen).toHaveBeenCalledWith(9999);
  });

  it('follows a new, shorter list at once (search results replacing the newest articles)', async () => {
    const view = render(Harness, { items });
    await view.rerender({ items: ['only-0', 'only-1', 'only-2'] });
    await tick();
    expect(screen.getAllByRole('option').map((o) => o.textContent?.trim())).toEqual([
      'only-0',
      'only-1',
      'only-2',
    ]);
  });

  it('puts options under labelled groups', () => {
    render(Harness, {
      items: items.slice(0, 20),
      group: (s: string) => (Number(s.slice(5)) < 5 ? 'A' : 'B'),
    });
    const groups = screen.getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['A (5)', 'B (15)']);
  });

  it('multi-select: aria-multiselectable, Space and click toggle the checked options', async () => {
    render(Harness, { items: items.slice(0, 50), multi: true, initial: 2 });
    const list = screen.getByRole('listbox');
    expect(list?.getAttribute('aria-multiselectable')).toBe('true');
    await fireEvent.keyDown(list, { key: ' ' });
    await tick();
    expect(document.getElementById('test-list-opt-2')?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.click(screen.getByText('item-4'));
    expect(document.getElementById('test-list-opt-4')?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(list, { key: ' ' });
    await tick();
    expect(document.getElementById('test-list-opt-4')?.getAttribute('aria-selected')).toBe('false');
  });
});
