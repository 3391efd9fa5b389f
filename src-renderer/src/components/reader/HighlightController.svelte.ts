/**
 * The highlight toolbar's state machine, apart from the reader's markup. Closed, or open in one of
 * two modes: 'new' over a fresh selection (a colour makes the highlight and turns the toolbar into
 * 'edit' on it; a note saves it with the last colour) or 'edit' over an existing highlight (colour,
 * note and tags, delete). The controller also places the toolbar in the scroller's content and
 * flashes a highlight the reader jumped to. The reader gives it its elements and the open article's
 * highlights through getters, so it never holds stale ones.
 */
import type { AnnotationView } from '$contract';
import { rangeToPosition, type HighlightColor, type Position } from '../../lib/annotations';
import { annotations } from '../../lib/state/annotations.svelte';

/** Where the toolbar goes: the selection's top and bottom in the scroller's content, and its centre. */
export interface Place {
  top: number;
  bottom: number;
  left: number;
  /** Below the selection (no room above, or the note editor is open and would hide the text above). */
  below: boolean;
}

export type ToolbarState =
  | ({ mode: 'new'; position: Position; autofocus: boolean; editing: boolean } & Place)
  | ({ mode: 'edit'; id: string; autofocus: boolean; editing: boolean } & Place);

export interface HighlightHost {
  scroller(): HTMLElement | null;
  body(): HTMLElement | null;
  articleId(): string | null;
  /** Whether the open article can take highlights (full text, with blocks). */
  canAnnotate(): boolean;
  /** The open article's highlights, with where each anchors now. */
  highlights(): AnnotationView[];
}

const FLASH_MS = 2000;
/** Half the toolbar's width: it stays this far from the scroller's sides. */
const HALF_WIDTH = 160;

