/**
 * The linear rewrites of issue #18 against the code they replaced, kept here as the reference: the
 * teaser matching (every headline in turn through the character-by-character `foldedPrefixEnd`), the
 * HTML comment and script patterns, the body patterns and the inferred title. Same answers on
 * generated pages and strings.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/corpus.js';
import {
  hanStats,
  removePageJumps,
  stripTrailingEmptyQuotes,
  trailingByline,
} from '../../src-main/archive/ingest/body.js';
import { removeComments, removeRawTextElements } from '../../src-main/archive/ingest/html.js';
import { splitLabel } from '../../src-main/archive/ingest/labels.js';
import {
  endsWithEllipsis,
  TeaserMatcher,
  type HeadlineStrings,
} from '../../src-main/archive/ingest/teaser-match.js';
import { parsePage, parseTime } from '../../src-main/archive/ingest/parse-page.js';
import { foldKey } from '../../src-main/archive/text/normalize.js';

const SEED = fileURLToPath(new URL('../../seeds/000_b120d21b52c3fbe4.txt', import.meta.url));
const seedLines = readFileSync(SEED, 'utf8').split('\n');
const seedTitles = seedLines.filter((l, i) => !parseTime(l) && parseTime(seedLines[i + 1] ?? ''));
const seedProse = seedLines.filter((l) => l.length > 30 && !l.endsWith('...'));
const toTraditional = Converter({ from: 'cn', to: 'tw' });

// ---- The reference: the teaser matching parsePage used before (one pass over every headline). ----

function oldFoldedPrefixEnd(text: string, prefix: string, foldedText: string, foldedPrefix: string): number {
  if (text.startsWith(prefix)) return prefix.length;
  if (foldedPrefix === '' || !foldedText.startsWith(foldedPrefix)) return -1;
  let raw = '';
  for (const ch of text) {
    raw += ch;
    const got = foldKey(raw);
    if (got.length >= foldedPrefix.length) return got.startsWith(foldedPrefix) ? raw.length : -1;
  }
  return -1;
}

function oldMatch(teaser: string, headlines: HeadlineStrings[]): { index: number; cut: number } | undefined {
  let best = -1;
  let cut = -1;
  const folded = foldKey(teaser);
  headlines.forEach((h, i) => {
    const withLabel = oldFoldedPrefixEnd(teaser, h.raw, folded, h.rawKey);
    const end = withLabel > 0 ? withLabel : oldFoldedPrefixEnd(teaser, h.title, folded, h.titleKey);
    if (end > cut) {
      best = i;
      cut = end;
    }
  });
  return best >= 0 ? { index: best, cut } : undefined;
}

// ---- Generated pages: seed headlines, their variants, and teasers made from them. ----

const LABELS = ['全球实时:', '今日播报!', '热头条丨', '【时快讯】', '[快讯]', '焦点观察|'];
const FULL_WIDTH = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

function pick<T>(xs: readonly T[], r: () => number): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** A variant of a title a teaser or another headline may carry. */
function variant(title: string, r: () => number): string {
  switch (Math.floor(r() * 9)) {
    case 0:
      return toTraditional(title);
    case 1:
      return FULL_WIDTH(title);
    case 2:
      return title.replace(' ', r() < 0.5 ? '' : ',');
    case 3: // a prefix of the title: a shorter headline the longer one starts with
      return [...title].slice(0, 4 + Math.floor(r() * 8)).join('');
    case 4:
      return `${pick(LABELS, r)}${title}`;
    case 5:
      return `${title}${r() < 0.5 ? '!' : '”'}`;
    case 6:
      return title.toUpperCase() + (r() < 0.5 ? 'ABC' : '');
    default:
      return title;
  }
}

