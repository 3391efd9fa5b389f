/**
 * Pictures and their captions, made explicit before the article extractor runs: news pages put a
 * picture in a centred paragraph and its caption in the next one, which extractors strip of the
 * classes and styles that told them apart. Each picture with its caption becomes a `<figure>` with a
 * `<figcaption>`, which every extractor keeps. Icons, logos and QR codes go.
 */
import { childElementsUpTo, closestWhere, tagIs, textOf, type DomDocument, type DomElement } from './dom.js';

const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-url', 'original', 'data-actualsrc'];

/** Furniture pictures: logos, icons, share buttons, QR codes, avatars, spacers. */
const NOT_A_PICTURE =
  /(?:logo|icon|qrcode|qr_|ewm|erweima|share|avatar|spacer|blank\.gif|pixel|loading|button|btn)/i;

const CAPTION_CLASS = /(?:pic|img|image|photo|caption|desc|note|tuzhu|explain|illus|figure)/i;
const CAPTION_TEXT =
  /^(?:图[为：:\s]|图片|上图|下图|\S{0,30}[（(].{0,20}摄[)）]?$|.{0,60}[（(](?:新华社|记者|本报|人民网|中新社|视觉中国).{0,20}摄[)）]$)/;
const CAPTION_MAX = 120;

export function markFigures(doc: DomDocument): void {
  const body = doc.body ?? doc.documentElement;
  for (const img of Array.from(body.getElementsByTagName('img'))) {
    const src = LAZY_SRC.map((a) => img.getAttribute(a)).find((v) => v) ?? img.getAttribute('src') ?? '';
    const w = Number(img.getAttribute('width') ?? '0');
    const h = Number(img.getAttribute('height') ?? '0');
    if (
      !src ||
      NOT_A_PICTURE.test(`${src} ${img.getAttribute('class') ?? ''}`) ||
      (w > 0 && w < 60) ||
      (h > 0 && h < 60)
    ) {
      img.remove();
      continue;
    }
    img.setAttribute('src', src);
    if (closestWhere(img, (e) => tagIs(e, 'FIGURE'))) continue;
    const wrapper = pictureWrapper(img, body);
    const caption = captionAfter(wrapper, img);
    const figure = doc.createElement('figure');
    const copy = doc.createElement('img');
    for (const a of ['src', 'alt', 'width', 'height']) {
      const v = img.getAttribute(a);
      if (v) copy.setAttribute(a, v);
    }
    figure.appendChild(copy);
    if (caption) {
      const fc = doc.createElement('figcaption');
      fc.textContent = caption.text;
      figure.appendChild(fc);
      if (caption.element && caption.element !== wrapper) caption.element.remove();
    }
    if (wrapper === img) img.replaceWith(figure);
    else wrapper.replaceWith(figure);
  }
}

/** The picture's own paragraph (`<p><img></p>`, `<center>`, a small div) when it holds nothing else. */
function pictureWrapper(img: DomElement, body: DomElement): DomElement {
  let el = img;
  for (let up = el.parentElement, level = 0; up && up !== body && level < 4; up = up.parentElement, level++) {
    if (!/^(P|DIV|CENTER|SPAN|A|STRONG|B|SECTION)$/i.test(up.tagName)) break;
    // Only a small wrapper: the picture, a line break, a caption's span. Checked before any text
    // is read, so a long container costs nothing per picture.
    const kids = childElementsUpTo(up, 3);
    if (kids > 3 || (kids > 1 && el.tagName.toUpperCase() !== 'IMG')) break;
    if (up.getElementsByTagName('img').length > 1) break;
    const t = textOf(up);
    if (t.length > CAPTION_MAX || (t.length > 0 && !looksLikeCaption(t, up, true))) break;
    el = up;
  }
  return el;
}

function captionAfter(
  wrapper: DomElement,
  img: DomElement,
): { text: string; element?: DomElement } | undefined {
  const inside = textOf(wrapper);
  if (wrapper !== img && inside) return { text: inside, element: wrapper };
  const next = wrapper.nextElementSibling;
  if (!next || next.getElementsByTagName('img').length > 0) return undefined;
  const t = textOf(next);
  if (!t || t.length > CAPTION_MAX || !looksLikeCaption(t, next, false)) return undefined;
  return { text: t, element: next };
}

function looksLikeCaption(text: string, el: DomElement, beside: boolean): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  const style = el.getAttribute('style') ?? '';
  const align = el.getAttribute('align') ?? '';
  return (
    beside ||
    el.tagName.toUpperCase() === 'FIGCAPTION' ||
    CAPTION_CLASS.test(names) ||
    /text-align\s*:\s*center/i.test(style) ||
    /center/i.test(align) ||
    el.tagName.toUpperCase() === 'CENTER' ||
    CAPTION_TEXT.test(text)
  );
}
