/**
 * An import killed with SIGKILL in the middle (a crash, a power cut, the user's kill -9): the catalog
 * is as the last committed batch left it (every article it lists has its sources and its body), the
 * data folder opens, and importing again finishes the job with the same catalog a clean import gives.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tmp.js';
import { committedSources } from '../helpers/committed.js';

const SEED = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');
const PAGES = 300;

/** `count` pages, each with its own main article and its own headlines. */
async function pages(count: number): Promise<string> {
  const dir = join(await tempDir(), 'pages');
  await mkdir(dir);
  const seed = await readFile(SEED, 'utf8');
  for (let i = 0; i < count; i++) {
    const text = seed
      .replaceAll('福建全面加强城市基层党建工作综述', `第${i}号城市综述`)
      .replaceAll('东莞', `东莞${i}区`);
    await writeFile(join(dir, `${String(i).padStart(4, '0')}.txt`), text);
  }
  return dir;
}

describe('an import killed with SIGKILL', () => {
  it('leaves a catalog that opens, is consistent, and is completed by importing again', async () => {
    const folder = await pages(PAGES);
    const data = await tempDir();
    const child = spawn(process.execPath, [
      join(process.cwd(), 'bin', 'yuelan.mjs'),
      'import',
      folder,
      '--data',
      data,
    ]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Killed once some batches are committed and before the last.
    let seen = 0;
    for (let i = 0; i < 1200 && !(seen > 0 && seen < PAGES); i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = committedSources(data);
    }
    child.kill('SIGKILL');
    await exited;
    const partial = committedSources(data);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(PAGES);

    const core = await openCore(data, { deferSeeding: true });
    // Every article listed has sources that are imported, and a full one has its body.
    for (const a of core.catalog.storedArticles()) {
      expect(a.sources.length).toBeGreaterThan(0);
      for (const s of a.sources) expect(core.catalog.getSource(s)?.status).toBe('imported');
      if (a.kind === 'full') expect((await core.catalog.getBody(a.id))?.blocks.length).toBeGreaterThan(0);
    }
    const report = await core.importPaths([folder]);
    expect(report.files.imported + report.files.unchanged).toBe(PAGES);
    expect(report.files.unchanged).toBe(partial);
    const after = core.catalog.size;
    const hit = await core.search.search({ q: `第${PAGES - 1}号城市综述` });
    expect(hit.hits[0]?.article.title).toMatch(new RegExp(`^第${PAGES - 1}号城市综述`));
    await core.close();

    // The same as one clean import of the same folder.
    const clean = await openCore(await tempDir(), { deferSeeding: true });
    await clean.importPaths([folder]);
    expect(after).toBe(clean.catalog.size);
    await clean.close();
  }, 300_000);
});