function generatedPage(seed: number): { headlines: HeadlineStrings[]; teasers: string[] } {
  const r = rng(seed);
  const raws: string[] = [];
  const n = 1 + Math.floor(r() * 30);
  for (let i = 0; i < n; i++) {
    const t = pick(seedTitles, r);
    // Duplicates (same raw line, another date), labels, variants of titles already listed.
    raws.push(r() < 0.2 && raws.length > 0 ? pick(raws, r) : r() < 0.5 ? variant(t, r) : t);
  }
  const headlines = raws.map((raw) => {
    const { title } = splitLabel(raw);
    return { raw, title, rawKey: foldKey(raw), titleKey: foldKey(title) };
  });
  const teasers: string[] = [];
  for (let i = 0; i < 20; i++) {
    const base = r() < 0.8 ? pick(raws, r) : pick(seedTitles, r);
    const head = r() < 0.5 ? variant(base, r) : base;
    const glue = pick(['', '', ' ', ',', '!', '。'], r);
    const snippet = [...pick(seedProse, r)].slice(0, 20 + Math.floor(r() * 40)).join('');
    teasers.push(r() < 0.1 ? pick(seedProse, r) : `${head}${glue}${snippet}${r() < 0.8 ? '...' : ''}`);
  }
  return { headlines, teasers };
}

describe('TeaserMatcher gives the answer of matching every headline in turn', () => {
  it('on the seed page', () => {
    const headlines = seedTitles.map((raw) => {
      const { title } = splitLabel(raw);
      return { raw, title, rawKey: foldKey(raw), titleKey: foldKey(title) };
    });
    const matcher = new TeaserMatcher(headlines);
    const teasers = seedLines.filter((l) => l.endsWith('...'));
    expect(teasers).toHaveLength(5);
    for (const t of teasers) {
      expect(matcher.match(t)).toEqual(oldMatch(t, headlines));
      expect(matcher.match(t)).toBeDefined();
    }
  });

  it('on generated pages (duplicates, labels, Traditional, full-width, prefixes, punctuation)', () => {
    let matched = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const { headlines, teasers } = generatedPage(seed);
        const matcher = new TeaserMatcher(headlines);
        for (const t of teasers) {
          const want = oldMatch(t, headlines);
          expect(matcher.match(t), `${t} in ${JSON.stringify(headlines.map((h) => h.raw))}`).toEqual(want);
          total++;
          if (want) matched++;
        }
      }),
      { numRuns: 150 },
    );
    // The pages exercise both outcomes.
    expect(matched).toBeGreaterThan(total / 3);
    expect(matched).toBeLessThan(total);
  });
});

// ---- Date lines: the pattern replaced by a hand-written reader. ----

