/**
 * Aggregator labels: the catchy prefix some sites glue in front of a headline (`全球实时:`, `今日播报!`,
 * `热头条丨`, `【时快讯】`). They are not part of the story's title, so they are split off into `label`
 * and the clean title is what ids and search use. Ordinary titles must stay untouched, so a prefix only
 * counts as a label when it has the shape of one (short, followed by a label separator) and the words
 * of one (it ends in a news-feed word such as 资讯, 头条, 实时, 播报).
 */
import { foldText } from '../text/normalize.js';

/** Endings seen on aggregator labels; a prefix must end with one of these to be split off. */
const LABEL_ENDINGS = [
  '实时',
  '热门',
  '播报',
  '头条',
  '热点',
  '要闻',
  '速递',
  '速读',
  '速看',
  '看点',
  '观察',
  '聚焦',
  '快报',
  '焦点',
  '热议',
  '热搜',
  '热闻',
  '精选',
  '推荐',
  '最新',
  '动态',
  '关注',
  '早报',
  '晚报',
  '视点',
  '讯', // 资讯, 简讯, 短讯, 快讯, 热讯, 时讯 ...
];

/** 2-6 Han characters, a label separator (colon, exclamation mark, 丨 or a bar), then the title. */
const PLAIN_LABEL = /^(\p{Script=Han}{2,6})\s*[:：!！丨|｜]\s*(.+)$/u;
/** A short bracketed prefix: `【时快讯】`, `[快讯]`. Brackets at the start are always a label. */
const BRACKET_LABEL = /^\s*(?:【([^【】]{1,10})】|\[([^[\]]{1,10})\])\s*(.+)$/u;

export interface SplitTitle {
  title: string;
  label?: string;
}

export function splitLabel(raw: string): SplitTitle {
  const text = raw.trim();
  const bracket = BRACKET_LABEL.exec(text);
  if (bracket) {
    const label = (bracket[1] ?? bracket[2] ?? '').trim();
    const title = bracket[3]!.trim();
    if (label && hasSubstance(title)) return { title, label };
  }
  const plain = PLAIN_LABEL.exec(text);
  if (plain) {
    const label = plain[1]!;
    const title = plain[2]!.trim();
    // Folded, so Traditional labels (`全球實時`) count as well.
    const folded = foldText(label);
    if (LABEL_ENDINGS.some((end) => folded.endsWith(end)) && hasSubstance(title)) return { title, label };
  }
  return { title: text };
}

/** A title left after the label must still read as a title (not `全球实时:` alone). */
function hasSubstance(title: string): boolean {
  return title.replace(/[\s\p{P}\p{S}]/gu, '').length >= 2;
}
