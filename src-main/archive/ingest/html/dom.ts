/**
 * The slice of the DOM the extractor uses, typed here because the core compiles without the DOM
 * library; linkedom (a small, linear-time DOM for Node) provides it.
 */
import { parseHTML } from 'linkedom';

export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: DomNode | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<DomNode>;
  nextSibling: DomNode | null;
  firstChild: DomNode | null;
  previousSibling: DomNode | null;
}

export interface DomElement extends DomNode {
  tagName: string;
  localName: string;
  id: string;
  className: string;
  children: ArrayLike<DomElement>;
  firstElementChild: DomElement | null;
  nextElementSibling: DomElement | null;
  previousElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  contains(other: DomNode): boolean;
  remove(): void;
  appendChild(node: DomNode): DomNode;
  replaceWith(node: DomNode): void;
}

export interface DomDocument {
  documentElement: DomElement;
  head: DomElement | null;
  body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  createElement(tag: string): DomElement;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function parseDocument(html: string): DomDocument {
  const doc = (parseHTML(html) as unknown as { document: DomDocument }).document;
  // Text with no element at all (or a doctype alone) gives linkedom no root: give it one.
  if (doc.documentElement) return doc;
  return (
    parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`) as unknown as { document: DomDocument }
  ).document;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Whitespace (including the ideographic space and no-break space) collapsed; trimmed. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

export function textOf(el: DomNode | null | undefined): string {
  return el ? cleanText(el.textContent) : '';
}

export function attr(el: DomElement | null | undefined, name: string): string {
  return el ? cleanText(el.getAttribute(name)) : '';
}

/** The content of the first `<meta>` whose name, property or itemprop is one of `keys`. */
export function metaContent(doc: DomDocument, keys: string[]): string | undefined {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  for (const m of Array.from(doc.getElementsByTagName('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase();
    if (key && wanted.has(key)) {
      const v = cleanText(m.getAttribute('content'));
      if (v) return v;
    }
  }
  return undefined;
}

/** Every JSON-LD object on the page (arrays and `@graph`s flattened); broken JSON is skipped. */
export function jsonLd(doc: DomDocument): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of Array.from(doc.getElementsByTagName('script'))) {
    if (!/application\/ld\+json/i.test(s.getAttribute('type') ?? '')) continue;
    const raw = s.textContent ?? '';
    if (raw.length > 200_000) continue;
    try {
      collect(JSON.parse(raw) as unknown, out, 0);
    } catch {
      // not JSON: pages ship broken JSON-LD
    }
  }
  return out;
}

function collect(v: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 4 || out.length > 50) return;
  if (Array.isArray(v)) for (const x of v) collect(x, out, depth + 1);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    out.push(o);
    if (Array.isArray(o['@graph'])) collect(o['@graph'], out, depth + 1);
  }
}

export function jsonLdString(objects: Record<string, unknown>[], key: string): string | undefined {
  for (const o of objects) {
    const v = o[key];
    if (typeof v === 'string' && cleanText(v)) return cleanText(v);
  }
  return undefined;
}

const LINE_BREAKING =
  /^(?:P|DIV|BR|LI|TR|TD|TH|H[1-6]|SECTION|ARTICLE|HEADER|FOOTER|UL|OL|TABLE|BLOCKQUOTE|CENTER|DD|DT|FIGURE|FIGCAPTION)$/;

/** The text under `root` with a line break wherever a block element starts or ends; iterative. */
export function linesText(root: DomNode, limit = 2_000_000): string {
  let out = '';
  const stack: DomNode[] = [root];
  while (stack.length > 0 && out.length < limit) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE) {
      out += n.textContent ?? '';
      continue;
    }
    if (!isElement(n)) continue;
    const block = LINE_BREAKING.test(n.tagName.toUpperCase());
    if (block) out += '\n';
    if (block) stack.push(LINE_MARK);
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out.replace(/[ \t\u00a0\u3000]+/g, ' ').replace(/ ?\n[\s]*/g, '\n');
}

/** A pseudo-node that ends a block's line. */
const LINE_MARK = { nodeType: TEXT_NODE, textContent: '\n' } as unknown as DomNode;

/** The nearest ancestor (or `el` itself) that `pred` accepts; a walk up, no selector compiled. */
export function closestWhere(el: DomElement, pred: (e: DomElement) => boolean): DomElement | undefined {
  for (let e: DomElement | null = el; e; e = e.parentElement) if (pred(e)) return e;
  return undefined;
}

/** Every element under `root`, in document order (linkedom's getElementsByTagName has no `*`). */
export function allElements(root: DomElement): DomElement[] {
  return walkElements(root).elements;
}

/** Every element under `root` in document order, and how deep the deepest one sits; iterative. */
export function walkElements(root: DomElement): { elements: DomElement[]; depth: number } {
  const elements: DomElement[] = [];
  let depth = 0;
  let maxDepth = 0;
  let node: DomNode | null = root.firstChild;
  while (node) {
    if (node.nodeType === ELEMENT_NODE) elements.push(node as DomElement);
    if (node.firstChild) {
      node = node.firstChild;
      if (++depth > maxDepth) maxDepth = depth;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  return { elements, depth: maxDepth };
}

export function tagIs(el: DomElement, ...tags: string[]): boolean {
  return tags.includes(el.tagName.toUpperCase());
}

/** The element's class and id, for token tests. */
export function namesOf(el: DomElement): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

/** How many element children `el` has, counting no further than `max` (linkedom's `children` is a walk). */
export function childElementsUpTo(el: DomElement, max: number): number {
  let n = 0;
  for (let c = el.firstChild; c && n <= max; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE) n++;
  return n;
}
