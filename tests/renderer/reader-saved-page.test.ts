// @vitest-environment jsdom
/**
 * What the reader shows of a saved page: figures (a held picture from the archive's own route, lazily;
 * a remote one as a quiet placeholder with its alt text, never a request), captions that are text for
 * highlights and find, the source, editor, part, address and capture time under the title, the
 * original in a sandbox with no permission, and times as precise as the page gave them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import type { Article, Block } from '$contract';
import ArticleBody from '../../src-renderer/src/components/reader/ArticleBody.svelte';
import ArticleFacts from '../../src-renderer/src/components/reader/ArticleFacts.svelte';
import OriginalView from '../../src-renderer/src/components/reader/OriginalView.svelte';
import type { HighlightController } from '../../src-renderer/src/components/reader/HighlightController.svelte';
import { blockElements, rangeToPosition } from '../../src-renderer/src/lib/annotations';
import { formatDateTime, formatTimeOfDay, archiveDay } from '../../src-renderer/src/lib/format';
import { articleToMarkdown } from '../../src-renderer/src/lib/markdown';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';
import { resetBridge, useFakeBridge } from './fake-bridge';

const MEDIA = `${'ab'.repeat(32)}.jpg`;
const blocks: Block[] = [
  { type: 'paragraph', text: '女儿出嫁，郑板桥画了几笔兰花。' },
  { type: 'figure', text: '郑板桥《兰花图》（资料图）', image: 0 },
  { type: 'figure', text: '', image: 1 },
  { type: 'paragraph', text: '这是最后一段。' },
];
const images = [
  { media: MEDIA, alt: '兰花图', width: 640, height: 360 },
  { url: 'http://img.example.cn/remote.jpg', alt: '远程的图片' },
];
/** The text node and offset at a character offset of an element's text. */
function pointAt(el: HTMLElement, offset: number): [Node, number] {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let left = offset;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (left <= length && length > 0) return [node, left];
    left -= length;
  }
  throw new Error(`no text at ${offset}`);
}

const stubHighlights = {
  onBodyClick: () => undefined,
  onBodyKeyDown: () => undefined,
  flashId: null,
  editing: null,
} as unknown as HighlightController;

const article: Article = {
  id: '0123456789abcdef',
  title: '女儿出嫁，郑板桥画了几笔兰花当嫁妆',
  kind: 'full',
  publishedAt: '2019-06-15',
  publishedPrecision: 'day',
  byline: '记者 王小明',
  editor: '李华',
  source: '新华社',
  part: { index: 1, total: 4 },
  url: 'http://culture.people.com.cn/n1/2019/0615/c1013-31234567.html',
  capturedAt: '2024-03-02T10:20:30Z',
  format: 'warc',
  sources: ['/archive/pages.warc.gz'],
  blocks,
  images,
};

