/**
 * Who wrote, who edited and who published a Chinese news page, kept apart: the byline (`记者 X`,
 * `作者：X`, `本报记者 X`, `文/X`), the editor (`责任编辑：X`, `（责编：X、Y）`, with staff codes like
 * `_NF4425` dropped) and the source (`来源：新华社`, or a self-media account's name). Also the
 * multi-page marks (`第1页 共4页`, a pager ending in `下一页`).
 */
import { allElements, cleanText, TEXT_NODE, textOf, type DomElement } from './dom.js';
import { nextInOrder } from './info-region.js';

const EDITOR = /(?:[责責]任[编編][辑輯]|[责責][编編]|值班[编編][辑輯]|[编編][辑輯])\s*[：:]\s*([^\n]{0,60})/;

/** Words that end a list of names: what follows is no longer a name. */
const NAME_STOP =
  /\s*(?:通[讯訊]员|通[讯訊]員|实习生|實習生|[报報]道|[摄攝]影|[摄攝]|[发發]自|[来來]源|[编編][辑輯]|[责責]任[编編][辑輯]|[发發]布|原[标標][题題]|见习记者|見習記者|[记記]者|文\s*[/／]|图\s*[/／]|圖\s*[/／]).*$/;

/**
 * A Chinese name (two to four Han characters, `·` allowed) or a Latin one, and more joined by `、`,
 * `，` or a space. The list must end where the names do: `记者从市交通局获悉` names nobody.
 */
const NAME_LIST =
  /^((?:[\u4e00-\u9fa5][\u4e00-\u9fa5·]{1,4}|[A-Za-z][A-Za-z.]*(?: [A-Za-z][A-Za-z.]*){0,2})(?:\s*[、，,]\s*[\u4e00-\u9fa5][\u4e00-\u9fa5·]{1,4}| [\u4e00-\u9fa5][\u4e00-\u9fa5·]{1,2})*)(?![\u4e00-\u9fa5A-Za-z])/;

