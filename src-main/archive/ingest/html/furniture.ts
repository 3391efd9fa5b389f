/**
 * The furniture of a news page: navigation, share buttons, related headlines, comments, ads, footers
 * and copyright lines, taken out before the article extractor looks for the body, and again line by
 * line afterwards (furniture often sits inside the article's own container: a promo box before the
 * lede, `延伸阅读` after the last paragraph).
 */
import {
  allElements,
  isElement,
  namesOf,
  textOf,
  type DomDocument,
  type DomElement,
  type DomNode,
} from './dom.js';

const FURNITURE_TAGS = new Set(
  'NAV ASIDE FOOTER FORM BUTTON INPUT SELECT TEXTAREA IFRAME OBJECT EMBED SVG CANVAS MAP DIALOG'.split(' '),
);

/** A class or id token that names furniture, matched as a whole token or a `-`/`_` part of one. */
const FURNITURE_TOKEN =
  /(?:^|[\s_-])(?:nav|navbar|menu|topbar|breadcrumbs?|crumbs?|position|share|bdshare|sharebox|fenxiang|social|related|relate|xgxw|xgyd|recommend|recom|tuijian|hot|hotnews|rank|ranking|paihang|comments?|cmt|pinglun|reply|footer|foot|copyright|banquan|ads?|adv|advert|advertisement|guanggao|banner|sidebar|side|right-?side|login|signin|toolbar|tools|print|qrcode|qr|ewm|erweima|tag-?list|tagcloud|promo|download|app-?down|subscribe|follow|statement|disclaimer|more-?news|latest|feed|list-?news|news-?list)(?=$|[\s_-])/i;

