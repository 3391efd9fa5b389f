/**
 * The extracted blocks made into the article alone: lines that repeat the headline or the info line
 * under it, credit lines (editor, source, a byline on its own line), `（原标题：…）` notes, promo
 * boxes, share and pager lines, copyright notices, and everything from a `延伸阅读` mark on.
 */
import type { Block } from '../../model.js';
import { findEditor } from './credits.js';
import { isFurnitureLine, isPromoLine, isTailMark } from './furniture.js';

const ORIGINAL_TITLE = /[（(]\s*原标题\s*[：:][^（）()]*[）)]/g;
const ORIGINAL_TITLE_LINE = /^[（(]?\s*原标题\s*[：:]/;
const CREDIT_LINE =
  /^[（(【[]?\s*(?:来源|稿源|出处|本文来源|(?:本报|特约|见习)?记者|通讯员|作者|撰文|文\s*[/／|丨]|图\s*[/／|丨]|摄影|编辑|责编|责任编辑|审核|校对|监制|出品)/;
const DATE = /(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?/g;

export interface CleanContext {
  title: string;
  /** The text printed around the headline (time, source, byline): lines inside it are not body. */
  infoText: string;
}

export function cleanBlocks(blocks: Block[], ctx: CleanContext): Block[] {
  const out: Block[] = [];
  const titleKey = squash(ctx.title);
  const info = squash(ctx.infoText);
  for (const b of blocks) {
    if (b.type === 'figure') {
      out.push(b);
      continue;
    }
    const text = b.text;
    const key = squash(text);
    if (isTailMark(text) && out.some((o) => o.type === 'paragraph')) break;
    if (key === '' || key === titleKey) continue;
    if (key.length <= 120 && info.includes(key)) continue;
    if (isFurnitureLine(text) || isPromoLine(text) || isInfoLine(text)) continue;
    if (text.length <= 80 && (CREDIT_LINE.test(text) || findEditor(text) !== undefined)) continue;
    if (ORIGINAL_TITLE_LINE.test(text) && text.length <= 150) continue;
    out.push(b);
  }
  // A `（原标题：…）` note inside the opening paragraphs is not the article's text.
  for (let i = 0, seen = 0; i < out.length && seen < 3; i++) {
    const b = out[i]!;
    if (b.type !== 'paragraph') continue;
    seen++;
    const stripped = b.text.replace(ORIGINAL_TITLE, '').trim();
    if (stripped !== b.text) out[i] = { ...b, text: stripped };
  }
  return out.filter((b) => b.type === 'figure' || b.text !== '');
}

/** A line that is only times, separators and credit words: the info line under a headline. */
export function isInfoLine(text: string): boolean {
  if (text.length > 100) return false;
  const rest = text.replace(DATE, '');
  if (rest.length === text.length) return false;
  const leadsWithDate = /^\s*[【[]?\s*(?:(?:发布|更新)?(?:时间|日期)|发布于)?\s*[：:]?\s*(?:19|20)\d\d/.test(
    text,
  );
  if (!leadsWithDate && !/来源|作者|编辑|记者|发布/.test(rest)) return false;
  return (
    !/[，。！？；]/.test(rest) &&
    rest.replace(/[\s|｜/·:：来源发布时间日期作者编辑记者字号大中小打印分享]/g, '').length <= 24
  );
}

function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}
