/**
 * The main article's body: lines of a saved page turned into heading and paragraph blocks. Newspaper
 * page-jump markers (`(下转第六版)`) are layout, not text, so they go; the byline at the very end
 * (`(本报记者 郑昭)`) is split off, with the stray empty quote pair (`“”`) some sites leave before it.
 * Every other line becomes exactly one block: nothing is merged or split, so positions stay stable.
 *
 * Linear in the text: no pattern here is unanchored with a leading `\s*` or a repeated group before
 * `$` (those retried every position of a long run of spaces or quote pairs: quadratic per line), and
 * no line is spread into an array of characters.
 */
import type { Block } from '../model.js';
import {
  codePointCount,
  codePointPrefix,
  hasMoreCodePoints,
  isSpaceCode,
  spaceRunStart,
} from '../text/chars.js';
import { foldText } from '../text/normalize.js';

/**
 * `(下转第六版)`, `(上接第一版)`, `（转第6版）`, `(紧接第一版)` and friends, in half- or full-width, with
 * the spaces after them (the spaces before them are removed by `removePageJumps`).
 */
const PAGE_JUMP =
  /[(（]\s*(?:下转|上接|转|接|紧接|续)\s*(?:第\s*)?[一二三四五六七八九十百零〇\d]{1,4}\s*版\s*[)）]\s*/g;

/** A trailing parenthesised credit: `(本报记者 郑昭)`, `（记者 王芳 通讯员 李明）`, `(编辑 张三)`. */
const BYLINE_MAX_CHARS = 40;
const BYLINE_WORDS = /记者|通讯员|编辑|作者|撰稿|供稿|摄影|责编|报道/;

/** Empty quote pairs left dangling before a byline: `“”`, `""`, `「」`. */
const EMPTY_QUOTE_PAIRS = new Set(['“”', '""', '「」', '『』', '‘’', "''"]);

/** Sentence punctuation that a section heading never contains. */
const SENTENCE_PUNCT = /[。！？!?；;]/;
const CLOSERS = /[”’」』)）》"'\]】]+$/u;
const DANGLING = /[,，、:：…]$|\.\.\.$/;

export const HEADING_MAX_CHARS = 30;

export interface Body {
  blocks: Block[];
  byline?: string;
}

/**
 * The line without its page-jump markers and the spaces around them, trimmed (what replacing
 * `\s*` + PAGE_JUMP with '' did; the spaces before a marker are cut here, from the end of the text
 * between two markers, instead of by a leading `\s*` that retried every position of a run of spaces).
 */
export function removePageJumps(line: string): string {
  PAGE_JUMP.lastIndex = 0;
  let m = PAGE_JUMP.exec(line);
  if (!m) return line.trim();
  let out = '';
  let pos = 0;
  while (m) {
    out += line.slice(pos, spaceRunStart(line, m.index, pos));
    pos = m.index + m[0].length;
    m = PAGE_JUMP.exec(line);
  }
  return (out + line.slice(pos)).trim();
}

const LINE_TERMINATORS = /[\n\r\u2028\u2029]/;

/**
 * A trailing parenthesised credit, as `/^(.*?)\s*[(（]([^()（）]{2,40})[)）]\s*$/u` finds it: `before` is
 * the text ahead of it (less the spaces before the bracket), `credit` what the brackets hold. Read from
 * the end, looking at no more than the credit's length.
 */
export function trailingByline(line: string): { before: string; credit: string } | undefined {
  const end = spaceRunStart(line);
  const close = line.charCodeAt(end - 1);
  if (end < 2 || (close !== 0x29 && close !== 0xff09)) return undefined; // ) ）
  let open = end - 2;
  const floor = Math.max(0, end - 2 - 2 * BYLINE_MAX_CHARS);
  for (; open >= floor; open--) {
    const c = line.charCodeAt(open);
    if (c === 0x28 || c === 0x29 || c === 0xff08 || c === 0xff09) break; // ( ) （ ）
  }
  if (open < floor) return undefined;
  const o = line.charCodeAt(open);
  if (o !== 0x28 && o !== 0xff08) return undefined;
  const credit = line.slice(open + 1, end - 1);
  const n = codePointCount(credit);
  if (n < 2 || n > BYLINE_MAX_CHARS) return undefined;
  const before = line.slice(0, spaceRunStart(line, open));
  // `.` does not match a line terminator, so the pattern never matched a line holding one.
  if (LINE_TERMINATORS.test(before)) return undefined;
  return { before, credit };
}

/** The text without the empty quote pairs (and spaces) it ends with. */
export function stripTrailingEmptyQuotes(text: string): string {
  let end = spaceRunStart(text);
  let cut = -1;
  while (end >= 2 && EMPTY_QUOTE_PAIRS.has(text.slice(end - 2, end))) {
    end = spaceRunStart(text, end - 2);
    cut = end;
  }
  return cut < 0 ? text : text.slice(0, cut);
}

/** A short line without sentence punctuation: how section headings look in these pages. */
export function isHeadingLine(line: string): boolean {
  if (hasMoreCodePoints(line, HEADING_MAX_CHARS)) return false;
  if (SENTENCE_PUNCT.test(line)) return false;
  const bare = line.replace(CLOSERS, '');
  return bare.length > 0 && !DANGLING.test(bare);
}

export function buildBody(lines: string[]): Body {
  const cleaned = lines.map(removePageJumps).filter((l) => l !== '');
  let byline: string | undefined;
  const last = cleaned[cleaned.length - 1];
  if (last !== undefined) {
    const m = trailingByline(last);
    if (m && BYLINE_WORDS.test(foldText(m.credit))) {
      byline = m.credit.trim().replace(/\s+/g, ' ');
      const rest = stripTrailingEmptyQuotes(m.before).trim();
      if (rest === '') cleaned.pop();
      else cleaned[cleaned.length - 1] = rest;
    }
  }
  const blocks: Block[] = cleaned.map((text, i) => ({
    // A heading introduces text, so the last line (a lone line, a cut-off one) is never a heading.
    type: i < cleaned.length - 1 && isHeadingLine(text) ? 'heading' : 'paragraph',
    text,
  }));
  return byline ? { blocks, byline } : { blocks };
}

/** The opening of the first paragraph (about 100 characters), for lists and search results. */
export function bodySnippet(blocks: Block[], maxChars = 100): string | undefined {
  const first = blocks.find((b) => b.type === 'paragraph') ?? blocks[0];
  if (!first) return undefined;
  return codePointPrefix(first.text, maxChars);
}

const HAN = /^\p{Script=Han}$/u;
/** Per BMP code unit: 0 = not looked at yet, 1 = Han, 2 = not (the pattern, asked once per unit). */
const hanFlag = new Uint8Array(0x10000);

/** Han characters over all non-space characters: is this Chinese prose at all? */
export function hanStats(text: string): { han: number; ratio: number } {
  // One pass, without building the text's Han-only and space-free copies.
  let han = 0;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (HAN.test(text.slice(i, i + 2))) han++;
        i++;
        continue;
      }
    }
    let f = hanFlag[c]!;
    if (f === 0) hanFlag[c] = f = HAN.test(String.fromCharCode(c)) ? 1 : 2;
    if (f === 1) han++;
    else if (isSpaceCode(c)) spaces++;
  }
  const visible = text.length - spaces;
  return { han, ratio: visible === 0 ? 0 : han / visible };
}
