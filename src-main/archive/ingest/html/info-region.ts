/**
 * Where the headline is printed, and the text printed around it: the info line (time, source,
 * byline) sits right after the headline on nearly every Chinese news layout, and before it on some
 * e-paper pages (`第03版：要闻`). Reading only there keeps out the related-news sidebar's times.
 */
import {
  cleanText,
  closestWhere,
  isElement,
  tagIs,
  TEXT_NODE,
  type DomElement,
  type DomNode,
} from './dom.js';

/** The element whose own text is the headline: the h1 when it is one, else found by text. */
export function headlineElement(body: DomElement, title: string): DomElement | undefined {
  const key = squash(title);
  if (key.length < 2) return undefined;
  let node = body.firstChild;
  let guard = 0;
  while (node && guard++ < 200_000) {
    if (node.nodeType === TEXT_NODE) {
      const t = squash(node.textContent ?? '');
      if (t.length >= key.length && t.startsWith(key) && t.length <= key.length + 20) {
        // The nearest ancestor whose whole text is still about the headline.
        let el = node.parentElement;
        for (
          let up = 0;
          up < 4 &&
          el &&
          el.parentElement &&
          el.parentElement !== body &&
          squash(el.parentElement.textContent ?? '') === key;
          up++
        ) {
          el = el.parentElement;
        }
        if (el && !/^(A|TITLE|OPTION|LI)$/i.test(el.tagName) && !closestWhere(el, (e) => tagIs(e, 'LI', 'A')))
          return el;
      }
    }
    node = nextInOrder(node, body);
  }
  return undefined;
}

/** Up to `limit` characters printed after `anchor` in document order, skipping list items. */
export function textAfter(anchor: DomElement, root: DomElement, limit: number): string {
  let out = '';
  let node = skipSubtree(anchor, root);
  let guard = 0;
  while (node && out.length < limit && guard++ < 50_000) {
    if (isElement(node) && /^(LI|UL|OL|SELECT)$/i.test(node.tagName)) {
      node = skipSubtree(node, root);
      continue;
    }
    if (isElement(node) && /^(P|BR|DIV|TR|H[1-6])$/i.test(node.tagName)) out += '\n';
    if (node.nodeType === TEXT_NODE) {
      const t = cleanText(node.textContent);
      // A long run of prose is the lede: the info line is over.
      if (t.length >= 16 && (/[。！？]/.test(t) || (t.length > 40 && /[，,]/.test(t)))) break;
      if (t.length > 80 && out.trim() !== '') break;
      if (t) out += ` ${t}`;
    }
    node = nextInOrder(node, root);
  }
  return out.slice(0, limit);
}

/** Up to `limit` characters printed just before `anchor`, within its parent's parent. */
export function textBefore(anchor: DomElement, limit: number): string {
  const parts: string[] = [];
  let n = 0;
  for (
    let up: DomElement | null = anchor, depth = 0;
    up && depth < 2 && n < limit;
    up = up.parentElement, depth++
  ) {
    for (let s = up.previousSibling; s && n < limit; s = s.previousSibling) {
      if (isElement(s) && /^(LI|UL|OL|NAV|SCRIPT|STYLE)$/i.test(s.tagName)) continue;
      const t = cleanText(s.textContent);
      if (t) {
        parts.unshift(t);
        n += t.length;
      }
    }
  }
  return parts.join('\n').slice(-limit);
}

export function nextInOrder(node: DomNode, root: DomNode): DomNode | null {
  if (node.firstChild) return node.firstChild;
  return skipSubtree(node, root);
}

function skipSubtree(node: DomNode, root: DomNode): DomNode | null {
  for (let n: DomNode | null = node; n && n !== root; n = n.parentNode) {
    if (n.nextSibling) return n.nextSibling;
  }
  return null;
}

function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}
