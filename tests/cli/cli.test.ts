/**
 * The `yuelan` command, spawned as a real process through its package bin, on a temp data folder.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const BIN = join(process.cwd(), 'bin', 'yuelan.mjs');
const MAIN_TITLE = '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”';

function yuelan(
  args: string[],
  env: Record<string, string> = {},
): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('yuelan CLI', () => {
  it('imports the bundled seed on first use and searches it: 党建 gives the main article first', async () => {
    const data = await tempDir();
    const r = yuelan(['search', '党建', '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    const hits = JSON.parse(r.out) as {
      title: string;
      kind: string;
      publishedAt: string;
      sources: string[];
    }[];
    expect(hits[0]).toMatchObject({
      title: MAIN_TITLE,
      kind: 'full',
      publishedAt: '2022-09-13T08:49:19+08:00',
    });
    expect(hits[0]!.sources[0]).toMatch(/000_b120d21b52c3fbe4\.txt$/);
  });

  it('lists every article, or --limit N, with the Article record field names', async () => {
    const data = await tempDir();
    const all = JSON.parse(yuelan(['list', '--json', '--data', data]).out) as Record<string, unknown>[];
    expect(all).toHaveLength(35);
    for (const a of all) {
      expect(
        Object.keys(a).every((k) =>
          [
            'id',
            'title',
            'label',
            'kind',
            'publishedAt',
            'byline',
            'snippet',
            'titleInferred',
            'titleCue',
            'sources',
            'listings',
            'readableId',
          ].includes(k),
        ),
      ).toBe(true);
    }
    const three = JSON.parse(yuelan(['list', '--json', '--limit', '3', '--data', data]).out) as unknown[];
    expect(three).toHaveLength(3);
    const text = yuelan(['list', '--limit', '2', '--data', data]);
    expect(text.out.trim().split('\n')).toHaveLength(2);
  });

  it('shows one article with its blocks, and reads $YUELAN_DATA', async () => {
    const data = await tempDir();
    const [first] = JSON.parse(
      yuelan(['search', '近邻党建', '--json', '--limit', '1'], { YUELAN_DATA: data }).out,
    ) as { id: string }[];
    const shown = yuelan(['show', first!.id, '--json'], { YUELAN_DATA: data });
    expect(shown.code).toBe(0);
    const article = JSON.parse(shown.out) as {
      title: string;
      titleCue: string[];
      blocks: { type: string; text: string }[];
    };
    expect(article.title).toBe(MAIN_TITLE);
    expect(article.titleCue).toEqual(['clause', 'run', 'overlap', 'position', 'latest']);
    expect(article.blocks.filter((b) => b.type === 'heading')).toHaveLength(3);
    const text = yuelan(['show', first!.id], { YUELAN_DATA: data });
    expect(text.out).toContain('## 赋权扩能,做强街道“动力轴心”');
    expect(text.out).toContain('title from: clause, run, overlap, position, latest');
  });

  it('imports files with a JSON report; re-importing changes nothing', async () => {
    const data = await tempDir();
    const seeds = join(process.cwd(), 'seeds');
    const first = JSON.parse(yuelan(['import', seeds, '--json', '--data', data]).out);
    expect(first.files).toMatchObject({ imported: 1, rejected: 0 });
    expect(first.articles.added).toBe(35);
    const again = JSON.parse(yuelan(['import', seeds, '--json', '--data', data]).out);
    expect(again.files).toMatchObject({ imported: 0, unchanged: 1 });
    expect(again.articles).toMatchObject({ added: 0, updated: 0, upgraded: 0 });
  });

  it('puts errors on stderr with a non-zero exit code', async () => {
    const data = await tempDir();
    const missing = yuelan(['show', '0000000000000000', '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no article with id 0000000000000000');
    expect(missing.out).toBe('');
    const usage = yuelan(['search', '--data', data]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('search needs a QUERY');
    const flag = yuelan(['list', '--bogus']);
    expect(flag.code).toBe(2);
    expect(yuelan(['frobnicate', '--data', data]).code).toBe(2);
    expect(yuelan(['list', '--limit', 'zero', '--data', data]).err).toContain('--limit');
  });
});

describe('yuelan CLI: bookmarks, annotations, export', () => {
  it('bookmarks with tags, lists by tag, removes', async () => {
    const data = await tempDir();
    const [hit] = JSON.parse(
      yuelan(['search', '近邻党建', '--json', '--limit', '1', '--data', data]).out,
    ) as { id: string }[];
    expect(yuelan(['bookmark', 'add', hit!.id, '--tag', '党建', '--tag', '福建', '--data', data]).code).toBe(
      0,
    );
    const tagged = JSON.parse(yuelan(['bookmark', 'ls', '--tag', '福建', '--json', '--data', data]).out);
    expect(tagged).toEqual([expect.objectContaining({ articleId: hit!.id, tags: ['党建', '福建'] })]);
    expect(JSON.parse(yuelan(['bookmark', 'ls', '--tag', '其他', '--json', '--data', data]).out)).toEqual([]);
    expect(yuelan(['bookmark', 'rm', hit!.id, '--data', data]).code).toBe(0);
    expect(JSON.parse(yuelan(['bookmark', 'ls', '--json', '--data', data]).out)).toEqual([]);
    expect(yuelan(['bookmark', 'add', '0000000000000000', '--data', data]).code).toBe(1);
  });

  it('annotates by quote, lists notes, exports Markdown to a file and JSON that imports without duplicates', async () => {
    const data = await tempDir();
    const [hit] = JSON.parse(
      yuelan(['search', '近邻党建', '--json', '--limit', '1', '--data', data]).out,
    ) as { id: string }[];
    const made = yuelan([
      'annotate',
      hit!.id,
      '--quote',
      '有困难找组织',
      '--note',
      '好标语',
      '--color',
      'pink',
      '--json',
      '--data',
      data,
    ]);
    expect(made.code, made.err).toBe(0);
    expect(JSON.parse(made.out)).toMatchObject({
      color: 'pink',
      note: '好标语',
      target: { quote: { exact: '有困难找组织' } },
    });
    expect(yuelan(['annotate', hit!.id, '--quote', '不存在的句子', '--data', data]).code).toBe(1);
    expect(yuelan(['annotate', hit!.id, '--quote', 'x', '--color', 'red', '--data', data]).code).toBe(2);

    const notes = JSON.parse(yuelan(['notes', '--json', '--data', data]).out);
    expect(notes).toHaveLength(1);

    const mdFile = join(data, 'notes.md');
    expect(yuelan(['export', '--format', 'md', '--out', mdFile, '--data', data]).code).toBe(0);
    const md = readFileSync(mdFile, 'utf8');
    expect(md).toContain('> 有困难找组织');
    expect(md).toContain('Note: 好标语');

    const jsonFile = join(data, 'library.export.json');
    yuelan(['export', '--format', 'json', '--out', jsonFile, '--data', data]);
    const other = await tempDir();
    const first = JSON.parse(yuelan(['import-library', jsonFile, '--json', '--data', other]).out);
    expect(first).toEqual({ bookmarks: 0, annotations: 1 });
    const second = JSON.parse(yuelan(['import-library', jsonFile, '--json', '--data', other]).out);
    expect(second).toEqual({ bookmarks: 0, annotations: 0 });
    const bad = yuelan(['import-library', mdFile, '--data', other]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not JSON');
  });
});

// Many CLI processes in a row: slow on a busy machine, so more time than the default.
describe('yuelan CLI: search filters and scope', { timeout: 120_000 }, () => {
  it('filters by kind, dates, bookmarked, annotated and source, sorts, and searches notes', async () => {
    const data = await tempDir();
    const search = (...args: string[]) =>
      JSON.parse(yuelan(['search', ...args, '--json', '--data', data]).out);
    const all = search('发展', '--limit', '50') as { id: string; kind: string }[];
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((a) => a.kind)).size).toBeGreaterThan(1);
    const full = search('发展', '--kind', 'full') as { kind: string }[];
    expect(full.length).toBeGreaterThan(0);
    expect(full.every((a) => a.kind === 'full')).toBe(true);

    const sept9 = search('教育', '--from', '2022-09-09', '--to', '2022-09-09', '--sort', 'newest') as {
      publishedAt: string;
    }[];
    expect(sept9.length).toBeGreaterThan(0);
    expect(sept9.every((a) => a.publishedAt.startsWith('2022-09-09'))).toBe(true);
    expect(sept9.map((a) => a.publishedAt)).toEqual([...sept9.map((a) => a.publishedAt)].sort().reverse());

    const main = (search('近邻党建') as { id: string }[])[0]!.id;
    yuelan(['bookmark', 'add', main, '--data', data]);
    expect((search('发展', '--bookmarked') as { id: string }[]).map((a) => a.id)).toEqual([main]);
    expect(search('发展', '--annotated')).toEqual([]);
    yuelan(['annotate', main, '--quote', '有困难找组织', '--note', '居民的呼声', '--data', data]);
    expect((search('发展', '--annotated') as { id: string }[]).map((a) => a.id)).toEqual([main]);

    const notes = search('居民的呼声', '--scope', 'notes');
    expect(notes.articles).toEqual([]);
    expect(notes.notes[0].annotation.note).toBe('居民的呼声');

    const seed = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');
    expect(search('发展', '--source', seed, '--limit', '50')).toHaveLength(all.length);
    expect(search('发展', '--source', '/nope.txt')).toEqual([]);
    expect(yuelan(['search', '发展', '--scope', 'everything', '--data', data]).code).toBe(2);
    expect(yuelan(['search', '发展', '--from', '2022-13-45', '--data', data]).code).toBe(2);
    // Some twenty processes, each opening the archive: more than the default 30 s on a loaded machine.
  }, 120_000);
});