const OLD_DATE_LINE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function oldParseTime(line: string): string | undefined {
  const m = OLD_DATE_LINE.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > days || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p(mo!)}-${p(d!)}T${p(h!)}:${p(mi!)}:${p(s!)}+08:00`;
}

describe('parseTime', () => {
  it('reads what the pattern it replaced read', () => {
    const unit = fc.constantFrom('0', '1', '2', '9', '-', '/', '.', ' ', '\t', '\u3000', 'T', ':', 'x', '０');
    const dateish = fc.oneof(
      fc.array(unit, { maxLength: 24 }).map((a) => a.join('')),
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.option(fc.integer({ min: 0, max: 61 })),
          fc.constantFrom('-', '/', '.'),
          fc.constantFrom(' ', 'T', '  ', '\t', ''),
          fc.boolean(),
        )
        .map(([y, mo, d, h, mi, s, sep, gap, pad]) => {
          const p = (n: number): string => (pad ? String(n).padStart(2, '0') : String(n));
          const time = `${p(h)}:${String(mi).padStart(2, '0')}${s === null ? '' : `:${String(s).padStart(2, '0')}`}`;
          return `${String(y).padStart(4, '0')}${sep}${p(mo)}${sep}${p(d)}${gap}${time}`;
        }),
    );
    fc.assert(
      fc.property(dateish, (line) => {
        expect(parseTime(line)).toBe(oldParseTime(line));
      }),
      { numRuns: 5000 },
    );
    for (const leap of [
      '0000-02-29 00:00',
      '0004-02-29 00:00',
      '1900-02-29 00:00',
      '2000-02-29 00:00',
      '2024-02-29 12:00:00',
    ])
      expect(parseTime(leap)).toBe(oldParseTime(leap));
  });
});

// ---- HTML: the two patterns replaced by indexOf scanners. ----

const OLD_COMMENT = /<!--[\s\S]*?-->/g;
const OLD_RAW_TEXT = /<(script|style|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

const htmlish = fc
  .array(
    fc.constantFrom(
      '<!--',
      '-->',
      '--',
      '-',
      '>',
      '<',
      '</',
      '<script',
      '<SCRIPT',
      '<Script',
      '<scripts',
      '</script',
      '</SCRIPT',
      '<style',
      '</style',
      '<iframe',
      '</iframe',
      '<p>',
      ' ',
      '\n',
      'a',
      '中',
      '_',
      '1',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('HTML comment and script removal', () => {
  it('matches the patterns it replaced', () => {
    fc.assert(
      fc.property(htmlish, (s) => {
        expect(removeComments(s)).toBe(s.replace(OLD_COMMENT, ''));
        expect(removeRawTextElements(s)).toBe(s.replace(OLD_RAW_TEXT, ''));
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- Body: page jumps, trailing byline, empty quotes, ellipsis, Han share, inferred title. ----

const OLD_PAGE_JUMP =
  /\s*[(（]\s*(?:下转|上接|转|接|紧接|续)\s*第?\s*[一二三四五六七八九十百零〇\d]{1,4}\s*版\s*[)）]\s*/g;
const OLD_TRAILING_BYLINE = /^(.*?)\s*[(（]([^()（）]{2,40})[)）]\s*$/u;
const OLD_TRAILING_EMPTY_QUOTES = /(?:\s*(?:“”|""|「」|『』|‘’|''))+\s*$/u;
const OLD_ELLIPSIS = /\s*(?:\.{2,}|…+|。{2,})$/u;

const bodyish = fc
  .array(
    fc.constantFrom(
      '(',
      ')',
      '（',
      '）',
      '下转',
      '上接',
      '转',
      '第',
      '六',
      '6',
      '版',
      ' ',
      '\u3000',
      '\u2028',
      '\n',
      '“”',
      '“',
      '”',
      '""',
      "'",
      '「」',
      '本报记者 郑昭',
      '记者',
      '中',
      '文',
      '.',
      '…',
      '。',
      'a',
      '𠀀',
      '\ud800',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('body patterns', () => {
  it('match the patterns they replaced', () => {
    fc.assert(
      fc.property(bodyish, (s) => {
        expect(removePageJumps(s)).toBe(s.replace(OLD_PAGE_JUMP, '').trim());
        const m = OLD_TRAILING_BYLINE.exec(s);
        expect(trailingByline(s)).toEqual(m ? { before: m[1], credit: m[2] } : undefined);
        expect(stripTrailingEmptyQuotes(s)).toBe(s.replace(OLD_TRAILING_EMPTY_QUOTES, ''));
        expect(endsWithEllipsis(s)).toBe(OLD_ELLIPSIS.test(s));
        const han = s.match(/\p{Script=Han}/gu)?.length ?? 0;
        const visible = s.replace(/\s+/g, '').length;
        expect(hanStats(s)).toEqual({ han, ratio: visible === 0 ? 0 : han / visible });
      }),
      { numRuns: 3000 },
    );
  });

  it('infer the same title from a body the headline list does not name', () => {
    function oldInferredTitle(line: string): string {
      const sentence = [...(line.split(/[。！？!?]/u)[0]!.trim() || line)];
      if (sentence.length <= 40) return sentence.join('');
      const head = sentence.slice(0, 40);
      let cut = -1;
      head.forEach((ch, i) => {
        if (i >= 8 && /[,，、;；]/u.test(ch)) cut = i;
      });
      return head.slice(0, cut > 0 ? cut : 40).join('');
    }
    const r = rng(21);
    const units = ['中', '文', '城', '市', ',', '，', '、', ';', '。', '！', '?', ' ', '𠀀', 'a'];
    for (let n = 0; n < 300; n++) {
      const len = 25 + Math.floor(r() * 60);
      let line = '党建'.repeat(11);
      for (let i = 0; i < len; i++) line += pick(units, r);
      line = line.trim();
      if (/[。！？!?]$/u.test(line)) line += '中';
      const result = parsePage(line);
      if (!result.ok) throw new Error(result.reason);
      const want = splitLabel(oldInferredTitle(line)).title;
      expect(result.page.articles[0]!.title, line).toBe(want);
    }
  });
});
