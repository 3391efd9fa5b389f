import { describe, expect, it } from 'vitest';
import { extractArticle, looksLikeHtmlDocument } from '../../src-main/archive/ingest/html/extract-article.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('extractArticle', () => {
  it('takes the headline, printed time and body of a simple page', () => {
    const body = '郑板桥一生清贫，女儿出嫁时，他画了一幅兰花作为嫁妆。'.repeat(5);
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>兰花当嫁妆--文化--人民网</title></head>
      <body><h1>兰花当嫁妆</h1><div class="info">2019年06月15日08:18</div><div><p>${body}</p></div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.title).toBe('兰花当嫁妆');
    expect(r.publishedAt).toBe('2019-06-15T08:18+08:00');
    expect(r.publishedPrecision).toBe('minute');
    expect(r.blocks[0]?.text).toBe(body);
  });
});

describe('looksLikeHtmlDocument', () => {
  it('sniffs documents by their opening, not by stray tags', () => {
    expect(looksLikeHtmlDocument(enc('\ufeff  <!DOCTYPE html><html>'))).toBe(true);
    expect(looksLikeHtmlDocument(enc('<!-- saved from url=(0014)about:internet -->\n<html>'))).toBe(true);
    expect(looksLikeHtmlDocument(enc('<meta charset="gbk"><title>x</title>'))).toBe(true);
    expect(looksLikeHtmlDocument(enc('标题一行\n正文<p>里有一个标签</p>\n2019-06-15 08:18:00'))).toBe(false);
    expect(looksLikeHtmlDocument(enc(''))).toBe(false);
  });
});
