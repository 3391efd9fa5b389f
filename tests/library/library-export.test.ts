import { describe, expect, it } from 'vitest';
import type { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { openCore } from '../helpers/core.js';
import { targetForQuote } from '../../src-main/archive/library/anchoring.js';
import {
  exportLibraryJson,
  exportLibraryMarkdown,
  parseLibraryExport,
} from '../../src-main/archive/library/library-export.js';
import { tempDir } from '../helpers/tmp.js';

const MAIN_TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';

async function seededCore(): Promise<{ core: ArchiveCore; id: string }> {
  const core = await openCore(await tempDir());
  const id = core.catalog.listArticles().find((a) => a.title === MAIN_TITLE)!.id;
  return { core, id };
}

describe('library export and import', () => {
  it('exports Markdown grouped by article with title, time, byline, quote, colour and note', async () => {
    const { core, id } = await seededCore();
    const body = await core.catalog.getBody(id);
    const target = targetForQuote(body!.blocks, '小区党支部1.02万个')!;
    await core.library.addAnnotation({
      articleId: id,
      target,
      color: 'green',
      note: '数字值得核对',
      tags: ['数据'],
    });
    await core.library.setBookmark(id, { tags: ['党建'] });
    const md = exportLibraryMarkdown(core.library, core.catalog);
    expect(md).toContain(`## ${MAIN_TITLE}`);
    expect(md).toContain('Time: September 13, 2022 at 08:49');
    expect(md).toContain('Byline: 本报记者 郑昭');
    expect(md).toContain('> 小区党支部1.02万个');
    expect(md).toContain('— Green · #数据');
    expect(md).toContain('Note: 数字值得核对');
    expect(md).toContain('Bookmarked (#党建)');
    expect(md).not.toMatch(/\d{4}-\d\d-\d\dT/);

    // In Chinese: the date as Chinese writes it, one colour word (not "绿 green").
    const zh = exportLibraryMarkdown(core.library, core.catalog, 'zh-CN', new Date('2026-12-01T10:00:00Z'));
    expect(zh).toContain('# 阅览 — 我的笔记');
    expect(zh).toContain('导出于 2026年12月1日 18:00');
    expect(zh).toContain('时间：2022年9月13日 08:49');
    expect(zh).toContain('— 绿色 · #数据');
    expect(zh).toContain('笔记：数字值得核对');
    expect(zh).toContain('已加入书签（#党建）');
    expect(zh).not.toContain('green');
  });

  it('round-trips the library through JSON and merges without duplicates', async () => {
    const { core, id } = await seededCore();
    const body = await core.catalog.getBody(id);
    await core.library.addAnnotation({
      articleId: id,
      target: targetForQuote(body!.blocks, '近邻党建')!,
      color: 'yellow',
    });
    await core.library.setBookmark(id);
    const json = exportLibraryJson(core.library);

    const other = await openCore(await tempDir());
    expect(await other.library.merge(parseLibraryExport(json))).toEqual({ bookmarks: 1, annotations: 1 });
    expect(await other.library.merge(parseLibraryExport(json))).toEqual({ bookmarks: 0, annotations: 0 });
    expect(other.library.listAnnotations()).toEqual(core.library.listAnnotations());
  });

  it.each([
    ['not JSON', '{oops', /not JSON/],
    ['another JSON file', '{"hello": 1}', /not a Yuelan library export/],
    [
      'a broken record',
      JSON.stringify({ format: 'yuelan-library', annotations: [{ id: 'x' }] }),
      /not a Yuelan library export/,
    ],
  ])('rejects %s with a clear reason', (_name, text, reason) => {
    expect(() => parseLibraryExport(text)).toThrow(reason);
  });
});
