/**
 * Hostile page texts (issue #18, findings 2 and 6): each is generated here, and the parser's answer is
 * asserted exactly (imported with which counts, or rejected with which reason). How the time grows with
 * the size is measured by `npm run bench -- --parse-growth`, not here: no timing assertions.
 */
import { describe, expect, it } from 'vitest';
import {
  dateLine,
  headlinesWithStrays,
  headlinesWithTeasers,
  randomChineseLines,
  randomHan,
  SHAPES,
} from '../../bench/hostile-shapes.js';
import { rng } from '../../bench/corpus.js';
import {
  MAX_BODY_CHARS,
  MAX_HEADLINES,
  MAX_STRAYS_MATCHED,
  MAX_TEASERS,
  parsePage,
  type ParsedArticle,
  type ParseResult,
} from '../../src-main/archive/ingest/parse-page.js';

const KB400 = 400_000;

function shape(name: string): (bytes: number) => string {
  const s = SHAPES.find((x) => x.name === name);
  if (!s) throw new Error(`no shape ${name}`);
  return s.make;
}

function kinds(result: ParseResult): { full: number; brief: number; headline: number; skipped?: number } {
  if (!result.ok) throw new Error(result.reason);
  const n = (k: string): number => result.page.articles.filter((a) => a.kind === k).length;
  const out: { full: number; brief: number; headline: number; skipped?: number } = {
    full: n('full'),
    brief: n('brief'),
    headline: n('headline'),
  };
  if (result.page.skipped !== undefined) out.skipped = result.page.skipped;
  return out;
}

const NOT_THE_FORMAT = 'not the page format: neither an article body nor a headline list';

describe('markup that made stripHtml quadratic', () => {
  it('`<!--` repeated with no `-->` (400 KB): the unclosed comment stays text, and is no page', () => {
    expect(parsePage(shape('<!-- ×N, no -->')(KB400))).toEqual({ ok: false, reason: NOT_THE_FORMAT });
  });

  it('`<script>` repeated, never closed (400 KB): the tags go, nothing is left', () => {
    expect(parsePage(shape('<script> ×N, unclosed')(KB400))).toEqual({
      ok: false,
      reason: 'not the page format: no text',
    });
  });

  it('`<script ` repeated with no `>` at all (400 KB)', () => {
    expect(parsePage(shape('<script ×N, no >')(KB400))).toEqual({ ok: false, reason: NOT_THE_FORMAT });
  });

  it('still drops closed comments and scripts around an article', () => {
    const body = randomHan(60, rng(11));
    const page = `<p>${body}<!-- a -->${'<!--'.repeat(3)}</p>`;
    const result = parsePage(`<script>x</script><style>y</STYLE >${page}`);
    expect(result.ok && result.page.articles[0]!.blocks).toEqual([
      { type: 'paragraph', text: `${body}${'<!--'.repeat(3)}` },
    ]);
  });
});

