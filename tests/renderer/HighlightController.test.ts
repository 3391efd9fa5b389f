// @vitest-environment jsdom
/**
 * The highlight toolbar's state machine, without the reader: a highlight's mark opens it in 'edit'
 * mode (Enter from the keyboard moves focus in), the note editor moves it below the text, Escape and
 * a press outside close it, and a colour on a fresh selection makes the highlight and turns the
 * toolbar into 'edit' on it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnnotationView } from '$contract';
import { HighlightController } from '../../src-renderer/src/components/reader/HighlightController.svelte';
import { annotations } from '../../src-renderer/src/lib/state/annotations.svelte';
import { resetBridge, useFakeBridge } from './fake-bridge';

function setup(): { controller: HighlightController; body: HTMLElement; mark: HTMLElement } {
  document.body.innerHTML =
    '<div id="scroller" tabindex="0"><div id="body"><p data-block="0">赋权<mark class="hl" data-annotation-id="a1" tabindex="0" role="button">扩能</mark>做强</p></div></div>';
  const scroller = document.getElementById('scroller')!;
  const body = document.getElementById('body')!;
  const controller = new HighlightController({
    scroller: () => scroller,
    body: () => body,
    articleId: () => 'cc7c2dac078dc3f5',
    canAnnotate: () => true,
    highlights: () => annotations.forArticle,
  });
  return { controller, body, mark: body.querySelector('mark')! };
}

describe('HighlightController', () => {
  beforeEach(() => {
    annotations.reset();
    // jsdom has no CSS.escape; the ids here need no escaping.
    globalThis.CSS ??= { escape: (s: string) => s } as typeof CSS;
  });
  afterEach(() => resetBridge());

  it('opens on a mark, moves below for the note editor, and Escape closes it onto the mark', () => {
    const { controller, mark } = setup();
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
    Object.defineProperty(enter, 'target', { value: mark });
    controller.onBodyKeyDown(enter);
    expect(controller.toolbar).toMatchObject({ mode: 'edit', id: 'a1', autofocus: true, below: true });
    const key = controller.key;
    controller.moveBelow();
    expect(controller.toolbar?.below).toBe(true);
    expect(controller.key).toBe(key);
    const escape = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true });
    expect(controller.onEscape(escape)).toBe(true);
    expect(escape.defaultPrevented).toBe(true);
    expect(controller.toolbar).toBeNull();
    expect(document.activeElement).toBe(mark);
  });

  it('closes on a press outside the toolbar, not inside it', () => {
    const { controller, mark } = setup();
    controller.openForMark(mark, false);
    const inside = document.createElement('div');
    inside.className = 'hl-toolbar';
    document.body.append(inside);
    const press = (target: Element): PointerEvent => {
      const event = new MouseEvent('pointerdown') as PointerEvent;
      Object.defineProperty(event, 'target', { value: target });
      return event;
    };
    controller.onDocumentPointerDown(press(inside));
    expect(controller.toolbar).not.toBeNull();
    controller.onDocumentPointerDown(press(document.body));
    expect(controller.toolbar).toBeNull();
  });

  it('a colour on a fresh selection makes the highlight and edits it', async () => {
    const added = { id: 'n1', color: 'green', tags: [] } as unknown as AnnotationView;
    const bridge = useFakeBridge({ 'library:addAnnotation': () => added });
    const { controller, body } = setup();
    const text = body.querySelector('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 2);
    range.getBoundingClientRect = () => new DOMRect(0, 200, 20, 20);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    controller.openForSelection();
    expect(controller.toolbar).toMatchObject({ mode: 'new', position: { startBlock: 0, startOffset: 0 } });
    await controller.chooseColor('green');
    expect(bridge.requests('library:addAnnotation')[0]).toMatchObject({ color: 'green' });
    expect(controller.toolbar).toMatchObject({ mode: 'edit', id: 'n1' });
  });
});
