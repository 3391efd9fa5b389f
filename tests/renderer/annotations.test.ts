// @vitest-environment jsdom
/**
 * Highlights as data and the selection mapping: segments never lose or add text; anchored
 * annotations are cut per block; a DOM range maps to block offsets whichever way it was made and
 * wherever its ends sit (inside marks, in a heading, between blocks, outside the body).
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AnnotationView } from '../../src-main/api/contract';
import BlockText from '../../src-renderer/src/components/reader/BlockText.svelte';
import {
  highlightsByBlock,
  parseTags,
  rangeToPosition,
  textOrder,
  textSegments,
} from '../../src-renderer/src/lib/annotations';

function view(
  id: string,
  anchor: AnnotationView['anchor'],
  createdAt = '2024-01-01T00:00:00Z',
): AnnotationView {
  return {
    id,
    articleId: 'aaaaaaaa',
    color: 'yellow',
    tags: [],
    target: {
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 1 },
      quote: { exact: 'x', prefix: '', suffix: '' },
    },
    createdAt,
    updatedAt: createdAt,
    ...(anchor ? { anchor } : {}),
  };
}

const at = (startBlock: number, startOffset: number, endBlock: number, endOffset: number) =>
  ({ status: 'anchored', position: { startBlock, startOffset, endBlock, endOffset }, moved: false }) as const;

describe('textSegments', () => {
  it('splits at highlight and find boundaries and keeps every character', () => {
    const text = '城市是改革开放和现代化建设的主战场';
    const parts = textSegments(
      text,
      [
        { id: 'a', color: 'yellow', start: 2, end: 8 },
        { id: 'b', color: 'blue', start: 5, end: 12 },
      ],
      [[6, 9]],
    );
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.map((p) => [p.start, p.top?.id ?? null, p.match, p.first])).toEqual([
      [0, null, -1, false],
      [2, 'a', -1, true],
      [5, 'b', -1, true],
      [6, 'b', 0, false],
      [8, 'b', 0, false],
      [9, 'b', -1, false],
      [12, null, -1, false],
    ]);
  });

  it('gives one plain segment without ranges, even for empty text', () => {
    expect(textSegments('正文')).toEqual([
      { text: '正文', start: 0, highlights: [], match: -1, first: false },
    ]);
    expect(textSegments('')).toHaveLength(1);
  });
});

describe('highlightsByBlock', () => {
  it('cuts anchored highlights per block and skips orphans', () => {
    const map = highlightsByBlock(
      [view('a', at(0, 3, 2, 4)), view('o', { status: 'orphaned' }), view('b', at(1, 0, 1, 2))],
      [10, 5, 8],
    );
    expect(map.get(0)).toEqual([{ id: 'a', color: 'yellow', start: 3, end: 10 }]);
    expect(map.get(1)?.map((h) => [h.id, h.start, h.end])).toEqual([
      ['a', 0, 5],
      ['b', 0, 2],
    ]);
    expect(map.get(2)).toEqual([{ id: 'a', color: 'yellow', start: 0, end: 4 }]);
  });

  it('orders text by position with orphans last', () => {
    const list = [
      view('o', { status: 'orphaned' }),
      view('late', at(2, 0, 2, 1)),
      view('early', at(0, 5, 0, 6)),
    ];
    expect(list.sort(textOrder).map((a) => a.id)).toEqual(['early', 'late', 'o']);
  });
});

describe('BlockText', () => {
  it('renders marks whose text content is exactly the block text', () => {
    const text = '赋权扩能,做强街道“动力轴心”<b>';
    const { container } = render(BlockText, {
      props: {
        text,
        highlights: [{ id: 'a1', color: 'green', start: 0, end: 4 }],
        matches: [[2, 6]],
        currentMatch: 0,
      },
    });
    expect(container.textContent).toBe(text);
    expect(container.querySelector('b')).toBeNull();
    const hl = [...container.querySelectorAll<HTMLElement>('mark.hl')];
    expect(hl.map((m) => [m.dataset.annotationId, m.textContent, m.getAttribute('tabindex')])).toEqual([
      ['a1', '赋权', '0'],
      ['a1', '扩能', null],
    ]);
    expect(hl[0]!.classList.contains('hl-green')).toBe(true);
    expect([...container.querySelectorAll('mark.match')].map((m) => m.textContent)).toEqual(['扩能', ',做']);
  });
});

describe('rangeToPosition', () => {
  function article(): HTMLElement {
    document.body.innerHTML = `
      <article><h1 id="t">标题</h1><div id="body"><h2 data-block="0">小标题</h2><p data-block="1">第一段<mark class="hl">高亮</mark>文字。</p><p data-block="2">第二段。</p></div><footer id="f">来源</footer></article>`;
    return document.getElementById('body')!;
  }

  const textIn = (selector: string, index = 0): Text => {
    const el = document.querySelector(selector)!;
    return [...el.childNodes].filter((n): n is Text => n.nodeType === 3)[index]!;
  };

  it('maps a selection inside one paragraph, across a mark', () => {
    const body = article();
    const range = document.createRange();
    range.setStart(textIn('[data-block="1"]'), 1);
    range.setEnd(document.querySelector('mark')!.firstChild!, 1);
    expect(rangeToPosition(body, range)).toEqual({
      startBlock: 1,
      startOffset: 1,
      endBlock: 1,
      endOffset: 4,
    });
  });

  it('maps a selection that starts inside a mark and ends in the next paragraph', () => {
    const body = article();
    const range = document.createRange();
    range.setStart(document.querySelector('mark')!.firstChild!, 1);
    range.setEnd(textIn('[data-block="2"]'), 2);
    expect(rangeToPosition(body, range)).toEqual({
      startBlock: 1,
      startOffset: 4,
      endBlock: 2,
      endOffset: 2,
    });
  });

  it('maps a backwards selection (the range is always in document order)', () => {
    const body = article();
    const selection = window.getSelection()!;
    selection.setBaseAndExtent(textIn('[data-block="2"]'), 3, textIn('[data-block="0"]'), 1);
    expect(rangeToPosition(body, selection.getRangeAt(0))).toEqual({
      startBlock: 0,
      startOffset: 1,
      endBlock: 2,
      endOffset: 3,
    });
  });

  it('snaps ends outside the blocks inwards: from the title, into the footer', () => {
    const body = article();
    const range = document.createRange();
    range.setStart(document.getElementById('t')!.firstChild!, 1);
    range.setEnd(document.getElementById('f')!.firstChild!, 1);
    expect(rangeToPosition(body, range)).toEqual({
      startBlock: 0,
      startOffset: 0,
      endBlock: 2,
      endOffset: 4,
    });
  });

  it('drops a start at the very end of a block and an end at the very start of one', () => {
    const body = article();
    const range = document.createRange();
    range.setStart(textIn('[data-block="0"]'), 3);
    range.setEnd(textIn('[data-block="2"]'), 0);
    expect(rangeToPosition(body, range)).toEqual({
      startBlock: 1,
      startOffset: 0,
      endBlock: 1,
      endOffset: 8,
    });
  });

  it('gives null for a collapsed range or one outside the blocks', () => {
    const body = article();
    const range = document.createRange();
    range.setStart(textIn('[data-block="1"]'), 2);
    expect(rangeToPosition(body, range)).toBeNull();
    range.selectNodeContents(document.getElementById('t')!);
    expect(rangeToPosition(body, range)).toBeNull();
  });
});

describe('parseTags', () => {
  it('splits on Chinese and Latin separators, trims, drops duplicates', () => {
    expect(parseTags(' 党建，城市、社区; 党建 city ')).toEqual(['党建', '城市', '社区', 'city']);
  });
});
