/**
 * The article element the extractor chose, walked into Yuelan's blocks: paragraphs, sub-headings and
 * figures (a picture with its caption). Iterative, so a page nested 100,000 deep costs no stack; a
 * `<br>` inside one paragraph element splits it, as the page shows it.
 */
import type { Block } from '../../model.js';
import type { ArticleImage } from '../formats/saved-page.js';
import { MAX_BODY_CHARS } from '../page-limits.js';
import { cleanText, isElement, TEXT_NODE, textOf, type DomElement, type DomNode } from './dom.js';
import { DATA_TOKEN_PREFIX } from './prepare.js';

const CONTAINERS = new Set([
  'BODY',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'TABLE',
  'TBODY',
  'THEAD',
  'TR',
  'TD',
  'TH',
  'CENTER',
  'DL',
  'DD',
  'DT',
  'P',
  'FONT',
  'SPAN',
  'FOUNDER-CONTENT',
]);
const BLOCK_LEVEL =
  /^(?:P|DIV|SECTION|ARTICLE|MAIN|BLOCKQUOTE|UL|OL|LI|TABLE|TBODY|TR|TD|CENTER|DL|DD|DT|FIGURE|H[1-6]|HR|PRE|FOUNDER-CONTENT)$/;
const HEADING_MAX = 60;
const PICTURE_URL = /^(?:https?:|data:image\/|file:|cid:|blob:)/i;
/** Alt texts and captions past this are page text that slipped in, not a picture's words. */
const LABEL_MAX = 500;

function clip(text: string): string {
  return text.length > LABEL_MAX ? text.slice(0, LABEL_MAX) : text;
}

export interface BlockContext {
  base?: string;
  dataUris: Map<string, string>;
}

export function toBlocks(root: DomElement, images: ArticleImage[], ctx: BlockContext): Block[] {
  const blocks: Block[] = [];
  let chars = 0;
  // The body stops at MAX_BODY_CHARS, a paragraph that crosses it cut where it does.
  const push = (b: Block): void => {
    const room = MAX_BODY_CHARS - chars;
    if (room <= 0) return;
    const text = b.text.length > room ? b.text.slice(0, room) : b.text;
    chars += text.length;
    blocks.push(text === b.text ? b : { ...b, text });
  };
  const stack: DomElement[] = [root];
  while (stack.length > 0 && chars < MAX_BODY_CHARS) {
    const el = stack.pop()!;
    const tag = el.tagName.toUpperCase();
    if (/^H[1-6]$/.test(tag)) {
      const t = textOf(el);
      if (t) push({ type: t.length <= HEADING_MAX ? 'heading' : 'paragraph', text: t });
      continue;
    }
    if (tag === 'FIGURE' || tag === 'IMG') {
      const img = tag === 'IMG' ? el : el.getElementsByTagName('img')[0];
      if (img) {
        images.push(image(img, tag === 'FIGURE' ? el : undefined, ctx));
        push({ type: 'figure', text: images[images.length - 1]!.caption ?? '', image: images.length - 1 });
      }
      continue;
    }
    if (CONTAINERS.has(tag) && hasBlockChild(el)) {
      const kids = Array.from(el.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) {
        const k = kids[i]!;
        if (isElement(k)) stack.push(k);
        else if (k.nodeType === TEXT_NODE && cleanText(k.textContent)) stack.push(wrapText(k, el));
      }
      continue;
    }
    for (const line of linesOf(el)) push({ type: 'paragraph', text: line });
  }
  return blocks;
}

function hasBlockChild(el: DomElement): boolean {
  for (const k of Array.from(el.children)) {
    if (BLOCK_LEVEL.test(k.tagName.toUpperCase()) || k.tagName.toUpperCase() === 'IMG') return true;
  }
  return false;
}

/** A loose text node between blocks, as a pseudo-element the walk can treat as a paragraph. */
function wrapText(node: DomNode, parent: DomElement): DomElement {
  return {
    tagName: '#TEXT',
    textContent: node.textContent,
    childNodes: [node],
    children: [],
    parentElement: parent,
  } as unknown as DomElement;
}

/** An element's text split at `<br>`s, each line cleaned; iterative over descendants. */
function linesOf(el: DomElement): string[] {
  if (el.tagName === '#TEXT') return [cleanText(el.textContent)].filter((t) => t !== '');
  const parts: string[] = [];
  let current = '';
  const stack: DomNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE) current += n.textContent ?? '';
    else if (isElement(n)) {
      if (n.tagName.toUpperCase() === 'BR') {
        parts.push(current);
        current = '';
        continue;
      }
      const kids = Array.from(n.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  parts.push(current);
  return parts.map(cleanText).filter((t) => t !== '');
}

function image(img: DomElement, figure: DomElement | undefined, ctx: BlockContext): ArticleImage {
  let src = img.getAttribute('src') ?? '';
  if (src.startsWith(DATA_TOKEN_PREFIX)) src = ctx.dataUris.get(src) ?? '';
  const out: ArticleImage = {};
  const url = src.startsWith('data:') ? src : resolve(src.trim(), ctx.base);
  // Only addresses a picture can have: never `javascript:` or the like.
  if (url && PICTURE_URL.test(url)) out.url = url;
  const alt = clip(cleanText(img.getAttribute('alt')));
  if (alt) out.alt = alt;
  const caption = figure ? clip(textOf(figure.getElementsByTagName('figcaption')[0])) : '';
  if (caption) out.caption = caption;
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  if (Number.isInteger(w) && w > 0) out.width = w;
  if (Number.isInteger(h) && h > 0) out.height = h;
  return out;
}

function resolve(src: string, base: string | undefined): string {
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}
