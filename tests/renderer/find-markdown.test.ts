/** Find in article folds like search without moving offsets; an article exports to clean Markdown. */
import { describe, expect, it } from 'vitest';
import { Converter } from 'opencc-js/t2cn';
import type { Article } from '../../src-main/archive/model';
import { findMatches, makeFold, rangesInBlock } from '../../src-renderer/src/lib/find';
import { articleToMarkdown, markdownFileName } from '../../src-renderer/src/lib/markdown';

describe('find in article', () => {
  const fold = makeFold(Converter({ from: 'tw', to: 'cn' }));

  it('finds every occurrence, in every block, in order', () => {
    const matches = findMatches(['近邻党建与近邻党建', '赋权扩能', '打造近邻党建'], '近邻党建', fold);
    expect(matches).toEqual([
      { block: 0, start: 0, end: 4 },
      { block: 0, start: 5, end: 9 },
      { block: 2, start: 2, end: 6 },
    ]);
    expect(rangesInBlock(matches, 0)).toEqual([
      [0, 4],
      [5, 9],
    ]);
  });

  it('folds Traditional, full-width and case, with offsets into the original text', () => {
    const text = '全省推行近鄰黨建，ＡＢＣ小区';
    const [hanzi] = findMatches([text], '近邻党建', fold);
    expect(text.slice(hanzi!.start, hanzi!.end)).toBe('近鄰黨建');
    const [latin] = findMatches([text], 'abc', fold);
    expect(text.slice(latin!.start, latin!.end)).toBe('ＡＢＣ');
  });

  it('finds nothing for a blank query', () => {
    expect(findMatches(['text'], '   ', fold)).toEqual([]);
  });
});

describe('article as Markdown', () => {
  const article: Article = {
    id: 'cc7c2dac078dc3f5',
    title: '打造近邻党建“主心骨”',
    label: '热头条',
    kind: 'full',
    publishedAt: '2022-09-13T08:49:19+08:00',
    byline: '本报记者 郑昭',
    sources: ['/seeds/000.txt'],
    blocks: [
      { type: 'paragraph', text: '城市是主战场。' },
      { type: 'heading', text: '赋权扩能' },
      { type: 'paragraph', text: '1. 不是列表 *也不是强调* <b>也不是标签</b>' },
      { type: 'paragraph', text: '# 不是标题' },
    ],
  };

  it('writes title, meta line, headings, paragraphs and sources, escaping syntax', () => {
    const md = articleToMarkdown(article, { time: '2022年9月13日 08:49', sources: '来源文件' });
    expect(md).toBe(
      [
        '# 打造近邻党建“主心骨”',
        '',
        '【热头条】 · 2022年9月13日 08:49 · 本报记者 郑昭',
        '',
        '城市是主战场。',
        '',
        '## 赋权扩能',
        '',
        '1\\. 不是列表 \\*也不是强调\\* \\<b\\>也不是标签\\</b\\>',
        '',
        '\\# 不是标题',
        '',
        '---',
        '',
        '来源文件:',
        '',
        '- /seeds/000.txt',
        '',
      ].join('\n'),
    );
  });

  it('names the file after the title, without characters file systems refuse', () => {
    expect(markdownFileName({ ...article, title: 'a/b:c*?"<>|d' })).toBe('a b c d.md');
  });
});
