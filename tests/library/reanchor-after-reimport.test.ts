/**
 * Highlights across a real re-import: the source file is edited on disk and imported again. A
 * highlight whose text moved re-anchors to its new place; one whose text is gone is orphaned, listed
 * with its quote and note, never dropped.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../helpers/core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import type { AnnotationView } from '../../src-main/api/contract.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');
const MOVES = '小区党支部1.02万个';
const GOES = '有困难找组织';

describe('highlights after a re-import that changed the text', () => {
  it('re-anchor where the quote moved and are orphaned, not dropped, where it is gone', async () => {
    const folder = await tempDir();
    const page = join(folder, 'page.txt');
    const original = await readFile(SEED, 'utf8');
    await writeFile(page, original);
    const core = await openCore(await tempDir(), { seedsDir: folder });
    const h = createHandlers(core, 'test');
    const article = core.catalog.listArticles().find((a) => a.kind === 'full')!;
    const body = (await core.catalog.getBody(article.id))!;
    const at = (quote: string) => {
      const block = body.blocks.findIndex((b) => b.text.includes(quote));
      const start = body.blocks[block]!.text.indexOf(quote);
      return { startBlock: block, startOffset: start, endBlock: block, endOffset: start + quote.length };
    };
    for (const [quote, note] of [
      [MOVES, '会移动'],
      [GOES, '会消失'],
    ] as const) {
      const added = await dispatch(h, 'library:addAnnotation', {
        articleId: article.id,
        position: at(quote),
        color: 'green',
        note,
      });
      expect(added).toMatchObject({ ok: true, value: { target: { quote: { exact: quote } } } });
    }

    // The edited page: a new opening paragraph (everything moves down a block and along), one
    // highlighted phrase rewritten away.
    const edited = original
      .replace('城市是改革开放', '(编者按:本文有修订。)\n城市是改革开放')
      .replace('目前,全省已建立小区党支部1.02万个', '据统计,目前全省已建立小区党支部1.02万个')
      .replace(GOES, '遇事找组织');
    expect(edited).not.toBe(original);
    await writeFile(page, edited);
    const report = await core.importPaths([page]);
    expect(report.files.imported).toBe(1);

    const listed = await dispatch(h, 'library:annotations', { articleId: article.id });
    expect(listed.ok).toBe(true);
    const views = (listed.ok ? listed.value : []) as AnnotationView[];
    expect(views).toHaveLength(2);
    const moved = views.find((v) => v.note === '会移动')!;
    const gone = views.find((v) => v.note === '会消失')!;
    const newBody = (await core.catalog.getBody(article.id))!;
    expect(moved.anchor).toMatchObject({ status: 'anchored', moved: true });
    if (moved.anchor?.status === 'anchored') {
      const p = moved.anchor.position;
      expect(newBody.blocks[p.startBlock]!.text.slice(p.startOffset, p.endOffset)).toBe(MOVES);
      expect(p.startBlock).toBe(at(MOVES).startBlock + 1);
    }
    expect(gone.anchor).toEqual({ status: 'orphaned' });
    expect(gone.target.quote.exact).toBe(GOES);
    expect(core.library.listAnnotations()).toHaveLength(2);
  });
});
