/**
 * The Notes filter folds text the way search does: width and case, and Traditional to Simplified
 * with the same opencc table that find in article loads.
 */
import { describe, expect, it } from 'vitest';
import { Converter } from 'opencc-js/t2cn';
import type { AnnotationView } from '../../src-main/api/contract';
import { makeFold } from '../../src-renderer/src/lib/find';
import { filterAnnotations } from '../../src-renderer/src/lib/notes-filter';

function note(id: string, exact: string, extra: Partial<AnnotationView> = {}): AnnotationView {
  return {
    id,
    articleId: 'cc7c2dac078dc3f5',
    color: 'yellow',
    tags: [],
    target: {
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: exact.length },
      quote: { exact, prefix: '', suffix: '' },
    },
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

const all = [
  note('a', '打造近邻党建“主心骨”'),
  note('b', '交通安全防线', { note: 'ＣＨＥＣＫ this', color: 'green', tags: ['交通'] }),
];
const none = { text: '', colors: [], tag: '' };

describe('filterAnnotations', () => {
  it('finds Simplified text from a Traditional query once the converter is there', () => {
    const ids = (text: string, fold = makeFold(Converter({ from: 'tw', to: 'cn' }))) =>
      filterAnnotations(all, { ...none, text }, fold).map((a) => a.id);
    expect(ids('黨建')).toEqual(['a']);
    expect(ids('交通安全防線')).toEqual(['b']);
    expect(ids('黨建', makeFold())).toEqual([]);
  });

  it('folds width and case, and filters by colour and tag', () => {
    const fold = makeFold();
    expect(filterAnnotations(all, { ...none, text: 'check' }, fold).map((a) => a.id)).toEqual(['b']);
    expect(filterAnnotations(all, { ...none, colors: ['yellow'] }, fold).map((a) => a.id)).toEqual(['a']);
    expect(filterAnnotations(all, { ...none, tag: '交通' }, fold).map((a) => a.id)).toEqual(['b']);
  });
});

describe('the Notes filter by pinyin (#17)', () => {
  it('finds notes by the pinyin of quote, note, title or tags once the dictionary has loaded', async () => {
    const { loadSpell } = await import('../../src-renderer/src/lib/pinyin-match');
    const spell = await loadSpell();
    const notes = [note('y', '作为全文的引言'), note('z', '无关', { note: '另一条' })];
    const ids = (text: string, s: typeof spell | undefined = spell) =>
      filterAnnotations(notes, { text, colors: [], tag: '' }, makeFold(), s).map((a) => a.id);
    expect(ids('yinyan')).toEqual(['y']);
    expect(ids('yin yan')).toEqual(['y']);
    expect(ids('yy')).toEqual(['y']);
    expect(ids('lingyi')).toEqual(['z']);
    expect(ids('inyan')).toEqual([]);
    // Before the dictionary has loaded, letters match Latin text only.
    expect(filterAnnotations(notes, { text: 'yinyan', colors: [], tag: '' }, makeFold())).toEqual([]);
  });
});
