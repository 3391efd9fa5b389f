/**
 * Highlights as data, and the bridge between a DOM selection and an annotation position.
 *
 * A position is {startBlock, startOffset, endBlock, endOffset}: block indices into article.blocks and
 * UTF-16 offsets into each block's text, the same coordinates the core stores and re-anchors. The
 * reader renders every block as an element carrying `data-block`, whose text content is exactly the
 * block's text (marks only wrap text), so offsets can be read back from any DOM boundary point.
 */
import type { AnnotationView, HighlightColor, HighlightColors, Range as TextRange } from '$contract';

export type { HighlightColor };

/** Typed by the contract's tuple: a list that drifts from the enum fails to compile. */
export const COLORS: HighlightColors = ['yellow', 'green', 'blue', 'pink', 'purple'];

export interface Position {
  startBlock: number;
  startOffset: number;
  endBlock: number;
  endOffset: number;
}

/** One highlight's part inside one block. */
export interface BlockHighlight {
  id: string;
  color: HighlightColor;
  start: number;
  end: number;
}

/** A run of block text with the highlights and find-bar matches that cover it. */
export interface TextSegment {
  text: string;
  start: number;
  /** Covering highlights, the top one (most recently created) last. */
  highlights: BlockHighlight[];
  /** The highlight shown (the top one), if any. */
  top?: BlockHighlight;
  /** Index of the find-bar match covering it, or -1. */
  match: number;
  /** True on the segment where a highlight begins (its keyboard stop). */
  first: boolean;
}

/** The anchored highlights of an article, cut into per-block ranges. */
export function highlightsByBlock(
  annotations: readonly AnnotationView[],
  blockLengths: readonly number[],
): Map<number, BlockHighlight[]> {
  const out = new Map<number, BlockHighlight[]>();
  const ordered = [...annotations].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const a of ordered) {
    if (a.anchor?.status !== 'anchored') continue;
    const p = a.anchor.position;
    for (let b = p.startBlock; b <= p.endBlock; b++) {
      const length = blockLengths[b];
      if (length === undefined) break;
      const start = b === p.startBlock ? Math.min(p.startOffset, length) : 0;
      const end = b === p.endBlock ? Math.min(p.endOffset, length) : length;
      if (end <= start) continue;
      const list = out.get(b) ?? [];
      list.push({ id: a.id, color: a.color, start, end });
      out.set(b, list);
    }
  }
  return out;
}

/** Splits a block's text at every highlight and match boundary. Never produces markup. */
export function textSegments(
  text: string,
  highlights: readonly BlockHighlight[] = [],
  matches: readonly TextRange[] = [],
): TextSegment[] {
  const cuts = new Set<number>([0, text.length]);
  const clamp = (n: number): number => Math.max(0, Math.min(n, text.length));
  for (const h of highlights) cuts.add(clamp(h.start)).add(clamp(h.end));
  for (const [s, e] of matches) cuts.add(clamp(s)).add(clamp(e));
  const points = [...cuts].sort((a, b) => a - b);
  const out: TextSegment[] = [];
  const started = new Set<string>();
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const covering = highlights.filter((h) => h.start <= start && h.end >= end);
    const top = covering.at(-1);
    const first = top !== undefined && !started.has(top.id);
    if (top) started.add(top.id);
    out.push({
      text: text.slice(start, end),
      start,
      highlights: covering,
      ...(top ? { top } : {}),
      match: matches.findIndex(([s, e]) => s <= start && e >= end),
      first,
    });
  }
  if (out.length === 0) out.push({ text, start: 0, highlights: [], match: -1, first: false });
  return out;
}

type Edge = 'start' | 'end';

