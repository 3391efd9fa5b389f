/**
 * Hostile page texts for the parser (issue #18, finding 2), made on the fly and deterministic: each
 * shape is a function of a size in UTF-8 bytes, used by `bench/parse-growth.ts` (how the cost grows
 * with size) and by tests/ingest/hostile-inputs.test.ts (what the parser answers).
 */

import { Converter } from 'opencc-js';
import { foldText } from '../src-main/archive/text/normalize.js';
import { rng } from './corpus.js';

const toTraditional = Converter({ from: 'cn', to: 'tw' });

/** `n` random CJK unified ideographs (U+4E00–U+9FA5, Simplified and Traditional mixed). */
export function randomHan(n: number, next: () => number): string {
  const out: string[] = [];
  const CHUNK = 8192;
  for (let done = 0; done < n; done += CHUNK) {
    const len = Math.min(CHUNK, n - done);
    const codes = new Array<number>(len);
    for (let i = 0; i < len; i++) codes[i] = 0x4e00 + Math.floor(next() * (0x9fa6 - 0x4e00));
    out.push(String.fromCharCode(...codes));
  }
  return out.join('');
}

/** A valid `YYYY-MM-DD HH:MM:SS` for entry `i` (distinct for every i below 10 million). */
export function dateLine(i: number): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const day = i % 28;
  const month = Math.floor(i / 28) % 12;
  const year = 2000 + (Math.floor(i / 336) % 20);
  const sec = Math.floor(i / 6720);
  return `${year}-${p(month + 1)}-${p(day + 1)} ${p(Math.floor(sec / 3600) % 24)}:${p(Math.floor(sec / 60) % 60)}:${p(sec % 60)}`;
}

/** `count` headline entries, each followed by a stray line (no `...`, starting with no headline). */
export function headlinesWithStrays(count: number): string {
  const next = rng(1);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push('-', `新闻标题${randomHan(6, next)}${i}`, dateLine(i), `杂行${randomHan(12, next)}${i}`);
  }
  return parts.join('\n') + '\n';
}

/** `count` headline entries, each with a teaser (its title glued to a snippet ending in `...`). */
export function headlinesWithTeasers(count: number): string {
  const next = rng(2);
  const titles = Array.from({ length: count }, (_, i) => `新闻标题${randomHan(6, next)}${i}`);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push('-', `${titles[i]}近日,${randomHan(10, next)}...`);
  for (let i = 0; i < count; i++) parts.push('-', titles[i]!, dateLine(i));
  return parts.join('\n') + '\n';
}

/**
 * `count` headline entries, each with a teaser that writes its title in Traditional characters (the
 * headline is Simplified): found through the folded title, where the title's end is searched for.
 */
export function headlinesWithTraditionalTeasers(count: number): string {
  const next = rng(9);
  const titles = Array.from({ length: count }, (_, i) => `新闻标题${randomHan(6, next)}${i}`);
  const parts: string[] = [];
  for (let i = 0; i < count; i++)
    parts.push('-', `${toTraditional(titles[i]!)}近日,${randomHan(10, next)}...`);
  for (let i = 0; i < count; i++) parts.push('-', foldText(titles[i]!), dateLine(i));
  return parts.join('\n') + '\n';
}

/** Lines of random Chinese (`lineChars` characters each) making `chars` characters in all. */
export function randomChineseLines(chars: number, lineChars: number, seed = 3): string {
  const next = rng(seed);
  const lines: string[] = [];
  for (let done = 0; done < chars; done += lineChars)
    lines.push(randomHan(Math.min(lineChars, chars - done), next));
  return lines.join('\n');
}

export interface Shape {
  name: string;
  /** A text of about `bytes` UTF-8 bytes. */
  make(bytes: number): string;
}

const repeatTo = (unit: string, bytes: number, head = ''): string =>
  head + unit.repeat(Math.max(1, Math.floor((bytes - head.length) / Buffer.byteLength(unit))));

export const SHAPES: Shape[] = [
  { name: '<!-- ×N, no -->', make: (b) => repeatTo('<!--', b, '<p>') },
  { name: '<script> ×N, unclosed', make: (b) => repeatTo('<script>', b) },
  { name: '<script ×N, no >', make: (b) => repeatTo('<script ', b, '<p>') },
  // About 100 bytes per pair, as in the issue (20,000 pairs in 2 MB).
  { name: 'headlines + stray lines', make: (b) => headlinesWithStrays(Math.round(b / 100)) },
  { name: 'headlines + teasers', make: (b) => headlinesWithTeasers(Math.round(b / 100)) },
  {
    name: 'headlines + Traditional teasers',
    make: (b) => headlinesWithTraditionalTeasers(Math.round(b / 100)),
  },
  { name: 'one line of random Chinese', make: (b) => randomChineseLines(Math.round(b / 3), Infinity) },
  { name: 'random Chinese, 60-char lines', make: (b) => randomChineseLines(Math.round(b / 3), 60) },
  // A body line with a long run of spaces inside, then a last line of `“”` pairs before a byline.
  {
    name: 'spaces inside a body line',
    make: (b) => `${randomHan(40, rng(4))}${' '.repeat(Math.max(1, b - 130))}x\n${randomHan(40, rng(5))}`,
  },
  {
    name: '“” ×N before a byline',
    make: (b) =>
      `${randomHan(Math.floor(b / 6), rng(6))}\n${'“”'.repeat(Math.floor(b / 12))}中(本报记者 郑昭)`,
  },
  { name: 'dots inside a line', make: (b) => `${randomHan(40, rng(7))}\n-\n${'.'.repeat(b - 125)}x` },
  // The own-title cues (title-cues.ts): one 200-character title listed under many dates, each of its
  // 4-character windows in the body, never two in a row; the body (15 % of the bytes) stays within the
  // 20,000 characters the cues look at, so the cost of a headline grows with the body.
  {
    name: 'one title ×N, its 4-grams in the body',
    make: (b) => {
      const next = rng(10);
      const title = randomHan(200, next);
      const grams: string[] = [];
      for (let i = 0; i + 4 <= title.length; i++) grams.push(title.slice(i, i + 4));
      const head = `${grams.join('。')}。`;
      const parts = [head, `${randomHan(Math.max(100, Math.round((b * 0.15) / 3) - head.length), next)}。`];
      const entries = Math.max(1, Math.round((b * 0.85) / 640));
      for (let i = 0; i < entries; i++) parts.push('-', title, dateLine(i));
      return parts.join('\n');
    },
  },
  // Runs of ideographic description characters (⿰) between Han text: opencc-js took exponential time.
  {
    name: 'ideographic description chars',
    make: (b) => {
      const next = rng(8);
      const parts: string[] = [];
      for (let n = 0; n < b; n += 3 * 140) parts.push(randomHan(80, next), '⿰'.repeat(60));
      return parts.join('');
    },
  },
];
