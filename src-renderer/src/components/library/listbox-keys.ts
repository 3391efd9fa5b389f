/**
 * What a key or a click does in a Listbox (Listbox.svelte): arrows, Home/End and PageUp/PageDown move
 * the selection, Enter or a click opens the option, Space (or a click in a multi-select list) toggles
 * it, → and ← open and close its own content. Kept apart from the component's windowing and markup.
 */
import type { ListboxProps } from './listbox-props';

type Handlers = Pick<
  ListboxProps<unknown>,
  'onselect' | 'onopen' | 'checked' | 'ontoggle' | 'onexpand' | 'onedge'
>;

export interface ListboxKeys extends Handlers {
  /** How many options the list has. */
  count: number;
  selected: number;
  /** How many options PageUp and PageDown move by. */
  page: number;
}

export function listboxClick(event: MouseEvent, l: Handlers): void {
  const option = (event.target as Element | null)?.closest<HTMLElement>('[role="option"]');
  const index = Number(option?.dataset.index);
  if (!option || !Number.isInteger(index)) return;
  if (l.checked && l.ontoggle) {
    l.ontoggle(index, event.shiftKey);
    l.onselect(index);
    return;
  }
  l.onselect(index);
  l.onopen(index);
}

export function listboxKeydown(event: KeyboardEvent, l: ListboxKeys): void {
  const { count, selected, page } = l;
  if (count === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
  const last = count - 1;
  const moves: Record<string, number> = {
    ArrowDown: Math.min(last, selected + 1),
    ArrowUp: Math.max(0, selected - 1),
    Home: 0,
    End: last,
    PageDown: Math.min(last, selected + page),
    PageUp: Math.max(0, selected - page),
  };
  if ((event.key === 'Home' || event.key === 'End') && l.onedge?.(event.key === 'Home' ? 'start' : 'end')) {
    event.preventDefault();
  } else if (event.key in moves) {
    event.preventDefault();
    l.onselect(moves[event.key]!);
  } else if (event.key === ' ' && l.checked && l.ontoggle && selected >= 0) {
    event.preventDefault();
    l.ontoggle(selected, event.shiftKey);
  } else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && selected >= 0 && l.onexpand) {
    if (l.onexpand(selected, event.key === 'ArrowRight')) event.preventDefault();
  } else if (event.key === 'Enter' && selected >= 0) {
    event.preventDefault();
    l.onopen(selected);
  }
}
