/**
 * The app and the CLI importing into one data folder at the same time: the catalog lock lets one
 * import run at a time, each catches up with the other's catalog first, and the running app sees
 * both imports. Nothing is lost or half-written.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../helpers/core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');

/** A folder of `count` pages, each with its own main-article title `<prefix>第N号综述`. */
async function pages(prefix: string, count: number): Promise<string> {
  const dir = join(await tempDir(), prefix);
  await mkdir(dir);
  const seed = await readFile(SEED, 'utf8');
  for (let i = 0; i < count; i++) {
    await writeFile(
      join(dir, `${i}.txt`),
      seed.replaceAll('福建全面加强城市基层党建工作综述', `${prefix}第${i}号综述`),
    );
  }
  return dir;
}

function cliImport(data: string, folder: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      join(process.cwd(), 'bin', 'yuelan.mjs'),
      'import',
      folder,
      '--json',
      '--data',
      data,
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('catalog: two processes importing at once', () => {
  it('keeps both imports, and the running app sees them', async () => {
    const data = await tempDir();
    const app = await openCore(data);
    const handlers = createHandlers(app, 'test');
    const [a, b] = await Promise.all([pages('甲省', 30), pages('乙省', 30)]);

    // The CLI imports one folder while the app imports the other.
    const [cli, inApp] = await Promise.all([cliImport(data, a), app.importPaths([b])]);
    expect(cli.code, cli.err).toBe(0);
    expect(JSON.parse(cli.out).files.imported).toBe(30);
    expect(inApp.files.imported).toBe(30);

    // The app catches up with the CLI's import on its next request.
    const reply = await dispatch(handlers, 'archive:search', { q: '甲省第7号综述', limit: 1 });
    expect(
      reply.ok && (reply.value as { hits: { article: { title: string } }[] }).hits[0]?.article.title,
    ).toMatch(/^甲省第7号综述/);

    // A fresh process sees every article of both imports, with their bodies.
    const fresh = await openCore(data);
    const titles = new Set(fresh.catalog.listArticles().map((x) => x.title));
    for (let i = 0; i < 30; i++) {
      expect(titles.has(`甲省第${i}号综述 打造近邻党建“主心骨”`), `甲省${i}`).toBe(true);
      expect(titles.has(`乙省第${i}号综述 打造近邻党建“主心骨”`), `乙省${i}`).toBe(true);
    }
    const sample = fresh.catalog.listArticles().find((x) => x.title.startsWith('甲省第29号'))!;
    expect((await fresh.catalog.getBody(sample.id))?.blocks.length).toBeGreaterThan(10);
    expect(fresh.catalog.listSources().filter((s) => s.status === 'imported')).toHaveLength(61);
  });
});
