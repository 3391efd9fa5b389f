/**
 * The main article's body: lines of a saved page turned into heading and paragraph blocks. Newspaper
 * page-jump markers (`(下转第六版)`) are layout, not text, so they go; the byline at the very end
 * (`(本报记者 郑昭)`) is split off, with the stray empty quote pair (`“”`) some sites leave before it.
 * Every other line becomes exactly one block: nothing is merged or split, so positions stay stable.
 */
import type { Block } from '../model.js';
import { foldText } from '../text/normalize.js';

/** `(下转第六版)`, `(上接第一版)`, `（转第6版）`, `(紧接第一版)` and friends, in half- or full-width. */
const PAGE_JUMP =
  /\s*[(（]\s*(?:下转|上接|转|接|紧接|续)\s*第?\s*[一二三四五六七八九十百零〇\d]{1,4}\s*版\s*[)）]\s*/g;

/** A trailing parenthesised credit: `(本报记者 郑昭)`, `（记者 王芳 通讯员 李明）`, `(编辑 张三)`. */
const TRAILING_BYLINE = /^(.*?)\s*[(（]([^()（）]{2,40})[)）]\s*$/u;
const BYLINE_WORDS = /记者|通讯员|编辑|作者|撰稿|供稿|摄影|责编|报道/;

/** Empty quote pairs left dangling before a byline: `“”`, `""`, `「」`. */
const TRAILING_EMPTY_QUOTES = /(?:\s*(?:“”|""|「」|『』|‘’|''))+\s*$/u;

/** Sentence punctuation that a section heading never contains. */
const SENTENCE_PUNCT = /[。！？!?；;]/;
const CLOSERS = /[”’」』)）》"'\]】]+$/u;
const DANGLING = /[,，、:：…]$|\.\.\.$/;

export const HEADING_MAX_CHARS = 30;

export interface Body {
  blocks: Block[];
  byline?: string;
}

export function removePageJumps(line: string): string {
  return line.replace(PAGE_JUMP, '').trim();
}

/** A short line without sentence punctuation: how section headings look in these pages. */
export function isHeadingLine(line: string): boolean {
  if ([...line].length > HEADING_MAX_CHARS) return false;
  if (SENTENCE_PUNCT.test(line)) return false;
  const bare = line.replace(CLOSERS, '');
  return bare.length > 0 && !DANGLING.test(bare);
}

export function buildBody(lines: string[]): Body {
  const cleaned = lines.map(removePageJumps).filter((l) => l !== '');
  let byline: string | undefined;
  const last = cleaned[cleaned.length - 1];
  if (last !== undefined) {
    const m = TRAILING_BYLINE.exec(last);
    if (m && BYLINE_WORDS.test(foldText(m[2]!))) {
      byline = m[2]!.trim().replace(/\s+/g, ' ');
      const rest = m[1]!.replace(TRAILING_EMPTY_QUOTES, '').trim();
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
  return [...first.text].slice(0, maxChars).join('');
}

/** Han characters over all non-space characters: is this Chinese prose at all? */
export function hanStats(text: string): { han: number; ratio: number } {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const visible = text.replace(/\s+/g, '').length;
  return { han, ratio: visible === 0 ? 0 : han / visible };
}
