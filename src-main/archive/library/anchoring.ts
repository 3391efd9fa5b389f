/**
 * Finding a highlight again in an article's current text. The stored position is tried first; when
 * the text has moved (a re-import with edits), the quote is searched for and the occurrence whose
 * prefix and suffix fit best (then the one nearest the old place) wins. When the quote is gone the
 * highlight is orphaned: shown with its quote and note, never dropped.
 */
import type { Block } from '../model.js';
import type { AnnotationTarget } from './library-types.js';

export type Position = AnnotationTarget['position'];

export type Anchor = { status: 'anchored'; position: Position; moved: boolean } | { status: 'orphaned' };

const CONTEXT = 32;
/** Blocks are joined with this separator to address text that spans paragraphs. */
const SEP = '\n';

/** Offsets of each block's start in the joined text. */
function blockStarts(blocks: Block[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const b of blocks) {
    starts.push(at);
    at += b.text.length + SEP.length;
  }
  return starts;
}

export function joinBlocks(blocks: Block[]): string {
  return blocks.map((b) => b.text).join(SEP);
}

function toFlat(blocks: Block[], starts: number[], block: number, offset: number): number | undefined {
  const b = blocks[block];
  const s = starts[block];
  if (!b || s === undefined || offset < 0 || offset > b.text.length) return undefined;
  return s + offset;
}

function fromFlat(starts: number[], flat: number): { block: number; offset: number } {
  let block = 0;
  for (let i = 0; i < starts.length; i++) if ((starts[i] ?? 0) <= flat) block = i;
  return { block, offset: flat - (starts[block] ?? 0) };
}

/** The target (position and quote with context) for a selection in the given blocks. */
export function describeSelection(blocks: Block[], position: Position): AnnotationTarget | undefined {
  const starts = blockStarts(blocks);
  const text = joinBlocks(blocks);
  const start = toFlat(blocks, starts, position.startBlock, position.startOffset);
  const end = toFlat(blocks, starts, position.endBlock, position.endOffset);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return {
    position,
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
  };
}

/** The first occurrence of `exact` in the blocks, described as a target (the CLI's --quote). */
export function targetForQuote(blocks: Block[], exact: string): AnnotationTarget | undefined {
  const text = joinBlocks(blocks);
  const at = exact ? text.indexOf(exact) : -1;
  if (at < 0) return undefined;
  const starts = blockStarts(blocks);
  const a = fromFlat(starts, at);
  const b = fromFlat(starts, at + exact.length);
  return describeSelection(blocks, {
    startBlock: a.block,
    startOffset: a.offset,
    endBlock: b.block,
    endOffset: b.offset,
  });
}

export function anchor(blocks: Block[], target: AnnotationTarget): Anchor {
  const { exact, prefix, suffix } = target.quote;
  if (!exact) return { status: 'orphaned' };
  const starts = blockStarts(blocks);
  const text = joinBlocks(blocks);
  const p = target.position;
  const oldStart = toFlat(blocks, starts, p.startBlock, p.startOffset);
  const oldEnd = toFlat(blocks, starts, p.endBlock, p.endOffset);
  // Every occurrence competes on how well its context fits; the old place wins ties, so an unmoved
  // highlight stays put and a moved one follows its context rather than the first look-alike.
  let best: { at: number; score: number } | undefined;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefix(text.slice(at + exact.length, at + exact.length + suffix.length), suffix) -
      Math.abs(at - (oldStart ?? at)) / 1e6;
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return { status: 'orphaned' };
  if (best.at === oldStart && oldEnd === oldStart + exact.length)
    return { status: 'anchored', position: p, moved: false };
  const a = fromFlat(starts, best.at);
  const b = fromFlat(starts, best.at + exact.length);
  return {
    status: 'anchored',
    position: { startBlock: a.block, startOffset: a.offset, endBlock: b.block, endOffset: b.offset },
    moved: true,
  };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}