describe('headline lists', () => {
  it('20,000 headlines with 20,000 stray lines (1.1 MB): rejected, too many headlines', () => {
    expect(parsePage(headlinesWithStrays(20_000))).toEqual({
      ok: false,
      reason: 'too large: 20,000 headlines > 5,000',
    });
  });

  it('35,000 headlines with 35,000 `...` teasers (2.5 MB): rejected, too many headlines', () => {
    expect(parsePage(headlinesWithTeasers(35_000))).toEqual({
      ok: false,
      reason: 'too large: 35,000 headlines > 5,000',
    });
  });

  it(`${MAX_HEADLINES.toLocaleString('en-US')} headlines with as many teasers: every teaser finds its headline`, () => {
    const result = parsePage(headlinesWithTeasers(MAX_HEADLINES));
    expect(kinds(result)).toEqual({ full: 0, brief: MAX_HEADLINES, headline: 0 });
    const briefs = result.ok ? result.page.articles : [];
    expect(briefs[0]!.title).toMatch(/^新闻标题.{6}0$/u);
    expect(briefs[0]!.snippet).toMatch(/^近日,.{10}\.\.\.$/u);
    expect(briefs[0]!.publishedAt).toBe('2000-01-01T00:00:00+08:00');
  });

  it(`${MAX_HEADLINES.toLocaleString('en-US')} headlines with as many stray lines: the strays are skipped`, () => {
    expect(kinds(parsePage(headlinesWithStrays(MAX_HEADLINES)))).toEqual({
      full: 0,
      brief: 0,
      headline: MAX_HEADLINES,
      skipped: MAX_HEADLINES,
    });
  });

  it('one headline over the limit is rejected', () => {
    const lines = Array.from({ length: MAX_HEADLINES + 1 }, (_, i) => `-\n标题${i}号\n${dateLine(i)}`);
    expect(parsePage(lines.join('\n'))).toEqual({ ok: false, reason: 'too large: 5,001 headlines > 5,000' });
  });

  it('more teasers than the limit (with `...`, or starting with a headline) is rejected', () => {
    const dotted = Array.from({ length: MAX_TEASERS + 1 }, (_, i) => `-\n导语${i}号,近日...`);
    expect(parsePage(dotted.join('\n'))).toEqual({ ok: false, reason: 'too large: 5,001 teasers > 5,000' });
    // One with dots, the others found by the headline they start with.
    const undotted = Array.from({ length: MAX_TEASERS }, (_, i) => `-\n标题一号 导语${i}`);
    expect(parsePage(`-\n标题一号\n${dateLine(0)}\n-\n导语,近日...\n${undotted.join('\n')}`)).toEqual({
      ok: false,
      reason: 'too large: 5,001 teasers > 5,000',
    });
  });

  it(`only the first ${MAX_STRAYS_MATCHED.toLocaleString('en-US')} stray lines are compared with the headlines`, () => {
    const junk = Array.from({ length: MAX_STRAYS_MATCHED }, (_, i) => `杂行${i}`).join('\n');
    const head = `-\n标题一号\n${dateLine(0)}\n-\n`;
    // A teaser without dots among the first lines is found; one past the limit is skipped unread.
    expect(kinds(parsePage(`${head}标题一号 导语\n${junk}`))).toEqual({
      full: 0,
      brief: 1,
      headline: 0,
      skipped: MAX_STRAYS_MATCHED,
    });
    expect(kinds(parsePage(`${head}${junk}\n标题一号 导语`))).toEqual({
      full: 0,
      brief: 0,
      headline: 1,
      skipped: MAX_STRAYS_MATCHED + 1,
    });
  });

  it('a 1 MB line is neither a headline title nor a teaser: it and its date line are skipped', () => {
    const huge = randomHan(1_000_000, rng(12));
    const page = `-\n${huge}\n${dateLine(1)}\n-\n${huge}...\n-\n真正的标题\n${dateLine(2)}`;
    const result = parsePage(page);
    expect(kinds(result)).toEqual({ full: 0, brief: 0, headline: 1, skipped: 3 });
    expect(result.ok && result.page.articles[0]!.title).toBe('真正的标题');
  });
});

describe('huge random Chinese text', () => {
  it('a single 9 MB line: rejected, the body is too large', () => {
    expect(parsePage(randomChineseLines(3_000_000, Infinity))).toEqual({
      ok: false,
      reason: 'too large: article body of 3,000,000 characters > 1,000,000',
    });
  });

  it('45 MB of lines: rejected, the body is too large', () => {
    expect(parsePage(randomChineseLines(15_000_000, 60))).toEqual({
      ok: false,
      reason: 'too large: article body of 15,000,000 characters > 1,000,000',
    });
  });

  it('a body of exactly the limit is imported, one character more is not', () => {
    const at = randomChineseLines(MAX_BODY_CHARS, 1000, 13);
    const result = parsePage(at);
    expect(kinds(result)).toEqual({ full: 1, brief: 0, headline: 0 });
    const full = result.ok ? result.page.articles[0]! : undefined;
    expect(full?.blocks).toHaveLength(1000);
    expect(full?.titleInferred).toBe(true);
    expect([...full!.title]).toHaveLength(40);
    expect(parsePage(`${at}字`)).toEqual({
      ok: false,
      reason: 'too large: article body of 1,000,001 characters > 1,000,000',
    });
  });
});

