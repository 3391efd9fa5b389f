/**
 * `yuelan import` on saved pages, spawned as a real process: every format taken from a folder by
 * default, counts by format in its text, partly imported and unsure pages listed, and `--json`
 * carrying them; `yuelan show` of a WARC page prints its url and capture time.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src-main/archive/model.js';
import { tempDir } from '../helpers/tmp.js';
import { BODY, newsHtml, png, warcFile } from '../helpers/saved-pages.js';

const BIN = join(process.cwd(), 'bin', 'yuelan.mjs');

function yuelan(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('yuelan import of saved pages', () => {
  it('takes every format from a folder, and says what came of each', { timeout: 240_000 }, async () => {
    const folder = await tempDir();
    const data = await tempDir();
    const url = 'https://www.news.cn/a.htm';
    const warc = warcFile(
      [
        {
          type: 'response',
          uri: url,
          date: '2024-03-06T01:00:00Z',
          contentType: 'text/html; charset=utf-8',
          payload: newsHtml({
            title: '全国人大二次会议在京开幕',
            time: '2024-03-05 09:30',
            paragraphs: BODY,
            images: [{ src: 'p.png', caption: '会场' }],
          }),
        },
        { type: 'response', uri: 'https://www.news.cn/p.png', contentType: 'image/png', payload: png(1) },
      ],
      { gzip: true },
    );
    await writeFile(join(folder, 'news.warc.gz'), warc);
    await writeFile(join(folder, 'zcut.warc.gz'), warc.subarray(0, warc.length - 100));
    await mkdir(join(folder, 'saved'));
    await writeFile(
      join(folder, 'saved', 'undated.html'),
      newsHtml({ title: '一篇没有发布时间的报道', paragraphs: BODY }),
    );

    const text = yuelan(['import', folder, '--data', data]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('Files: 4 imported, 0 unchanged, 0 duplicate, 0 rejected');
    expect(text.out).toContain(
      'By format: warc 2 files (2 articles), html 1 file (1 article), text 1 file (35 articles)',
    );
    expect(text.out).toContain(`partly imported: ${join(folder, 'zcut.warc.gz')}: Cut short or damaged:`);
    expect(text.out).toContain(
      `unsure: ${join(folder, 'saved', 'undated.html')}: 一篇没有发布时间的报道: no published time found`,
    );

    const data2 = await tempDir();
    const json = yuelan(['import', folder, '--json', '--data', data2]);
    expect(json.code, json.err).toBe(0);
    const report = JSON.parse(json.out) as ImportReport;
    // The bundled seed comes in on first use: one text file.
    expect(report.formats).toEqual({
      warc: { files: 2, articles: 2 },
      html: { files: 1, articles: 1 },
      text: { files: 1, articles: 35 },
    });
    expect(report.lowConfidence).toEqual([
      { path: join(folder, 'saved', 'undated.html'), title: '一篇没有发布时间的报道', warnings: ['noTime'] },
    ]);
    expect(report.partial?.[0]?.reason.code).toBe('truncated');

    const list = JSON.parse(yuelan(['list', '--json', '--data', data2]).out) as {
      id: string;
      title: string;
    }[];
    const id = list.find((a) => a.title === '全国人大二次会议在京开幕')!.id;
    const show = yuelan(['show', id, '--data', data2]);
    expect(show.out).toContain(`url: ${url}`);
    expect(show.out).toContain('captured: 2024-03-06T01:00:00Z');
    expect(show.out).toContain('pictures: 1 (1 in the archive)');
  });
});
