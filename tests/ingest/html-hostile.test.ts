/**
 * Hostile and broken pages: each comes back as an article or a rejection with a reason, and none
 * throws or runs away (the generous timeouts are guards, not speed assertions: speed is the bench's).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle, MAX_HTML_BYTES } from '../../src-main/archive/ingest/html/extract-article.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const PROSE = '这是一段用来测试的正文，句子完整，标点齐全，长度足够让提取器把它当作文章的段落。';

function article(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试页面的标题_某某网</title>${head}</head><body><h1>测试页面的标题</h1><div class="info">2021-03-04 05:06</div>${body}</body></html>`;
}

describe('hostile HTML', () => {
  it('refuses a file over the size cap before decoding it', () => {
    const r = extractArticle(new Uint8Array(MAX_HTML_BYTES + 1).fill(0x20), {});
    expect(r).toMatchObject({ ok: false, code: 'tooLarge' });
  });

  it('refuses markup nested 100,000 deep with a reason', { timeout: 120_000 }, () => {
    const page = article(`${'<div>'.repeat(100_000)}<p>${PROSE}</p>${'</div>'.repeat(100_000)}`);
    const r = extractArticle(enc(page), {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('tooLarge');
      expect(r.detail).toMatch(/nested (about )?\d+ deep/);
    }
  });

  it(
    'reads a page of 100,000 elements without the extractor, by the plain walk',
    { timeout: 120_000 },
    () => {
      const page = article(`<div class="content">${`<p>${PROSE}</p><span>注</span>`.repeat(50_000)}</div>`);
      const r = extractArticle(enc(page), {});
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.title).toBe('测试页面的标题');
        expect(r.blocks[0]?.text).toBe(PROSE);
        expect(r.blocks.reduce((n, b) => n + b.text.length, 0)).toBeLessThanOrEqual(1_000_000);
      }
    },
  );

  it('survives unclosed scripts, comments and styles repeated many times', { timeout: 60_000 }, () => {
    const junk = '<script>var a = 1;'.repeat(20_000) + '<!--'.repeat(20_000) + '<style>'.repeat(20_000);
    const r = extractArticle(enc(article(`<div><p>${PROSE}</p><p>${PROSE}</p></div>${junk}`)), {});
    // Whatever it makes of the junk, it answers: an article or a rejection with a reason.
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) expect(r.detail).not.toBe('');
  });

  it('keeps a SingleFile picture inlined as a data URI, caption and all', () => {
    const png = `data:image/png;base64,${'iVBORw0KGgo'.repeat(50_000)}`;
    const body = `<div class="article"><p>${PROSE}</p><figure><img src="${png}" alt="示意图"><figcaption>图为测试用的图片。</figcaption></figure><p>${PROSE}第二段。</p></div>`;
    const r = extractArticle(enc(article(body)), { url: 'https://news.example.cn/a/1.html' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.images).toEqual([{ url: png, alt: '示意图', caption: '图为测试用的图片。' }]);
      expect(r.blocks.map((b) => b.type)).toEqual(['paragraph', 'figure', 'paragraph']);
      expect(r.blocks[1]).toEqual({ type: 'figure', text: '图为测试用的图片。', image: 0 });
    }
  });

  it('resolves a remote picture against the page URL and never fetches it', () => {
    const body = `<div class="article"><p>${PROSE}</p><p><img src="../img/2021/a.jpg" width="640" height="480"></p><p>${PROSE}结尾。</p></div>`;
    const r = extractArticle(enc(article(body)), { url: 'https://news.example.cn/a/b/1.html' });
    expect(r.ok && r.images).toEqual([
      { url: 'https://news.example.cn/a/img/2021/a.jpg', width: 640, height: 480 },
    ]);
  });

  it('warns of a short body, a missing time and a missing title rather than inventing them', () => {
    const r = extractArticle(
      enc('<html><body><div><p>只有一句很短的话，没有标题也没有时间。</p></div></body></html>'),
      {},
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toEqual(['noTitle', 'noTime', 'shortBody']);
      expect(r.publishedAt).toBeUndefined();
    }
  });

  it('never takes a title of punctuation alone', () => {
    const page = `<html><head><title>&lt;</title></head><body><h1>&lt;</h1><div><p>${PROSE}</p><p>${PROSE}</p></div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && r.warnings).toContain('noTitle');
  });
});

describe('picture addresses', () => {
  it('keeps no address a picture cannot have', () => {
    const body = `<div class="article"><p>${PROSE}</p><figure><img src="javascript:alert(1)" alt="坏图"></figure><p>${PROSE}结尾。</p></div>`;
    const r = extractArticle(enc(article(body)), { url: 'https://news.example.cn/a/1.html' });
    expect(r.ok && r.images).toEqual([{ alt: '坏图' }]);
  });
});

describe('output bounds', () => {
  it('cuts one giant paragraph at the body limit', { timeout: 60_000 }, () => {
    const r = extractArticle(enc(article(`<div class="text"><p>${PROSE.repeat(40_000)}</p></div>`)), {});
    // The limit counts every line walked, the info line the cleaning drops afterwards too.
    const chars = r.ok ? r.blocks.reduce((n, b) => n + b.text.length, 0) : 0;
    expect(chars).toBeGreaterThan(999_000);
    expect(chars).toBeLessThanOrEqual(1_000_000);
  });
});

describe('documents without elements', () => {
  it('reads bare text, and says a doctype alone holds no article', () => {
    const r = extractArticle(enc(`${PROSE}${PROSE}${PROSE}`), {});
    expect(r.ok && [r.blocks.length, r.warnings]).toEqual([1, ['noTitle', 'noTime']]);
    expect(extractArticle(enc('<!DOCTYPE html>'), {})).toMatchObject({ ok: false, code: 'notArticle' });
  });
});
