// @vitest-environment jsdom
/**
 * The chip group of the search filters: a radio group is one named radiogroup whose radios share a
 * name (so the browser's arrow keys move the choice), a checkbox group lets any choice be on, and a
 * disabled choice cannot change.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ChipGroup from '../../src-renderer/src/components/search/ChipGroup.svelte';

describe('ChipGroup', () => {
  it('as radios: a named radiogroup, one name, the checked choice checked, a change reported', async () => {
    const onchange = vi.fn();
    render(ChipGroup, {
      props: {
        type: 'radio',
        name: 'sort',
        label: '排序',
        choices: [
          { value: 'relevance', label: '相关度', checked: true },
          { value: 'oldest', label: '最早', checked: false },
        ],
        onchange,
      },
    });
    const group = screen.getByRole('radiogroup', { name: '排序' });
    const radios = screen.getAllByRole('radio');
    expect(group.contains(radios[0]!)).toBe(true);
    expect(radios.map((r) => (r as HTMLInputElement).name)).toEqual(['sort', 'sort']);
    expect(screen.getByRole('radio', { name: '相关度' })).toHaveProperty('checked', true);
    await fireEvent.click(screen.getByRole('radio', { name: '最早' }));
    expect(onchange).toHaveBeenCalledWith('oldest', true);
  });

  it('as checkboxes: no radiogroup, each toggles, a disabled one stays', async () => {
    const onchange = vi.fn();
    render(ChipGroup, {
      props: {
        type: 'checkbox',
        choices: [
          { value: 'full', label: '全文', checked: true, disabled: true },
          { value: 'brief', label: '摘要', checked: false },
        ],
        onchange,
      },
    });
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(screen.getByRole('checkbox', { name: '全文' })).toHaveProperty('disabled', true);
    await fireEvent.click(screen.getByRole('checkbox', { name: '摘要' }));
    expect(onchange).toHaveBeenCalledWith('brief', true);
  });
});
