/**
 * The Notes view's filter: colours, one tag, and text matched in the quote, the note, the article's
 * title and the tags, folded the way search folds (so 黨建 finds 党建 once the converter has loaded),
 * and by pinyin once its dictionary has (`yinyan` finds 引言).
 */
import type { AnnotationView } from '$contract';
import type { HighlightColor } from './annotations';
import type { Fold } from './find';
import { matchesPinyin, pinyinLetters, type Spell } from './pinyin-match';

export interface NotesFilter {
  text: string;
  colors: readonly HighlightColor[];
  tag: string;
}

export function filterAnnotations(
  all: readonly AnnotationView[],
  { text, colors, tag }: NotesFilter,
  fold: Fold,
  spell?: Spell,
): AnnotationView[] {
  const needle = fold(text.trim());
  const letters = spell ? pinyinLetters(text) : undefined;
  return all.filter((a) => {
    if (colors.length > 0 && !colors.includes(a.color)) return false;
    if (tag && !a.tags.includes(tag)) return false;
    if (!needle) return true;
    const hay = [a.target.quote.exact, a.note ?? '', a.article?.title ?? '', ...a.tags].join('\n');
    if (fold(hay).includes(needle)) return true;
    return !!letters && !!spell && matchesPinyin(hay, letters, spell);
  });
}
