/**
 * `yuelan list` and `yuelan search` fold repeated headlines (#13): one record per title with a
 * `listings` array (the source file and time of each), "listed on N pages" in the text form, and
 * `--readable` leaves the headline-only entries out. Spawned as real processes on a temp data folder.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { writeFile } from 'node:fs/promises';
import { BRIEF, FULL, GUESSED_PAGE, NEWER, NEWEST, writeFoldPages } from '../fixtures/folded-headlines.js';

const BIN = join(process.cwd(), 'bin', 'yuelan.mjs');

function yuelan(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

interface Row {
  id: string;
  title: string;
  kind: string;
  listings?: { id: string; source: string; publishedAt?: string }[];
  readableId?: string;
}

describe('yuelan list and search: folded headlines, --readable', { timeout: 120_000 }, () => {
  it('prints one record per headline title with its listings, and --readable drops them', async () => {
    const dir = await tempDir();
    const pages = await writeFoldPages(join(dir, 'pages'));
    const data = join(dir, 'data');
    expect(yuelan(['import', pages, '--data', data]).code).toBe(0);
    await writeFile(join(pages, 'guess.txt'), GUESSED_PAGE);
    const report = yuelan(['import', pages, '--data', data]);
    expect(report.out).toContain('Titles: 1 guessed from the text');

    const all = JSON.parse(yuelan(['list', '--json', '--data', data]).out) as Row[];
    const newest = all.filter((a) => a.title === NEWEST);
    expect(newest).toHaveLength(1);
    expect(newest[0]!.listings!.map((l) => `${l.source.split('/').pop()} ${l.publishedAt}`)).toEqual([
      'page1.txt 2022-09-16T10:00:00+08:00',
      'page3.txt 2022-09-10T08:00:00+08:00',
    ]);
    const fullAsHeadline = all.find((a) => a.title === FULL && a.kind === 'headline');
    expect(fullAsHeadline?.readableId).toBe(all.find((a) => a.title === FULL && a.kind === 'full')?.id);

    const readable = JSON.parse(yuelan(['list', '--readable', '--json', '--data', data]).out) as Row[];
    expect(readable.every((a) => a.kind !== 'headline')).toBe(true);
    expect(readable.length).toBe(all.filter((a) => a.kind !== 'headline').length);

    const text = yuelan(['list', '--data', data]).out.split('\n');
    expect(text.find((l) => l.includes(NEWER))).toMatch(/\(listed on 2 pages\)$/);

    // The bundled seed, imported on first use, has its own 城市 and 更新: only this test's titles count.
    const ours = new Set([FULL, BRIEF, NEWER, NEWEST]);
    const hits = (JSON.parse(yuelan(['search', '城市更新', '--json', '--data', data]).out) as Row[]).filter(
      (h) => ours.has(h.title),
    );
    expect(hits.map((h) => `${h.kind}:${h.title}`)).toEqual([
      `full:${FULL}`,
      `brief:${BRIEF}`,
      `headline:${NEWEST}`,
      `headline:${NEWER}`,
      `headline:${FULL}`,
    ]);
    expect(hits[3]!.listings).toHaveLength(2);
    const readableHits = (
      JSON.parse(yuelan(['search', '城市更新', '--readable', '--json', '--data', data]).out) as Row[]
    ).filter((h) => ours.has(h.title));
    expect(readableHits.map((h) => h.title)).toEqual([FULL, BRIEF]);
  });
});