describe('the reader on a saved page', () => {
  beforeEach(() => {
    i18n.set('zh-CN');
    useFakeBridge();
  });
  afterEach(() => resetBridge());

  it('shows a held picture from the archive’s route, lazily, sized to the column', () => {
    const { container } = render(ArticleBody, {
      blocks,
      images,
      byBlock: new Map(),
      highlights: stubHighlights,
    });
    const imgs = container.querySelectorAll('img');
    expect(imgs).toHaveLength(1);
    const img = imgs[0]!;
    expect(img.getAttribute('src')).toBe(`/archive/media/${MEDIA}?token=fake`);
    expect(img.getAttribute('alt')).toBe('兰花图');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('width')).toBe('640');
    expect(img.closest('figure')?.querySelector('figcaption')?.textContent).toBe(
      '郑板桥《兰花图》（资料图）',
    );
  });

  it('shows a picture the archive does not hold as a placeholder with its alt text, never a request', () => {
    const { container } = render(ArticleBody, {
      blocks,
      images,
      byBlock: new Map(),
      highlights: stubHighlights,
    });
    const placeholder = screen.getByRole('img', { name: '远程的图片' });
    expect(placeholder.tagName).toBe('DIV');
    expect(placeholder.textContent).toContain('图片未存档');
    expect(placeholder.textContent).toContain('远程的图片');
    expect(container.innerHTML).not.toContain('img.example.cn');
    expect(container.querySelectorAll('[src]')).toHaveLength(1);
  });

  it('does not repeat a caption that is also the alt text in the placeholder', () => {
    const same: Block[] = [{ type: 'figure', text: '远程的图片', image: 0 }];
    render(ArticleBody, {
      blocks: same,
      images: [{ url: 'http://img.example.cn/x.jpg', alt: '远程的图片' }],
      byBlock: new Map(),
      highlights: stubHighlights,
    });
    const placeholder = screen.getByRole('img', { name: '远程的图片' });
    expect(placeholder.textContent?.trim()).toBe('图片未存档');
    expect(screen.getByText('远程的图片', { selector: 'figcaption *, figcaption' })).toBeTruthy();
  });

  it('keeps each caption as its block’s text, so highlights and selections work on figure pages', () => {
    const highlight = { id: 'h1', color: 'yellow' as const, start: 4, end: 8 };
    const { container } = render(ArticleBody, {
      blocks,
      images,
      byBlock: new Map([[1, [highlight]]]),
      highlights: stubHighlights,
    });
    const elements = blockElements(container);
    expect(elements.map((el) => el.textContent)).toEqual(blocks.map((b) => b.text));
    expect(elements.map((el) => el.dataset.block)).toEqual(['0', '1', '2', '3']);
    const mark = container.querySelector('figcaption mark[data-annotation-id="h1"]');
    expect(mark?.textContent).toBe('兰花图》');
    // A selection from the first paragraph into the caption maps onto the blocks' text.
    const range = document.createRange();
    range.setStart(...pointAt(elements[0]!, 5));
    range.setEnd(...pointAt(elements[1]!, 3));
    expect(rangeToPosition(container, range)).toEqual({
      startBlock: 0,
      startOffset: 5,
      endBlock: 1,
      endOffset: 3,
    });
  });

  it('says source, editor, part, the page’s address and its capture time, which is never the published time', () => {
    const { container } = render(ArticleFacts, { article });
    const text = container.textContent ?? '';
    expect(screen.getByRole('group', { name: '文章信息' })).toBeTruthy();
    expect(text).toContain('来源：新华社');
    expect(text).toContain('责任编辑：李华');
    expect(text).toContain('第 1 部分，共 4 部分');
    expect(text).toContain(article.url);
    expect(text).toMatch(/保存于 2024年3月2日 18:20/);
    expect(text).toContain('格式：WARC');
    expect(container.querySelector('a')).toBeNull();
    i18n.set('en');
  });

  it('says nothing for a page of the text format', () => {
    const { container } = render(ArticleFacts, {
      article: { id: 'x', title: 'T', kind: 'full', sources: [], publishedAt: '2022-09-13T08:49:19+08:00' },
    });
    expect(container.textContent?.trim()).toBe('');
  });

  it('says it in English too', () => {
    i18n.set('en');
    const { container } = render(ArticleFacts, { article });
    const text = container.textContent ?? '';
    expect(text).toContain('Source: 新华社');
    expect(text).toContain('Editor: 李华');
    expect(text).toContain('Part 1 of 4');
    expect(text).toMatch(/Captured March 2, 2024(,| at) 18:20/);
  });

  it('frames the original in a sandbox with no permission, from the archive’s own route', () => {
    const key = 'cd'.repeat(32);
    render(OriginalView, { originalKey: key, title: article.title });
    const frame = screen.getByTitle(`保存的原网页：${article.title}`);
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('src')).toBe(`/archive/original/${key}?token=fake`);
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
  });
});

describe('times as precise as the page gave them', () => {
  it('shows a day-precision time as a date, never 00:00', () => {
    expect(formatDateTime('2019-06-15', 'zh-CN')).toBe('2019年6月15日');
    expect(formatDateTime('2019-06-15', 'en')).toBe('June 15, 2019');
    expect(formatDateTime('2019-06-15T00:00:00+08:00', 'zh-CN', 'day')).toBe('2019年6月15日');
    expect(formatDateTime('2019-06-15T08:18:00+08:00', 'zh-CN', 'minute')).toBe('2019年6月15日 08:18');
    expect(formatTimeOfDay('2019-06-15', 'zh-CN', 'day')).toBe('');
    expect(formatTimeOfDay('2019-06-15T08:18:00+08:00', 'zh-CN')).toBe('08:18');
    expect(archiveDay('2019-06-15')).toBe('2019-06-15');
  });

  it('exports figures as captions and the saved page’s facts to Markdown', () => {
    const md = articleToMarkdown(article, {
      time: formatDateTime(article.publishedAt, 'zh-CN', article.publishedPrecision),
      sources: '来源文件',
      picture: '图',
      facts: ['来源：新华社', '责任编辑：李华'],
    });
    expect(md).toContain('2019年6月15日 · 记者 王小明');
    expect(md).not.toContain('00:00');
    expect(md).toContain('来源：新华社 · 责任编辑：李华');
    expect(md).toContain('*图：郑板桥《兰花图》（资料图）*');
    expect(md).toContain('*图：远程的图片*');
    expect(md).not.toContain('http://img.example.cn');
  });
});