describe('long runs inside one line (400 KB)', () => {
  it('spaces inside a body line', () => {
    expect(kinds(parsePage(shape('spaces inside a body line')(KB400)))).toEqual({
      full: 1,
      brief: 0,
      headline: 0,
    });
  });

  it('empty quote pairs before a byline are dropped, the byline kept', () => {
    const result = parsePage(shape('“” ×N before a byline')(KB400));
    expect(kinds(result)).toEqual({ full: 1, brief: 0, headline: 0 });
    const full = result.ok ? result.page.articles[0]! : undefined;
    expect(full?.byline).toBe('本报记者 郑昭');
    expect(full?.blocks?.at(-1)?.text).toMatch(/^(?:“”)+中$/u);
  });

  it('a run of dots that is not at the end is no teaser', () => {
    expect(kinds(parsePage(shape('dots inside a line')(KB400)))).toEqual({
      full: 1,
      brief: 0,
      headline: 0,
      skipped: 1,
    });
  });
});

describe('ideographic description characters', () => {
  it('a run of them in a title or a body folds in linear time (opencc alone took exponential time)', () => {
    const body = `${randomHan(200, rng(14))}${'⿰'.repeat(100)}`;
    const result = parsePage(`${body}\n-\n标题${'⿰'.repeat(150)}\n${dateLine(0)}`);
    expect(kinds(result)).toEqual({ full: 1, brief: 0, headline: 1 });
    expect(result.ok && result.page.articles[1]!.title).toBe(`标题${'⿰'.repeat(150)}`);
    expect(kinds(parsePage(shape('ideographic description chars')(KB400)))).toEqual({
      full: 1,
      brief: 0,
      headline: 0,
    });
  });
});

describe('control and bidi characters (finding 6)', () => {
  const BODY = '城市是改革开放和现代化建设的主战场,城市基层党组织是党在城市全部工作和战斗力的基础。';

  function allText(a: ParsedArticle): string {
    return [a.title, a.label, a.byline, a.snippet, ...(a.blocks ?? []).map((b) => b.text)].join('|');
  }

  it('a headline with `&#x9b;` and a raw U+202E: the title has neither', () => {
    const page = `<p>${BODY}</p>\n-\n<p>热头条丨基层&#x9b;党建\u202e新闻</p>\n${dateLine(0)}`;
    const result = parsePage(page);
    expect(kinds(result)).toEqual({ full: 1, brief: 0, headline: 1 });
    const headline = result.ok ? result.page.articles[1]! : undefined;
    expect(headline).toEqual({
      title: '基层&#x9b;党建新闻',
      label: '热头条',
      kind: 'headline',
      publishedAt: '2000-01-01T00:00:00+08:00',
    });
    expect(headline!.title).not.toMatch(/[\u009b\u202e]/u);
  });

  it('no C0, C1 or bidi control survives in titles, labels, bylines, snippets or body text', () => {
    const controls =
      '\u0001\u0007\u001b\u007f\u0080\u0085\u009b\u009f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const dirty = (s: string): string => [...s].map((ch, i) => (i % 3 === 1 ? ch + controls : ch)).join('');
    const entities = '&#x80;&#133;&#x202E;&#x2066;';
    const page = [
      `<p>${dirty(BODY)}${entities}</p>`,
      dirty('“”(本报记者 郑昭)'),
      '-',
      dirty('福建新闻标题一号,近日,福建...'),
      '-',
      dirty('【时快讯】福建新闻标题一号'),
      dateLine(3),
      '-',
      dirty('其他新闻 二号近日,某地...'),
    ].join('\n');
    const result = parsePage(page);
    expect(kinds(result)).toEqual({ full: 1, brief: 2, headline: 0 });
    for (const a of result.ok ? result.page.articles : []) {
      // eslint-disable-next-line no-control-regex -- the point of the test
      expect(allText(a)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    }
    const [full, teaser] = result.ok ? result.page.articles : [];
    expect(full!.byline).toBe('本报记者 郑昭');
    expect(full!.blocks!.at(-1)!.text.endsWith('&#x80;&#133;')).toBe(true);
    expect(teaser).toEqual({
      title: '福建新闻标题一号',
      label: '时快讯',
      kind: 'brief',
      publishedAt: '2000-01-04T00:00:00+08:00',
      snippet: ',近日,福建...',
    });
  });

  it('tab, vertical tab and form feed inside a title become spaces', () => {
    const result = parsePage(`-\n福建\t新闻\u000b标题\u000c一号\n${dateLine(0)}`);
    expect(result.ok && result.page.articles[0]!.title).toBe('福建 新闻 标题 一号');
  });
});