const BYLINE_CUES: RegExp[] = [
  /(?:本[报報]|本刊|特[约約]|首席|[见見][习習])?[记記]者\s*[：:]?\s*([^\n]{0,40})/,
  /(?:作者|撰文|文字|撰稿)\s*[：:|丨]\s*([^\n]{0,40})/,
  /(?:^|[\s（(])文\s*[/／|丨]\s*([^\n]{0,40})/,
];

/** What follows `记者` in a sentence about the reporter, not a name: `记者从…获悉`, `记者了解到`. */
const NOT_A_NAME =
  /^(?:从|在|了解|获悉|獲悉|注意|看到|近日|日前|来到|來到|走进|走進|采访|採訪|发现|發現|随|隨|调查|調查|们|們|一行|现场|現場|昨|今|前往|对|對|向|与|與|和|跟|也|还|還|又|都|就|是|问|問|说|說|表示|得知|查询|查詢|致电|致電|联系|聯繫|探访|探訪|实地|實地|体验|體驗|节|節|站|会|會)/;

/** The names at the start of `text` (after a credit word), or undefined. */
function namesAt(text: string): string | undefined {
  if (NOT_A_NAME.test(text.trim())) return undefined;
  const m = NAME_LIST.exec(text.replace(NAME_STOP, '').trim());
  const names = m ? cleanText(m[1]!) : '';
  return names.length >= 2 ? names : undefined;
}

/** The source as printed: a name after `来源：`, up to the next space or bracket. */
const SOURCE = /[来來]源\s*[：:]\s*([^\s|｜()（）【】[\]，,。;；]{2,30})/;

/** Staff codes after an editor's name: `_NF4425`, `NF4425`, `(NF4425)`, `SF006`. */
const STAFF_CODES = /[_\s]*[（(]?(?<![A-Za-z])[A-Za-z]{1,4}\d{2,6}[)）]?/g;

/** Classes and ids that hold a self-media account's name (toutiao, baijiahao, sohu, WeChat) or a source. */
const ACCOUNT_CLASS = /(?:^|\s)(?:account-name|author-name|media-name|user-name|mp-name)(?:\s|$)/;

function isAccountElement(el: DomElement): boolean {
  const id = el.getAttribute('id');
  const cls = el.getAttribute('class') ?? '';
  if (
    id === 'js_name' ||
    (el.hasAttribute('data-role') && el.getAttribute('data-role') === 'original-author')
  ) {
    return true;
  }
  const tag = el.tagName.toUpperCase();
  // Only sohu's account heading has no class of its own; everything else needs one.
  if (tag === 'H4' && /(?:^|\s)user-info(?:\s|$)/.test(el.parentElement?.getAttribute('class') ?? '')) {
    return true;
  }
  if (!cls) return false;
  if (ACCOUNT_CLASS.test(cls)) return true;
  const parentCls = el.parentElement?.getAttribute('class') ?? '';
  if (/(?:^|\s)name(?:\s|$)/.test(cls) && /(?:^|\s)article-meta(?:\s|$)/.test(parentCls)) return true;
  return /(?:^|\s)source(?:\s|$)/.test(cls) && (tag === 'A' || tag === 'SPAN');
}

export interface Credits {
  byline?: string;
  editor?: string;
  source?: string;
}

export function findEditor(text: string): string | undefined {
  const m = EDITOR.exec(text);
  return m ? namesAt(m[1]!.replace(STAFF_CODES, '')) : undefined;
}

export function findByline(text: string): string | undefined {
  for (const cue of BYLINE_CUES) {
    const re = new RegExp(cue.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const names = namesAt(m[1]!);
      if (names) return names;
      // The capture ran past the cue: look again from just after it (`…获悉。（记者 周强）`).
      re.lastIndex = m.index + 2;
    }
  }
  return undefined;
}

export function findSource(text: string): string | undefined {
  const m = SOURCE.exec(text);
  if (!m) return undefined;
  // A time printed straight after the source (`来源：X2019-09-26`) is not part of it.
  const v = m[1]!.replace(/(?:19|20)\d\d[-/.年].*$/, '').replace(/[：:]+$/, '');
  return v.length >= 2 ? v : undefined;
}

/** A self-media account's name (or an unlabelled source), where the page marks one. */
export function accountName(elements: DomElement[]): string | undefined {
  for (const el of elements) {
    if (!isAccountElement(el)) continue;
    const t = textOf(el).replace(/^[来來]源\s*[：:]\s*/, '');
    if (t && t.length <= 30) return t;
  }
  return undefined;
}

/** WeChat's author line (`#js_author_name`, or the first plain meta text before the account). */
export function wechatAuthor(elements: DomElement[]): string | undefined {
  const el =
    elements.find((e) => e.getAttribute('id') === 'js_author_name') ??
    elements.find(
      (e) =>
        /(?:^|\s)rich_media_meta_text(?:\s|$)/.test(e.getAttribute('class') ?? '') &&
        e.parentElement?.getAttribute('id') === 'meta_content',
    );
  const t = textOf(el).replace(/^(?:作者|文)[：:/／]?\s*/, '');
  return t && t.length <= 30 && !/\d{4}/.test(t) ? t : undefined;
}

const PART = /第\s*(\d{1,3})\s*页\s*[，,/、 ]*\s*共\s*(\d{1,3})\s*页/;

/**
 * "Part N of M" of a multi-page article, from a printed `第N页 共M页` or from a pager (links 1…M and
 * `下一页`, the current page unlinked or marked current). The pager's element is returned for removal.
 */
const PAGER_WORDS = /下一[页頁]|上一[页頁]|第\s*\d{1,3}\s*[页頁]|共\s*\d{1,3}\s*[页頁]/;

/**
 * "Part N of M" of a multi-page article, from a printed `第N页 共M页` or from a pager (links 1…M and
 * `下一页`, the current page unlinked or marked current). The pager's element is returned for removal.
 * Found from the text nodes that name a page, so no element's whole text is read.
 */
export function findPart(
  root: DomElement,
): { part?: { index: number; total: number }; pager?: DomElement } | undefined {
  let tried = 0;
  for (let node = root.firstChild; node && tried < 20; node = nextInOrder(node, root)) {
    if (node.nodeType !== TEXT_NODE || !PAGER_WORDS.test(node.textContent ?? '')) continue;
    tried++;
    // The smallest block around the words that holds the whole pager (its numbers, its links).
    let el = node.parentElement;
    for (let up = 0; el && el !== root && up < 4 && !/^(DIV|P|TD|CENTER|UL|NAV)$/i.test(el.tagName); up++) {
      el = el.parentElement;
    }
    if (!el || el === root || textOf(el).length > 200) continue;
    const t = textOf(el);
    if (!PART.test(t) && !(/下一[页頁]|上一[页頁]/.test(t) && /\d/.test(t))) continue;
    return pagerOf(el, t);
  }
  return undefined;
}

function pagerOf(
  el: DomElement,
  text: string,
): { part?: { index: number; total: number }; pager: DomElement } {
  const printed = PART.exec(text);
  if (printed) {
    const index = Number(printed[1]);
    const total = Number(printed[2]);
    if (index >= 1 && total >= index && total <= 500) return { part: { index, total }, pager: el };
  }
  const numbers = allElements(el)
    .filter((x) => /^(A|SPAN|STRONG|B|EM)$/i.test(x.tagName))
    .map((x) => ({ x, n: /^\d{1,3}$/.test(textOf(x)) ? Number(textOf(x)) : NaN }))
    .filter((v) => !Number.isNaN(v.n));
  const total = numbers.length >= 2 ? Math.max(...numbers.map((v) => v.n)) : 0;
  const current = numbers.find(
    (v) => v.x.tagName.toUpperCase() !== 'A' || /\b(current|active|on|cur|sel)\b/i.test(v.x.className),
  );
  if (current && total > 1) return { part: { index: current.n, total }, pager: el };
  return { pager: el };
}
