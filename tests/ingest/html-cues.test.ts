/**
 * The Chinese-news cues one by one: site suffixes learned from <title>, a logo h1 passed over, the
 * printed time against sidebar and meta times, bylines, editors and sources as pages print them.
 */
import { describe, expect, it } from 'vitest';
import { findByline, findEditor, findSource } from '../../src-main/archive/ingest/html/credits.js';
import { extractArticle } from '../../src-main/archive/ingest/html/extract-article.js';
import { parseTimeText } from '../../src-main/archive/ingest/html/time-cues.js';
import { stripSuffix } from '../../src-main/archive/ingest/html/title-cues.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const PROSE = '这是一段用来测试的正文，句子完整，标点齐全，长度足够让提取器把它当作文章的段落。';

describe('site suffixes', () => {
  it.each([
    ['女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网', '女儿出嫁，郑板桥画了几笔兰花当嫁妆'],
    ['暴雨过后连夜清淤_网易新闻', '暴雨过后连夜清淤'],
    ['秋粮收获过半-新华网', '秋粮收获过半'],
    ['古籍修复师的一天_凤凰网资讯_凤凰网', '古籍修复师的一天'],
    ['夜市经济带火老城区_中山网', '夜市经济带火老城区'],
    ['江边湿地迎来候鸟|澎湃新闻', '江边湿地迎来候鸟'],
    ['中国-东盟博览会今日开幕-新华网', '中国-东盟博览会今日开幕'],
    ['没有后缀的标题', '没有后缀的标题'],
  ])('%s', (raw, headline) => {
    expect(stripSuffix(raw, [], new Set())).toBe(headline);
  });

  it('learns an unknown suffix from the headline the page prints', () => {
    expect(stripSuffix('城市书房通宵开放 · 晨光周末特刊', ['城市书房通宵开放'], new Set())).toBe(
      '城市书房通宵开放',
    );
  });
});

describe('the headline and its info line', () => {
  it('passes over a logo h1 and finds the printed headline by its text', () => {
    const page = `<html><head><title>城市书房通宵开放--文化--人民网</title></head><body>
      <div class="logo"><h1><a href="/">人民网</a></h1></div>
      <div class="text_title"><h2>城市书房通宵开放</h2><p class="sou">2020年03月08日16:42 来源：人民网</p></div>
      <div class="box_con"><p>${PROSE}</p><p>${PROSE}</p></div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && [r.title, r.titleCue, r.publishedAt, r.source]).toEqual([
      '城市书房通宵开放',
      'title',
      '2020-03-08T16:42+08:00',
      '人民网',
    ]);
  });

  it('takes the meta time, not a sidebar time printed near the headline', () => {
    const page = `<html><head><title>标题在这里_某某网</title><meta property="article:published_time" content="2020-05-06T07:08:09+08:00"></head><body>
      <h1>标题在这里</h1><ul class="hot"><li><a href="/1">别的新闻</a><span>2021-01-01 10:00</span></li></ul>
      <div class="main"><p>${PROSE}</p><p>${PROSE}</p></div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && [r.publishedAt, r.publishedPrecision, r.timeCue]).toEqual([
      '2020-05-06T07:08:09+08:00',
      'second',
      'meta',
    ]);
  });
});

describe('printed times', () => {
  it.each([
    ['2019年06月15日08:18', '2019-06-15T08:18+08:00', 'minute'],
    ['2019-09-07 13:43:45', '2019-09-07T13:43:45+08:00', 'second'],
    ['发布时间：2019-09-07', '2019-09-07', 'day'],
    ['来源：中山日报 2019-09-26 10:56', '2019-09-26T10:56+08:00', 'minute'],
    ['2019/09/07 13:43', '2019-09-07T13:43+08:00', 'minute'],
    ['2019-09-07T05:43:00Z', '2019-09-07T05:43:00+00:00', 'second'],
    ['2019-09-07T13:43:00+09:00', '2019-09-07T13:43:00+09:00', 'second'],
  ])('%s', (text, iso, precision) => {
    expect(parseTimeText(text)).toEqual({ iso, precision });
  });

  it('refuses dates that do not exist and numbers that only look like dates', () => {
    expect(parseTimeText('2019-02-30 10:00')).toBeUndefined();
    expect(parseTimeText('编号 120190607')).toBeUndefined();
  });
});

