/**
 * The page parser on the real seed page, with the exact expectations of issue 3.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src-main/archive/ingest/decode.js';
import { parsePage, parseTime, type ParsedArticle } from '../../src-main/archive/ingest/parse-page.js';
import { splitLabel } from '../../src-main/archive/ingest/labels.js';
import { splitTeaser } from '../../src-main/archive/ingest/teaser-match.js';
import { articleId } from '../../src-main/archive/ingest/article-id.js';

const SEED = fileURLToPath(new URL('../../seeds/000_b120d21b52c3fbe4.txt', import.meta.url));
const seedText = readFileSync(SEED, 'utf8');

function parseSeed(text = seedText): ParsedArticle[] {
  const result = parsePage(text);
  if (!result.ok) throw new Error(result.reason);
  return result.page.articles;
}

const MAIN_TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';

describe('parsePage on the seed', () => {
  const articles = parseSeed();
  const full = articles.filter((a) => a.kind === 'full');
  const briefs = articles.filter((a) => a.kind === 'brief');
  const headlines = articles.filter((a) => a.kind === 'headline');
  const main = full[0]!;

  it('turns all 35 headline entries into articles: 1 full, 5 brief, 29 headline', () => {
    expect(articles).toHaveLength(35);
    expect(full).toHaveLength(1);
    expect(briefs).toHaveLength(5);
    expect(headlines).toHaveLength(29);
    expect(new Set(articles.map((a) => articleId(a.title, a.publishedAt))).size).toBe(35);
  });

  it('finds the main article title and time through the headline list', () => {
    expect(main.title).toBe(MAIN_TITLE);
    expect(main.publishedAt).toBe('2022-09-13T08:49:19+08:00');
    expect(main.titleInferred).toBeUndefined();
    expect(main.label).toBeUndefined();
  });

  it('finds the main title by matching, not by position in the list', () => {
    const lines = seedText.split('\n');
    const at = lines.indexOf(MAIN_TITLE);
    const entry = lines.slice(at - 1, at + 2); // '-', title, time
    const rest = [...lines.slice(0, at - 1), ...lines.slice(at + 2)];
    const moved = [...rest, ...entry].join('\n'); // now the last entry of the list
    const again = parseSeed(moved).find((a) => a.kind === 'full')!;
    expect(again.title).toBe(MAIN_TITLE);
    expect(again.publishedAt).toBe('2022-09-13T08:49:19+08:00');
  });

  it('keeps the 3 section headings as heading blocks and every other line as one paragraph', () => {
    const blocks = main.blocks!;
    expect(blocks).toHaveLength(27);
    expect(blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual([
      '赋权扩能,做强街道“动力轴心”',
      '延伸触角,打造近邻党建“主心骨”',
      '互联互动,从“独角戏”到“大合唱”',
    ]);
    expect(blocks.filter((b) => b.type === 'paragraph')).toHaveLength(24);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      text: '城市是改革开放和现代化建设的主战场,城市基层党组织是党在城市全部工作和战斗力的基础。',
    });
    expect(blocks.map((b) => b.type)).toEqual(
      Array.from({ length: 27 }, (_, i) => ([2, 11, 20].includes(i) ? 'heading' : 'paragraph')),
    );
    // None lost, split or merged: each body line of the page is one block, in order.
    const bodyLines = seedText.split('\n').slice(0, 27);
    blocks.forEach((b, i) => expect(bodyLines[i]!.startsWith(b.text.slice(0, 20))).toBe(true));
  });

  it('removes the page-jump markers from the text', () => {
    const text = main.blocks!.map((b) => b.text).join('\n');
    expect(text).not.toContain('(下转第六版)');
    expect(text).not.toContain('(上接第一版)');
    expect(text).not.toMatch(/[转接]第.版/);
    expect(main.blocks![12]!.text).toBe(
      '如今,走进我省的各个小区,不少楼栋的显眼位置都亮出了党员楼栋长的姓名和联系方式。“有困难找组织、有需要找党员”已逐渐成为居民群众的共识。',
    );
  });

  it('splits off the byline and drops the stray empty quotes before it', () => {
    expect(main.byline).toBe('本报记者 郑昭');
    const last = main.blocks!.at(-1)!;
    expect(last.text.endsWith('高质量党建引领高水平社会治理蓝图在全省各地徐徐展开。')).toBe(true);
    expect(last.text).not.toContain('“”');
    expect(last.text).not.toContain('郑昭');
  });

  it('gives the full article a snippet: the first 100 characters of its first paragraph', () => {
    expect(main.snippet).toBe(main.blocks![0]!.text.slice(0, 100));
    const long = parseSeed(seedText.replace(/^.*\n/, '')).find((a) => a.kind === 'full')!;
    expect([...long.snippet!]).toHaveLength(100);
    expect(long.blocks![0]!.text.startsWith(long.snippet!)).toBe(true);
  });

  it('recovers teaser titles through the headline list; the snippet is the rest', () => {
    expect(briefs.map((b) => b.title)).toEqual([
      '禅城区房屋建筑工程“质量月”活动启动 搭建建筑工程行业交流学习平台',
      '南海狮山发布教育高质量发展三年行动计划 六大工程推进教育高质量发展',
      '顺德着力构建高质量基础教育体系 全面提升育人质量',
      '东莞整治各类交通违法 进一步筑牢交通安全防线',
      '东莞转变执法理念创新执法方式 打造法治化营商环境',
    ]);
    const dongguan = briefs[3]!;
    expect(dongguan.publishedAt).toBe('2022-09-09T08:11:43+08:00');
    expect(dongguan.snippet).toBe(
      '近日,东莞市公安局交通警察支队、市教育局联合制作《秋季开学交通安全宣传课》,面向全市中小学生进行宣讲,进一步加强中小...',
    );
    expect(briefs[1]!.snippet!.startsWith('城市狮山,再出大招。')).toBe(true);
    expect(briefs.map((b) => b.publishedAt)).toEqual([
      '2022-09-09T08:19:04+08:00',
      '2022-09-09T08:16:44+08:00',
      '2022-09-09T08:14:59+08:00',
      '2022-09-09T08:11:43+08:00',
      '2022-09-09T08:10:30+08:00',
    ]);
    for (const b of briefs) expect(b.titleInferred).toBeUndefined();
  });

  it('splits aggregator labels off into label and keeps ordinary titles whole', () => {
    const byTitle = new Map(articles.map((a) => [a.title, a]));
    const expected: [string, string][] = [
      ['全球实时', '中成药集采谁将受益'],
      ['当前热门', '北京“高精尖”企业扎根AI、医药支柱产业'],
      ['今日播报', '《脱口秀大会》倒逼ST洲际澄清:未发生重大变化'],
      ['环球简讯', '“明星塌房险”为何国内不敢承保'],
      ['当前资讯', '中秋档老片受宠喜剧最香 假期三天票房累计3.7亿'],
      ['当前短讯', '在物流巨变中乐享生活——我眼中的这十年③'],
      ['热头条', '“边角料”食品安全问题不容忽视'],
      ['世界热资讯', '河南即将进入流感流行季 接种疫苗可有效降低风险'],
      ['天天热头条', '“元宇宙”里卖月饼“ 数字月饼”啥味道?'],
      ['时快讯', '中秋节没卖完的月饼,都这样处理了'],
    ];
    for (const [label, title] of expected) expect(byTitle.get(title)?.label, title).toBe(label);
    expect(articles.filter((a) => a.label)).toHaveLength(expected.length);
    const yue = byTitle.get('粤搭建高层次政企协商新平台 面对面商量解决实际问题');
    expect(yue).toMatchObject({ kind: 'headline', publishedAt: '2022-09-13T08:04:06+08:00' });
    expect(yue?.label).toBeUndefined();
  });

  it('gives every headline its China Standard Time', () => {
    for (const a of articles) expect(a.publishedAt).toMatch(/^2022-09-(09|13)T\d\d:\d\d:\d\d\+08:00$/);
  });
});

describe('parsePage on parts of the seed', () => {
  const lines = seedText.split('\n');

  it('imports a body without a headline list: title from its first line, inferred, no time', () => {
    const articles = parseSeed(lines.slice(0, 27).join('\n'));
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      kind: 'full',
      title: '城市是改革开放和现代化建设的主战场',
      titleInferred: true,
      byline: '本报记者 郑昭',
    });
    expect(articles[0]!.publishedAt).toBeUndefined();
    expect(articles[0]!.blocks).toHaveLength(27);
  });

  it('uses a heading-like first line as the title and leaves it out of the body', () => {
    const articles = parseSeed(['近邻党建见闻', ...lines.slice(0, 27)].join('\n'));
    expect(articles[0]).toMatchObject({ kind: 'full', title: '近邻党建见闻', titleInferred: true });
    expect(articles[0]!.blocks).toHaveLength(27);
  });

  it('imports a headline list alone', () => {
    const articles = parseSeed(lines.slice(37).join('\n'));
    expect(articles).toHaveLength(35);
    expect(articles.every((a) => a.kind === 'headline')).toBe(true);
  });

  it('splits teasers that match no headline by the documented heuristic', () => {
    const articles = parseSeed(lines.slice(0, 37).join('\n'));
    const briefs = articles.filter((a) => a.kind === 'brief');
    expect(briefs.map((b) => b.title)).toEqual([
      // 1. a date lead-in after the space ends the title
      '禅城区房屋建筑工程“质量月”活动启动 搭建建筑工程行业交流学习平台',
      // 2. no lead-in before the first punctuation: the first clause alone
      '南海狮山发布教育高质量发展三年行动计划',
      '顺德着力构建高质量基础教育体系 全面提升育人质量',
      '东莞整治各类交通违法 进一步筑牢交通安全防线',
      '东莞转变执法理念创新执法方式 打造法治化营商环境',
    ]);
    expect(briefs.every((b) => b.titleInferred === true && b.publishedAt === undefined)).toBe(true);
    expect(briefs[1]!.snippet!.startsWith('六大工程推进教育高质量发展城市狮山,再出大招。')).toBe(true);
  });
});

describe('splitTeaser heuristic', () => {
  it('rule 1: a lead-in (date or time word) after the space', () => {
    expect(splitTeaser('东莞整治各类交通违法 进一步筑牢交通安全防线近日,东莞市公安局...')).toEqual({
      title: '东莞整治各类交通违法 进一步筑牢交通安全防线',
      snippet: '近日,东莞市公安局...',
    });
    expect(splitTeaser('顺德着力构建高质量基础教育体系 全面提升育人质量9月9日晚,佛山...').title).toBe(
      '顺德着力构建高质量基础教育体系 全面提升育人质量',
    );
  });
  it('rule 2: otherwise the first clause', () => {
    expect(splitTeaser('某市发布新规 多项措施落地城市更新,再出大招...')).toEqual({
      title: '某市发布新规',
      snippet: '多项措施落地城市更新,再出大招...',
    });
  });
  it('rule 3: no space: text before the first punctuation', () => {
    expect(splitTeaser('某市发布新规落地,多项措施...')).toEqual({
      title: '某市发布新规落地',
      snippet: '多项措施...',
    });
  });
  it('rule 4: otherwise the first 30 characters, the whole teaser as snippet', () => {
    const text = '一'.repeat(50) + '...';
    expect(splitTeaser(text)).toEqual({ title: '一'.repeat(30), snippet: text });
  });
});

describe('labels', () => {
  it.each([
    ['全球实时:中成药集采谁将受益', '全球实时', '中成药集采谁将受益'],
    ['今日播报!《脱口秀大会》', '今日播报', '《脱口秀大会》'],
    ['热头条丨“边角料”食品安全', '热头条', '“边角料”食品安全'],
    ['【时快讯】中秋节没卖完的月饼', '时快讯', '中秋节没卖完的月饼'],
    ['全球實時:中成藥集採誰將受益', '全球實時', '中成藥集採誰將受益'],
  ])('%s', (raw, label, title) => {
    expect(splitLabel(raw)).toEqual({ label, title });
  });
  it.each([
    '粤搭建高层次政企协商新平台 面对面商量解决实际问题',
    '外交部:坚决反对',
    '《脱口秀大会》倒逼ST洲际澄清:未发生重大变化',
    '全球实时:',
  ])('leaves %s whole', (raw) => {
    expect(splitLabel(raw)).toEqual({ title: raw });
  });
});

describe('parseTime', () => {
  it('reads China Standard Time', () => {
    expect(parseTime('2022-09-13 08:49:19')).toBe('2022-09-13T08:49:19+08:00');
    expect(parseTime('2022-9-3 8:05')).toBe('2022-09-03T08:05:00+08:00');
  });
  it('rejects impossible times', () => {
    expect(parseTime('2022-02-30 08:00:00')).toBeUndefined();
    expect(parseTime('2022-09-13 25:00:00')).toBeUndefined();
    expect(parseTime('2022-09-13')).toBeUndefined();
  });
});

describe('decodeBytes', () => {
  it('normalises line ends and to NFC', () => {
    const r = decodeBytes(new TextEncoder().encode('e\u0301\r\na\rb'));
    expect(r).toEqual({ ok: true, text: '\u00e9\na\nb', encoding: 'utf-8' });
  });
  it('rejects empty and binary input with one-line reasons', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ ok: false, reason: 'empty file' });
    expect(decodeBytes(new Uint8Array([0x41, 0, 0x42]))).toEqual({
      ok: false,
      reason: 'binary: contains NUL bytes',
    });
    const controls = decodeBytes(new Uint8Array(Array.from({ length: 40 }, (_, i) => (i % 2 ? 0x41 : 0x01))));
    expect(controls).toEqual({ ok: false, reason: 'binary: too many control characters' });
  });
  it('detects GBK bytes', () => {
    expect(decodeBytes(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))).toEqual({
      ok: true,
      text: '你好',
      encoding: 'gb18030',
    });
  });
});
