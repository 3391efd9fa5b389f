import { describe, expect, it } from 'vitest';
import { anchor, describeSelection, targetForQuote } from '../../src-main/archive/library/anchoring.js';
import type { Block } from '../../src-main/archive/model.js';

const p = (text: string): Block => ({ type: 'paragraph', text });
const blocks: Block[] = [
  p('居民是城市的主体,居民小区是社会治理的最基本单元。'),
  { type: 'heading', text: '延伸触角,打造近邻党建“主心骨”' },
  p('目前,全省已建立小区党支部1.02万个,基本实现应建尽建。'),
];

describe('anchoring highlights', () => {
  it('describes a selection by position and by quote with context', () => {
    const t = describeSelection(blocks, { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 9 });
    expect(t?.quote).toEqual({
      exact: '居民是城市的主体,',
      prefix: '',
      suffix: expect.stringMatching(/^居民小区/),
    });
  });

  it('describes a selection that spans paragraphs', () => {
    const t = describeSelection(blocks, { startBlock: 1, startOffset: 11, endBlock: 2, endOffset: 3 });
    expect(t?.quote.exact).toBe('“主心骨”\n目前,');
  });

  it('refuses a selection outside the text or backwards', () => {
    expect(
      describeSelection(blocks, { startBlock: 0, startOffset: 5, endBlock: 0, endOffset: 500 }),
    ).toBeUndefined();
    expect(
      describeSelection(blocks, { startBlock: 2, startOffset: 5, endBlock: 0, endOffset: 1 }),
    ).toBeUndefined();
    expect(
      describeSelection(blocks, { startBlock: 9, startOffset: 0, endBlock: 9, endOffset: 1 }),
    ).toBeUndefined();
  });

  it('keeps its position when the text did not move', () => {
    const t = targetForQuote(blocks, '小区党支部1.02万个')!;
    expect(anchor(blocks, t)).toEqual({ status: 'anchored', position: t.position, moved: false });
  });

  it('re-anchors by quote after a re-import moved the text', () => {
    const t = targetForQuote(blocks, '小区党支部1.02万个')!;
    const moved: Block[] = [
      p('(新增的导语段落。)'),
      blocks[0]!,
      blocks[1]!,
      p('截至目前,全省已建立小区党支部1.02万个,基本实现应建尽建。'),
    ];
    const a = anchor(moved, t);
    expect(a).toMatchObject({ status: 'anchored', moved: true, position: { startBlock: 3, endBlock: 3 } });
    if (a.status === 'anchored') {
      expect(moved[3]!.text.slice(a.position.startOffset, a.position.endOffset)).toBe('小区党支部1.02万个');
    }
  });

  it('picks the occurrence whose context fits when the quote occurs twice', () => {
    const twice: Block[] = [p('甲说:党建引领。'), p('乙说:党建引领。')];
    const second = describeSelection(twice, { startBlock: 1, startOffset: 3, endBlock: 1, endOffset: 7 })!;
    const shifted: Block[] = [p('前言。'), ...twice];
    expect(anchor(shifted, second)).toMatchObject({
      status: 'anchored',
      position: { startBlock: 2, startOffset: 3 },
    });
  });

  it('is orphaned, not dropped, when the quote is gone', () => {
    const t = targetForQuote(blocks, '小区党支部1.02万个')!;
    expect(anchor([p('全新的文本。')], t)).toEqual({ status: 'orphaned' });
  });
});
