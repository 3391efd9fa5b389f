/**
 * "My notes" search (#17): a note is found by the pinyin of its text (full or initials), as a title
 * is, with the spelled characters marked; a bookmark's note is searchable too, and says it is one.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { openCore } from '../helpers/core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { call, invoker } from '../../src-main/api/client.js';
import { searchNotes } from '../../src-main/archive/search/notes-search.js';

describe('notes search: pinyin and bookmark notes', () => {
  it('finds a note by the pinyin of its text, marking the characters', async () => {
    const notes = [
      { id: 'n1', articleId: 'a1', text: '这段可作引言\n城市基层党建' },
      { id: 'n2', articleId: 'a2', text: '无关的笔记' },
    ];
    for (const q of ['yinyan', 'yin yan', 'zyy', 'yiny']) {
      const hits = await searchNotes(q, notes);
      expect(
        hits.map((h) => h.id),
        q,
      ).toEqual(['n1']);
    }
    const [hit] = await searchNotes('yinyan', notes);
    const [s, e] = hit!.context.ranges[0]!;
    expect(hit!.context.text.slice(s, e)).toBe('引言');
    expect(await searchNotes('xyz', notes)).toEqual([]);
  });

  it('searches bookmark notes through the contract, by text and by pinyin', async () => {
    const core = await openCore(await tempDir());
    const invoke = invoker(createHandlers(core, ''));
    const { articles } = await call(invoke, 'archive:list', { limit: 1 });
    const id = articles[0]!.id;
    await call(invoke, 'library:setBookmark', { articleId: id, bookmarked: true, note: '留作引言参考' });
    for (const q of ['引言', '引言參考', 'yinyan']) {
      const result = await call(invoke, 'archive:search', { q, scope: 'notes' });
      expect(
        result.notes?.map((n) => [n.annotation.articleId, n.bookmark]),
        q,
      ).toEqual([[id, true]]);
      expect(result.notes?.[0]!.annotation.note).toBe('留作引言参考');
    }
    await core.close();
  });
});
