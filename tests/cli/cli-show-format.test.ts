/**
 * `yuelan show` on a saved page: format, source, editor, part, address, capture time (never as the
 * published time), pictures, a day-precision time without an invented 00:00, figures as picture lines;
 * and list lines keep their columns with a date alone.
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src-main/archive/model.js';
import { formatArticle, formatListLine, formatTime } from '../../src-main/cli/format.js';

const article: Article = {
  id: '0123456789abcdef',
  title: '女儿出嫁，郑板桥画了几笔兰花当嫁妆',
  kind: 'full',
  publishedAt: '2019-06-15',
  publishedPrecision: 'day',
  byline: '记者 王小明',
  editor: '李华',
  source: '新华社\u001b[31m',
  part: { index: 1, total: 4 },
  url: 'http://culture.people.com.cn/n1/2019/0615/c1013-31234567.html',
  capturedAt: '2024-03-02T10:20:30Z',
  format: 'warc',
  original: 'ab'.repeat(32),
  sources: ['/archive/pages.warc.gz'],
  blocks: [
    { type: 'paragraph', text: '第一段。' },
    { type: 'figure', text: '郑板桥《兰花图》', image: 0 },
    { type: 'figure', text: '', image: 1 },
  ],
  images: [
    { media: `${'cd'.repeat(32)}.jpg`, alt: '兰花' },
    { url: 'http://x.example/a.jpg', alt: '远程' },
  ],
};

describe('yuelan show on a saved page', () => {
  it('prints what the page told, with the time as precise as it was printed', () => {
    const text = formatArticle(article);
    const lines = text.split('\n');
    expect(lines[1]).toBe('2019-06-15  ·  full  ·  记者 王小明');
    expect(text).not.toContain('00:00');
    expect(lines).toEqual(
      expect.arrayContaining([
        'format: warc',
        'source: 新华社[31m',
        'editor: 李华',
        'part: 1 of 4',
        'url: http://culture.people.com.cn/n1/2019/0615/c1013-31234567.html',
        'captured: 2024-03-02T10:20:30Z',
        'pictures: 2 (1 in the archive)',
        'original page: kept (the app shows it sandboxed)',
        '    [picture] 郑板桥《兰花图》',
        '    [picture, not in the archive] 远程',
      ]),
    );
    expect(text).not.toContain('\u001b');
  });

  it('keeps the list’s columns for a date alone, and minutes otherwise', () => {
    expect(formatTime('2019-06-15', 'day')).toBe('2019-06-15      ');
    expect(formatTime('2019-06-15T00:00:00+08:00', 'day')).toBe('2019-06-15      ');
    expect(formatTime('2019-06-15T08:18:00+08:00')).toBe('2019-06-15 08:18');
    const line = formatListLine(article);
    expect(line).toBe(`0123456789abcdef  2019-06-15        full      ${article.title}`);
  });

  it('prints a text-format article as before', () => {
    const text = formatArticle({
      id: 'x',
      title: 'T',
      kind: 'full',
      publishedAt: '2022-09-13T08:49:19+08:00',
      sources: [],
      blocks: [{ type: 'paragraph', text: 'p' }],
    });
    expect(text.split('\n').slice(0, 3)).toEqual(['T', '2022-09-13 08:49  ·  full', 'id: x']);
  });
});
