/**
 * Saved pages' encodings: the byte-order mark first, then the transport's charset, then the page's
 * `<meta charset>`, every declaration verified; GBK, GB18030 and Big5 decode; no mojibake comes out.
 * And the sniffing that tells an HTML document from the seed's text dumps.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, metaCharset, normaliseCharset } from '../../src-main/archive/ingest/html/encoding.js';
import { extractArticle, looksLikeHtmlDocument } from '../../src-main/archive/ingest/html/extract-article.js';

const SIMPLIFIED = '春节前夕，市场上的年货越来越丰富，市民们忙着置办新衣、采购年货，到处洋溢着节日的气氛。';
const TRADITIONAL = '春節前夕，市場上的年貨越來越豐富，市民們忙著置辦新衣、採購年貨，到處洋溢著節日的氣氛。';

function page(meta: string, text: string, title = '年货市场'): string {
  return `<!DOCTYPE html><html><head>${meta}<title>${title}_某某网</title></head><body><h1>${title}</h1><div><p>${text}</p><p>${text}</p></div></body></html>`;
}

function decoded(bytes: Uint8Array, hint?: string): { text: string; encoding: string } {
  const r = decodeHtml(bytes, hint);
  if (!r.ok) throw new Error(r.detail);
  return { text: r.text, encoding: r.encoding };
}

describe('decodeHtml', () => {
  it('reads GBK declared as gb2312, and the same bytes undeclared', () => {
    const html = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', SIMPLIFIED);
    const bytes = iconv.encode(html, 'gbk');
    expect(decoded(bytes)).toEqual({ text: html, encoding: 'gb18030' });
    const bare = iconv.encode(page('', SIMPLIFIED), 'gbk');
    expect(decoded(bare).text).toContain(SIMPLIFIED);
  });

  it('reads Big5 by its meta, by a transport hint, and undeclared', () => {
    const html = page('<meta charset="big5">', TRADITIONAL, '年貨市場');
    expect(decoded(iconv.encode(html, 'big5'))).toEqual({ text: html, encoding: 'big5' });
    const bare = iconv.encode(page('', TRADITIONAL, '年貨市場'), 'big5');
    expect(decoded(bare, 'Big5').encoding).toBe('big5');
    expect(decoded(bare).text).toContain(TRADITIONAL);
  });

  it('believes the bytes over a lying declaration, both ways', () => {
    const utf8 = new TextEncoder().encode(page('<meta charset="gb2312">', SIMPLIFIED));
    expect(decoded(utf8).encoding).toBe('utf-8');
    const gbk = iconv.encode(page('<meta charset="utf-8">', SIMPLIFIED), 'gbk');
    expect(decoded(gbk, 'utf-8')).toMatchObject({ encoding: 'gb18030' });
    expect(decoded(gbk).text).toContain(SIMPLIFIED);
  });

  it('takes the byte-order mark over every declaration', () => {
    const html = page('<meta charset="gbk">', SIMPLIFIED);
    const bom16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]);
    expect(decoded(new Uint8Array(bom16), 'gbk')).toEqual({ text: html, encoding: 'utf-16le' });
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf8')]);
    expect(decoded(new Uint8Array(bom8), 'big5')).toEqual({ text: html, encoding: 'utf-8' });
  });

  it('drops a few broken characters but refuses byte soup and NUL bytes', () => {
    const gbk = iconv.encode(page('<meta charset="gbk">', SIMPLIFIED.repeat(20)), 'gbk');
    // A stray lead byte between two tags (a page spliced from two saves): one broken character.
    const at = gbk.indexOf('<p>') + 3;
    const spliced = Buffer.concat([gbk.subarray(0, at), Buffer.from([0x81, 0x3c]), gbk.subarray(at)]);
    const r = decoded(new Uint8Array(spliced));
    expect(r.text).not.toContain('\ufffd');
    expect(r.text).toContain(SIMPLIFIED.repeat(20));
    expect(decodeHtml(new Uint8Array([0x3c, 0x68, 0x00, 0x74]))).toMatchObject({ ok: false, code: 'binary' });
    expect(decodeHtml(new Uint8Array(0))).toMatchObject({ ok: false, code: 'empty' });
  });

  it('maps charset labels and finds them in the markup', () => {
    expect(['GB2312', 'gbk', 'x-gbk', 'GB18030', 'cp936'].map(normaliseCharset)).toEqual(
      Array(5).fill('gb18030'),
    );
    expect(normaliseCharset('Big5-HKSCS')).toBe('big5');
    expect(normaliseCharset('ISO-8859-1')).toBe('latin1');
    expect(normaliseCharset('klingon')).toBeUndefined();
    expect(
      metaCharset(
        new TextEncoder().encode('<meta http-equiv="Content-Type" content="text/html; charset=GBK">'),
      ),
    ).toBe('GBK');
  });

  it('never lets mojibake through an extraction', () => {
    const r = extractArticle(iconv.encode(page('<meta charset="utf-8">', SIMPLIFIED), 'gbk'), {});
    expect(r.ok && r.blocks.map((b) => b.text)).toEqual([SIMPLIFIED, SIMPLIFIED]);
  });
});

describe('looksLikeHtmlDocument', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('knows a document by its opening, after a BOM, whitespace, comments or an XML declaration', () => {
    expect(looksLikeHtmlDocument(enc('\ufeff  <!DOCTYPE html><html>'))).toBe(true);
    expect(looksLikeHtmlDocument(enc('<!-- saved from url=(0045)https://news.example.cn/ -->\n<html>'))).toBe(
      true,
    );
    expect(
      looksLikeHtmlDocument(enc('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">')),
    ).toBe(true);
    expect(looksLikeHtmlDocument(enc('<meta charset="gbk"><title>x</title>'))).toBe(true);
    expect(looksLikeHtmlDocument(enc('\n\n<HEAD><TITLE>x</TITLE>'))).toBe(true);
    expect(
      looksLikeHtmlDocument(
        new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html>', 'utf16le')])),
      ),
    ).toBe(true);
    expect(
      looksLikeHtmlDocument(iconv.encode('<html><head><meta charset="gbk"><title>年货</title>', 'gbk')),
    ).toBe(true);
  });

  it('does not take the seed text format for HTML, stray tags and all', () => {
    expect(
      looksLikeHtmlDocument(enc('年货市场\n2019-06-15 08:18:00\n正文里有一个<p>标签</p>和<br>换行。')),
    ).toBe(false);
    expect(looksLikeHtmlDocument(enc('标题 <html> 出现在第一行的中间'))).toBe(false);
    expect(looksLikeHtmlDocument(enc('<p>一个段落开头的片段</p>'))).toBe(false);
    expect(looksLikeHtmlDocument(enc(''))).toBe(false);
    expect(looksLikeHtmlDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      false,
    );
  });
});
