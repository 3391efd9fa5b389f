/**
 * `yuelan show` on a saved page imported for real (a "Save page as, complete" folder and a WARC), as a
 * process through the package bin: the text names format, source, editor, address, capture time and
 * pictures, with a date-only time printed as a date; `--json` carries the record's fields.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { BODY, newsHtml, png, warcFile } from '../helpers/saved-pages.js';

const BIN = join(process.cwd(), 'bin', 'yuelan.mjs');

function yuelan(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

// Seven processes in a row (each opens the data folder): minutes on a busy machine.
describe('yuelan show on saved pages', () => {
  it('prints and carries what the page told', async () => {
    const dir = await tempDir();
    const pages = join(dir, 'pages');
    const data = join(dir, 'data');
    await mkdir(join(pages, 'story_files'), { recursive: true });
    await writeFile(join(pages, 'story_files', 'pic.png'), png(7));
    await writeFile(
      join(pages, 'story.html'),
      newsHtml({
        title: '女儿出嫁，郑板桥画了几笔兰花当嫁妆',
        time: '2019年06月15日',
        paragraphs: BODY,
        images: [{ src: 'story_files/pic.png', caption: '郑板桥《兰花图》' }],
      }),
    );
    const url = 'https://www.news.cn/politics/20240305/a.htm';
    await writeFile(
      join(pages, 'news.warc.gz'),
      warcFile(
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
            }),
          },
        ],
        { gzip: true },
      ),
    );
    const imported = yuelan(['import', pages, '--json', '--data', data]);
    expect(imported.code, imported.err).toBe(0);
    const list = JSON.parse(yuelan(['list', '--json', '--data', data]).out) as {
      id: string;
      title: string;
    }[];
    const story = list.find((a) => a.title === '女儿出嫁，郑板桥画了几笔兰花当嫁妆')!;
    const warc = list.find((a) => a.title === '全国人大二次会议在京开幕')!;

    const text = yuelan(['show', story.id, '--data', data]);
    expect(text.code, text.err).toBe(0);
    const lines = text.out.split('\n');
    expect(lines[1]).toBe('2019-06-15  ·  full');
    expect(lines).toEqual(
      expect.arrayContaining([
        'format: html',
        'source: 新华社',
        'editor: 王伟',
        'pictures: 1 (1 in the archive)',
        'original page: kept (the app shows it sandboxed)',
        '    [picture] 郑板桥《兰花图》',
      ]),
    );
    expect(text.out).not.toContain('00:00');

    const json = JSON.parse(yuelan(['show', story.id, '--json', '--data', data]).out) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      format: 'html',
      publishedAt: '2019-06-15',
      publishedPrecision: 'day',
      source: '新华社',
      editor: '王伟',
      original: expect.stringMatching(/^[0-9a-f]{64}$/),
      images: [expect.objectContaining({ media: expect.stringMatching(/^[0-9a-f]{64}\.png$/) })],
    });

    const fromWarc = yuelan(['show', warc.id, '--data', data]).out.split('\n');
    expect(fromWarc[1]).toBe('2024-03-05 09:30  ·  full');
    expect(fromWarc).toEqual(
      expect.arrayContaining(['format: warc', `url: ${url}`, 'captured: 2024-03-06T01:00:00Z']),
    );
    expect(JSON.parse(yuelan(['show', warc.id, '--json', '--data', data]).out)).toMatchObject({
      url,
      capturedAt: '2024-03-06T01:00:00Z',
      publishedPrecision: 'minute',
    });
  }, 240_000);
});