/** The text length from the start of `element` to a boundary point inside it. */
function offsetWithin(element: Element, node: Node, offset: number): number {
  const range = element.ownerDocument.createRange();
  range.setStart(element, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * Where a DOM boundary point falls among the blocks. A point between blocks (or in the title above
 * them) snaps inwards: a start moves to the next block's beginning, an end to the previous block's end.
 */
export function pointToBlock(
  blocks: readonly HTMLElement[],
  node: Node,
  offset: number,
  edge: Edge,
): { block: number; offset: number } | null {
  const doc = node.ownerDocument ?? document;
  for (let i = 0; i < blocks.length; i++) {
    const el = blocks[i]!;
    const range = doc.createRange();
    range.selectNodeContents(el);
    let where: number;
    try {
      where = range.comparePoint(node, offset);
    } catch {
      continue;
    }
    const length = el.textContent?.length ?? 0;
    if (where === 0)
      return { block: blockIndex(el, i), offset: Math.min(length, offsetWithin(el, node, offset)) };
    if (where < 0) {
      if (edge === 'start') return { block: blockIndex(el, i), offset: 0 };
      const prev = blocks[i - 1];
      return prev ? { block: blockIndex(prev, i - 1), offset: prev.textContent?.length ?? 0 } : null;
    }
  }
  if (edge === 'start') return null;
  const last = blocks.at(-1);
  return last ? { block: blockIndex(last, blocks.length - 1), offset: last.textContent?.length ?? 0 } : null;
}

function blockIndex(el: HTMLElement, fallback: number): number {
  const n = Number(el.dataset.block);
  return Number.isInteger(n) ? n : fallback;
}

/** The block elements under `root`, in document order. */
export function blockElements(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[data-block]')];
}

/**
 * A DOM range (any direction, anchored in marks, headings or outside the body) as a position in the
 * blocks, or null when it covers no block text.
 */
export function rangeToPosition(root: ParentNode, range: Range): Position | null {
  const blocks = blockElements(root);
  if (blocks.length === 0 || range.collapsed) return null;
  const start = pointToBlock(blocks, range.startContainer, range.startOffset, 'start');
  const end = pointToBlock(blocks, range.endContainer, range.endOffset, 'end');
  if (!start || !end) return null;
  if (end.block < start.block || (end.block === start.block && end.offset <= start.offset)) return null;
  return trimPosition(blocks, {
    startBlock: start.block,
    startOffset: start.offset,
    endBlock: end.block,
    endOffset: end.offset,
  });
}

/**
 * Tidies a position so a selection that began at the very end of a block (a triple click, a drag from
 * the margin) starts at the next block, and one that ends at the very start of a block ends at the
 * previous block's end.
 */
function trimPosition(blocks: readonly HTMLElement[], p: Position): Position | null {
  const lengthOf = (block: number): number =>
    blocks.find((el) => blockIndex(el, -1) === block)?.textContent?.length ?? 0;
  let { startBlock, startOffset, endBlock, endOffset } = p;
  while (startBlock < endBlock && startOffset >= lengthOf(startBlock)) {
    startBlock++;
    startOffset = 0;
  }
  while (endBlock > startBlock && endOffset === 0) {
    endBlock--;
    endOffset = lengthOf(endBlock);
  }
  if (endBlock === startBlock && endOffset <= startOffset) return null;
  return { startBlock, startOffset, endBlock, endOffset };
}

/** Sort key for listing annotations in text order. */
export function textOrder(a: AnnotationView, b: AnnotationView): number {
  const pa = a.anchor?.status === 'anchored' ? a.anchor.position : undefined;
  const pb = b.anchor?.status === 'anchored' ? b.anchor.position : undefined;
  if (!pa && !pb) return a.createdAt.localeCompare(b.createdAt);
  if (!pa) return 1;
  if (!pb) return -1;
  return pa.startBlock - pb.startBlock || pa.startOffset - pb.startOffset;
}

/** Tags typed as free text ("党建, 城市 社区") as a clean list without duplicates. */
export function parseTags(input: string): string[] {
  const out: string[] = [];
  for (const raw of input.split(/[,，、;；\s]+/)) {
    const tag = raw.trim().slice(0, 64);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, 50);
}