export class HighlightController {
  #host: HighlightHost;
  #toolbar = $state<ToolbarState | null>(null);
  /** Changes whenever the toolbar opens afresh, so its component starts over. */
  #key = $state(0);
  #lastColor = $state<HighlightColor>('yellow');
  #busy = $state(false);
  #flashId = $state<string | null>(null);
  #flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: HighlightHost) {
    this.#host = host;
  }

  get toolbar(): ToolbarState | null {
    return this.#toolbar;
  }

  get key(): number {
    return this.#key;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** The highlight flashing after a jump to it. */
  get flashId(): string | null {
    return this.#flashId;
  }

  /** The highlight the toolbar edits, if any. */
  readonly editing: AnnotationView | undefined = $derived.by(() => {
    const bar = this.#toolbar;
    return bar?.mode === 'edit' ? this.#host.highlights().find((a) => a.id === bar.id) : undefined;
  });

  /** Where to put the toolbar for a rectangle on screen, in the scroller's content coordinates. */
  #placeFor(rect: DOMRect): Place | null {
    const scroller = this.#host.scroller();
    if (!scroller) return null;
    const box = scroller.getBoundingClientRect();
    const width = scroller.clientWidth;
    const center = rect.left + rect.width / 2 - box.left;
    const left = Math.max(HALF_WIDTH + 8, Math.min(width - HALF_WIDTH - 8, center));
    const top = rect.top - box.top + scroller.scrollTop;
    const bottom = rect.bottom - box.top + scroller.scrollTop;
    return { top, bottom, left, below: rect.top - box.top < 120 };
  }

  /** Opens the toolbar over the current selection, if it lies in the article's text. */
  openForSelection(autofocus = false): void {
    const body = this.#host.body();
    if (!this.#host.canAnnotate() || !body) return;
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(body)) return;
    const position = rangeToPosition(body, range);
    const place = position ? this.#placeFor(range.getBoundingClientRect()) : null;
    if (!position || !place) return;
    this.#key++;
    this.#toolbar = { mode: 'new', position, autofocus, editing: false, ...place };
  }

  /** Opens the toolbar on an existing highlight's mark. */
  openForMark(mark: HTMLElement, autofocus: boolean): void {
    const id = mark.dataset.annotationId;
    const place = this.#placeFor(mark.getBoundingClientRect());
    if (!id || !place) return;
    this.#key++;
    this.#toolbar = { mode: 'edit', id, autofocus, editing: false, ...place };
  }

  /** The note editor opened: the toolbar moves below the selection so it hides none of it. */
  moveBelow(): void {
    if (this.#toolbar) this.#toolbar = { ...this.#toolbar, below: true };
  }

  /** Closes the toolbar; focus goes back to the highlight it edited, else to the text. */
  close(restoreFocus = true): void {
    const was = this.#toolbar;
    this.#toolbar = null;
    if (!restoreFocus) return;
    const target =
      was?.mode === 'edit'
        ? this.#host
            .body()
            ?.querySelector<HTMLElement>(`mark[data-annotation-id="${CSS.escape(was.id)}"][tabindex]`)
        : null;
    (target ?? this.#host.scroller())?.focus({ preventScroll: true });
  }

  /** Another article, or none: the toolbar goes without moving focus. */
  dismiss(): void {
    this.#toolbar = null;
  }

  async #work<T>(task: () => Promise<T>): Promise<T | undefined> {
    this.#busy = true;
    try {
      return await task();
    } finally {
      this.#busy = false;
    }
  }

  async chooseColor(color: HighlightColor): Promise<void> {
    const bar = this.#toolbar;
    const articleId = this.#host.articleId();
    if (!bar || !articleId) return;
    this.#lastColor = color;
    if (bar.mode === 'edit') {
      await this.#work(() => annotations.update(bar.id, { color }));
      return;
    }
    const added = await this.#work(() => annotations.add(articleId, bar.position, color));
    window.getSelection()?.removeAllRanges();
    if (added && this.#toolbar === bar) {
      this.#toolbar = { ...bar, mode: 'edit', id: added.id, autofocus: false, editing: false };
    }
  }

  async saveNote(value: { note: string; tags: string[] }): Promise<void> {
    const bar = this.#toolbar;
    const articleId = this.#host.articleId();
    if (!bar || !articleId) return;
    if (bar.mode === 'edit') {
      const ok = await this.#work(() => annotations.update(bar.id, value));
      if (ok) this.close();
      return;
    }
    const added = await this.#work(() => annotations.add(articleId, bar.position, this.#lastColor, value));
    if (added) {
      window.getSelection()?.removeAllRanges();
      this.close();
    }
  }

  async remove(id: string): Promise<void> {
    const bar = this.#toolbar;
    if (bar?.mode === 'edit' && bar.id === id) this.#toolbar = null;
    await this.#work(() => annotations.remove([id]));
    this.#host.scroller()?.focus({ preventScroll: true });
  }

  /** Scrolls a highlight into view and flashes it; false when it is not on screen. */
  jumpTo(id: string): boolean {
    const mark = this.#host
      .body()
      ?.querySelector<HTMLElement>(`mark[data-annotation-id="${CSS.escape(id)}"]`);
    const view = this.#host.highlights().find((a) => a.id === id);
    const fallback =
      view?.anchor?.status === 'anchored'
        ? this.#host.scroller()?.ownerDocument.getElementById(`block-${view.anchor.position.startBlock}`)
        : null;
    const target = mark ?? fallback;
    if (!target) return false;
    target.scrollIntoView({ block: 'center' });
    this.#flashId = id;
    clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => (this.#flashId = null), FLASH_MS);
    return true;
  }

  // ---------- events the reader forwards ----------

  /** The pointer went up in the text: the selection is final after this event. */
  onPointerUp(event: PointerEvent): void {
    if ((event.target as Element | null)?.closest('.hl-toolbar')) return;
    setTimeout(() => this.openForSelection(), 0);
  }

  /** Shift+arrows extend a selection from the keyboard. */
  onKeyUp(event: KeyboardEvent): void {
    if (event.shiftKey && event.key.startsWith('Arrow')) this.openForSelection();
  }

  /** A click on a highlight (not the end of a selection) opens it. */
  onBodyClick(event: MouseEvent): void {
    const mark = (event.target as Element | null)?.closest<HTMLElement>('mark.hl');
    if (!mark) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    this.openForMark(mark, false);
  }

  /** Enter or Space on a focused highlight opens it with focus inside. */
  onBodyKeyDown(event: KeyboardEvent): void {
    const mark = (event.target as Element | null)?.closest<HTMLElement>('mark.hl[role="button"]');
    if (!mark || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    this.openForMark(mark, true);
  }

  /** A press outside the toolbar closes it (focus stays where the press put it). */
  onDocumentPointerDown(event: PointerEvent): void {
    if (!this.#toolbar) return;
    if ((event.target as Element | null)?.closest('.hl-toolbar')) return;
    this.#toolbar = null;
  }

  /** Esc anywhere closes the toolbar (focus may still be in the text, which keeps the selection). */
  onEscape(event: KeyboardEvent): boolean {
    if (!this.#toolbar || event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return false;
    event.preventDefault();
    this.close();
    return true;
  }
}