/** Text that marks a block as a whole-page notice or tool, not article prose. */
const FURNITURE_LINE =
  /^(?:[【[(（]?\s*(?:标签|標籤|关键词|關鍵詞|关键字|Tags?|责任编辑|责编|编辑|值班编辑|纠错|打印|关闭|关闭窗口|字号|字体|分享|分享到|收藏|举报|返回顶部|返回首页|返回搜狐|扫一扫|扫码|二维码|点击|本文来源|声明|免责声明|版权声明|特别声明|版权所有|Copyright|©)|.{0,20}(?:查看更多|阅读全文|展开全文|打开.{0,8}客户端|下载.{0,8}客户端|下载.{0,4}APP|关注.{0,10}公众号|长按.{0,6}识别)|上一篇|下一篇|上一页|下一页|(?:第\s*\d+\s*页\s*)?共\s*\d+\s*页)/i;

/** A heading or paragraph after which the container holds only more furniture. */
const TAIL_MARK =
  /^[【[]?\s*(?:延伸[阅閱][读讀]|相[关關][阅閱][读讀]|相[关關]新[闻聞]|相[关關]文章|相[关關][链鏈]接|推[荐薦][阅閱][读讀]|[热熱]门推[荐薦]|猜你喜[欢歡]|更多精彩|往期回[顾顧]|往期推[荐薦]|[热熱]点推[荐薦]|今日推[荐薦]|精彩推[荐薦]|相[关關][报報][导導])\s*[】\]]?\s*[:：]?$/;

const COPYRIGHT =
  /(?:版[权權]所有|All rights reserved|Copyright|©|未[经經].{0,10}授[权權].{0,10}(?:[转轉][载載]|使用)|禁止[转轉][载載]|不得[转轉][载載]|^本文(?:由|来自|系|转载自|为)|仅提供信息(?:发布|存储)|不代表本(?:站|网|平台)的?(?:观点|立场))/i;

/**
 * Remove the page's furniture elements, except any that holds `keep` (the headline) or most of the
 * page's paragraph text (a container whose class happens to say `side` or `list`).
 */
export function removeFurniture(
  doc: DomDocument,
  keep: DomElement | undefined,
  mainTextChars: number,
  title?: string,
): void {
  const titleKey = title ? title.replace(/\s+/g, '') : '';
  const body = doc.body ?? doc.documentElement;
  // The headline's ancestors, once: "does it hold the headline" is then a set lookup.
  const keepPath = new Set<DomNode>();
  for (let e: DomNode | null = keep ?? null; e; e = e.parentNode) keepPath.add(e);
  // Each protection check reads a subtree; nested furniture could make that quadratic, so it is bounded.
  let checks = 0;
  const removable = (el: DomElement): boolean => {
    const tag = el.tagName.toUpperCase();
    if (!(FURNITURE_TAGS.has(tag) || tag === 'HEADER' || FURNITURE_TOKEN.test(namesOf(el)))) return false;
    if (keepPath.has(el)) return false;
    if (++checks > 2_000) return false;
    if (mainTextChars > 0 && paragraphChars(el) * 2 > mainTextChars) return false;
    // Without a known headline element, whatever prints the headline stays (an html5 header may).
    return !(
      !keep &&
      titleKey.length >= 4 &&
      tag === 'HEADER' &&
      (el.textContent ?? '').replace(/\s+/g, '').includes(titleKey)
    );
  };
  let node: DomNode | null = body.firstChild;
  while (node) {
    let next: DomNode | null;
    if (isElement(node) && removable(node)) {
      next = after(node, body);
      node.remove();
    } else next = node.firstChild ?? after(node, body);
    node = next;
  }
}

/** The node after `node`'s subtree in document order, within `root`. */
function after(node: DomNode, root: DomNode): DomNode | null {
  for (let n: DomNode | null = node; n && n !== root; n = n.parentNode)
    if (n.nextSibling) return n.nextSibling;
  return null;
}

/** How many characters of prose the page's paragraphs hold under `root` (link text left out). */
export function paragraphChars(root: DomElement): number {
  let n = 0;
  for (const p of Array.from(root.getElementsByTagName('p'))) {
    let t = (p.textContent ?? '').length;
    if (t < 20) continue;
    for (const a of Array.from(p.getElementsByTagName('a'))) t -= (a.textContent ?? '').length;
    if (t >= 20) n += t;
  }
  return n;
}

export function isFurnitureLine(text: string): boolean {
  return FURNITURE_LINE.test(text) || (text.length <= 120 && COPYRIGHT.test(text));
}

export function isTailMark(text: string): boolean {
  return TAIL_MARK.test(text);
}

/** A promo box: a short line urging a download, a follow, a subscription. */
export function isPromoLine(text: string): boolean {
  return (
    text.length <= 60 &&
    (/(?:下载|扫码|关注|订阅|安装).{0,12}(?:客户端|APP|公众号|微信|账号|频道|视频号)/i.test(text) ||
      /点击.{0,6}(?:下载|关注|订阅|进入)/.test(text))
  );
}

/** The page's link density: link text over all text. Index pages are mostly links. */
export function linkDensity(root: DomElement): { links: number; text: number; count: number } {
  let links = 0;
  const anchors = Array.from(root.getElementsByTagName('a'));
  for (const a of anchors) links += textOf(a).length;
  return { links, text: textOf(root).length, count: anchors.length };
}

/**
 * Text a script would have revealed: WeChat hides `#js_content` with `visibility: hidden` until its
 * script runs. An element hiding most of the page's prose is shown; other hidden elements stay hidden.
 */
export function revealHiddenProse(doc: DomDocument, mainTextChars: number): void {
  const body = doc.body ?? doc.documentElement;
  let checked = 0;
  for (const el of allElements(body)) {
    const style = el.getAttribute('style') ?? '';
    if (!style && !el.hasAttribute('hidden')) continue;
    const hidden =
      el.hasAttribute('hidden') ||
      /(?:visibility\s*:\s*hidden|display\s*:\s*none|opacity\s*:\s*0(?![.\d]))/i.test(style);
    if (hidden && ++checked <= 200 && mainTextChars > 0 && paragraphChars(el) * 2 > mainTextChars) {
      el.setAttribute('style', '');
      if (el.hasAttribute('hidden')) el.setAttribute('hidden', '');
    }
  }
}