describe('credits', () => {
  it.each([
    ['责任编辑：王五_NF4425', '王五'],
    ['（责编：陈羽、赵光霞）', '陈羽、赵光霞'],
    ['【责任编辑:王五 】', '王五'],
    ['责任编辑：刘洋 SN225', '刘洋'],
    ['責任編輯：王小美', '王小美'],
  ])('editor in %s', (text, editor) => {
    expect(findEditor(text)).toBe(editor);
  });

  it.each([
    ['本报记者 张三 李四 通讯员 王五', '张三 李四'],
    ['新华社北京9月7日电（记者张伟、刘芳）', '张伟、刘芳'],
    ['作者：陈小兵 编辑：黄丽', '陈小兵'],
    ['文/张小川', '张小川'],
    ['記者林志明／台北報導', '林志明'],
  ])('byline in %s', (text, byline) => {
    expect(findByline(text)).toBe(byline);
  });

  it('finds no byline where a reporter is only the subject of a sentence', () => {
    expect(findByline('记者从市交通局获悉，三条夜间公交线路将延长服务时间。')).toBeUndefined();
    expect(findByline('记者了解到，这批图书来自城里一所中学的师生募捐。')).toBeUndefined();
    expect(findByline('记者从市交通局获悉。（记者 周强）')).toBe('周强');
  });

  it.each([
    ['来源：新华社', '新华社'],
    ['来源：中山日报 2019-09-26 10:56', '中山日报'],
    ['来源：新华社2019-09-26 10:56', '新华社'],
    ['來源：中華日報', '中華日報'],
  ])('source in %s', (text, source) => {
    expect(findSource(text)).toBe(source);
  });
});

describe('furniture inside the info line and the article', () => {
  it('reads a source printed in a span classed "tag", and drops a tag line after the article', () => {
    const page = `<html><head><title>城市绿道全线贯通_某某网</title></head><body><h1>城市绿道全线贯通</h1>
      <div class="article-info"><span class="time">2019-09-07 13:43</span> <span class="tag">来源：城市晚报</span></div>
      <article><p>${PROSE}</p><p>${PROSE}最后一段。</p><p class="keywords">标签：绿道 公园 骑行</p></article></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && [r.source, r.blocks.map((b) => b.text).join('\n')]).toEqual([
      '城市晚报',
      `${PROSE}\n${PROSE}最后一段。`,
    ]);
  });
});

describe('list pages and articles with lists', () => {
  it('keeps an article whose container ends in a list of linked headlines after 相关阅读', () => {
    const related = ['一', '二', '三', '四', '五', '六']
      .map((n) => `<h3><a href="/r/${n}.html">相关报道第${n}篇的标题</a></h3>`)
      .join('');
    const page = `<html><head><title>老街改造完工_某某网</title></head><body><h1>老街改造完工</h1>
      <div class="info">2019-09-07 13:43</div>
      <div class="text"><p>${PROSE}</p><p>${PROSE}最后一段。</p><p><strong>相关阅读</strong></p>${related}</div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && r.blocks.map((b) => b.text)).toEqual([PROSE, `${PROSE}最后一段。`]);
  });
});

describe("times in a script's data", () => {
  it('takes a publish time a script names as one, never its crawl time', () => {
    const page = `<html><head><title>夜游古镇正当时_腾讯新闻</title>
      <script>window.DATA = {"crawl_time":"2023-01-01 10:00:00","pubtime":"2019-09-07 13:43:00","title":"x"};</script></head>
      <body><h1>夜游古镇正当时</h1><div class="content-article"><p>${PROSE}</p><p>${PROSE}</p></div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && [r.publishedAt, r.publishedPrecision, r.timeCue]).toEqual([
      '2019-09-07T13:43:00+08:00',
      'second',
      'meta',
    ]);
  });
});

describe('sources', () => {
  it('takes no source from the related list when the article names none', () => {
    const page = `<html><head><title>社区食堂开张_某某网</title></head><body><h1>社区食堂开张</h1>
      <div class="info">2019-09-07 13:43</div><div class="text"><p>${PROSE}</p><p>${PROSE}</p></div>
      <div class="related"><ul><li><a href="/x">别处的新闻</a> 来源：别的报纸</li></ul></div></body></html>`;
    const r = extractArticle(enc(page), {});
    expect(r.ok && r.source).toBeUndefined();
  });
});
