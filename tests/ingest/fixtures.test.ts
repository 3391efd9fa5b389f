/**
 * Every committed fixture page (tests/fixtures/pages, made by tests/fixtures/make-fixtures.ts) with its
 * exact expectation: decoded encoding and article counts, or the one-line reason it is rejected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src-main/archive/ingest/decode.js';
import { parsePage, type ParsedArticle } from '../../src-main/archive/ingest/parse-page.js';
import { articleId } from '../../src-main/archive/ingest/article-id.js';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const MAIN_TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';
const MAIN_TITLE_TW = '福建全面加強城市基層黨建工作綜述 打造近鄰黨建“主心骨”';
const INFERRED_TITLE = '城市是改革开放和现代化建设的主战场';

interface PageExpectation {
  encoding: string;
  /** full / brief / headline counts */
  kinds: [number, number, number];
  mainTitle?: string;
  inferred?: boolean;
  blocks?: number;
  headings?: number;
  byline?: string;
  skipped?: number;
  /** Every article's id is one of the seed page's ids. */
  seedIds?: boolean;
}
type Expectation = PageExpectation | { reject: string };

const whole = (encoding: string): PageExpectation => ({
  encoding,
  kinds: [1, 5, 29],
  mainTitle: MAIN_TITLE,
  blocks: 27,
  headings: 3,
  byline: '本报记者 郑昭',
  seedIds: true,
});

const EXPECTED: Record<string, Expectation> = {
  'utf8.txt': whole('utf-8'),
  'utf8-bom.txt': whole('utf-8'),
  'utf16le-bom.txt': whole('utf-16le'),
  'utf16be-bom.txt': whole('utf-16be'),
  'gb18030.txt': whole('gb18030'),
  'crlf.txt': whole('utf-8'),
  'cr.txt': whole('utf-8'),
  'sep-spaces.txt': whole('utf-8'),
  'sep-emdash.txt': whole('utf-8'),
  'blank-lines.txt': whole('utf-8'),
  'no-separators.txt': whole('utf-8'),
  'duplicate.txt': whole('utf-8'),
  'html.txt': whole('utf-8'),
  'traditional.txt': { ...whole('utf-8'), mainTitle: MAIN_TITLE_TW, byline: '本報記者 鄭昭' },
  'article-only.txt': {
    encoding: 'utf-8',
    kinds: [1, 0, 0],
    mainTitle: INFERRED_TITLE,
    inferred: true,
    blocks: 27,
    headings: 3,
    byline: '本报记者 郑昭',
  },
  'truncated-body.txt': {
    encoding: 'utf-8',
    kinds: [1, 0, 0],
    mainTitle: INFERRED_TITLE,
    inferred: true,
    blocks: 11,
    headings: 1,
  },
  'truncated-headlines.txt': {
    encoding: 'utf-8',
    kinds: [1, 5, 21],
    mainTitle: MAIN_TITLE,
    blocks: 27,
    headings: 3,
    byline: '本报记者 郑昭',
    skipped: 1,
    seedIds: true,
  },
  'headlines-only.txt': { encoding: 'utf-8', kinds: [0, 0, 35], seedIds: true },
  'body-and-teasers.txt': {
    encoding: 'utf-8',
    kinds: [1, 5, 0],
    mainTitle: INFERRED_TITLE,
    inferred: true,
    blocks: 27,
    headings: 3,
    byline: '本报记者 郑昭',
  },
  'single-headline.txt': { encoding: 'utf-8', kinds: [0, 0, 1], seedIds: true },
  'empty.txt': { reject: 'empty file' },
  'blank.txt': { reject: 'empty file (whitespace only)' },
  'binary.txt': { reject: 'binary: contains NUL bytes' },
  'utf16le-no-bom.txt': { reject: 'binary: contains NUL bytes' },
  'undecodable.txt': { reject: 'binary: not valid UTF-8, UTF-16 or GB18030 text' },
  'not-the-format.txt': { reject: 'not the page format: neither an article body nor a headline list' },
  'notes.md': { reject: 'not the page format: neither an article body nor a headline list' },
};

function load(
  name: string,
):
  | { ok: true; articles: ParsedArticle[]; encoding: string; skipped?: number }
  | { ok: false; reason: string } {
  const decoded = decodeBytes(readFileSync(join(PAGES, name)));
  if (!decoded.ok) return decoded;
  const parsed = parsePage(decoded.text);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    articles: parsed.page.articles,
    encoding: decoded.encoding,
    skipped: parsed.page.skipped,
  };
}

const seed = load('utf8.txt');
const seedIds = new Set(seed.ok ? seed.articles.map((a) => articleId(a.title, a.publishedAt)) : []);

describe('fixture pages', () => {
  it('has an expectation for every file, and at least 20 files', () => {
    const files = readdirSync(PAGES).sort();
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, want) => {
    const got = load(name);
    if ('reject' in want) {
      expect(got).toEqual({ ok: false, reason: want.reject });
      return;
    }
    if (!got.ok) throw new Error(`${name}: ${got.reason}`);
    expect(got.encoding).toBe(want.encoding);
    const count = (k: string): number => got.articles.filter((a) => a.kind === k).length;
    expect([count('full'), count('brief'), count('headline')]).toEqual(want.kinds);
    expect(got.skipped).toBe(want.skipped);
    const full = got.articles.find((a) => a.kind === 'full');
    if (want.mainTitle) {
      expect(full?.title).toBe(want.mainTitle);
      expect(full?.titleInferred).toBe(want.inferred);
      expect(full?.publishedAt).toBe(want.inferred ? undefined : '2022-09-13T08:49:19+08:00');
      expect(full?.blocks).toHaveLength(want.blocks!);
      expect(full?.blocks?.filter((b) => b.type === 'heading')).toHaveLength(want.headings!);
      expect(full?.byline).toBe(want.byline);
    } else {
      expect(full).toBeUndefined();
    }
    if (want.seedIds) {
      for (const a of got.articles)
        expect(seedIds.has(articleId(a.title, a.publishedAt)), a.title).toBe(true);
    }
    // No text of the page is markup, a page-jump marker or a stray control character.
    const text = JSON.stringify(got.articles);
    expect(text).not.toMatch(/<\/?[a-z]|&nbsp;|&#\d+;|alert\(|\(下转第|\\u0000|\\r/i);
  });

  it('gives the Traditional page the same ids as its Simplified original', () => {
    const tw = load('traditional.txt');
    if (!tw.ok || !seed.ok) throw new Error('fixture did not parse');
    expect(tw.articles.map((a) => articleId(a.title, a.publishedAt))).toEqual(
      seed.articles.map((a) => articleId(a.title, a.publishedAt)),
    );
    expect(tw.articles.find((a) => a.title.startsWith('中成藥'))?.label).toBe('全球實時');
  });

  it('decodes the HTML page to the same text as the plain one', () => {
    const html = load('html.txt');
    if (!html.ok || !seed.ok) throw new Error('fixture did not parse');
    expect(html.articles).toEqual(seed.articles);
  });
});
