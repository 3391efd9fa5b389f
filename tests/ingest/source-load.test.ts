/**
 * Reading a source file (ingest/source-load.ts) as the import's thread reads it (with promises) and
 * as a parse worker reads it (at once): both give the same facts for every kind of file, a web
 * archive larger than a read is hashed as a stream (with the worker told it is still at work), and a
 * folder whose later files the worker reads ahead imports as a file named alone does.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import {
  loadSource,
  readsAtOnce,
  type LoadOptions,
  type LoadResult,
} from '../../src-main/archive/ingest/source-load.js';
import { BODY, newsHtml, png, warcFile } from '../helpers/saved-pages.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = fileURLToPath(new URL('../../seeds/000_b120d21b52c3fbe4.txt', import.meta.url));

/** A WARC of `pages` news pages, each with a picture: past 1 MiB, so it is hashed as a stream. */
function bigWarc(pages: number): Buffer {
  return warcFile(
    Array.from({ length: pages }, (_, k) => [
      {
        type: 'response' as const,
        uri: `https://www.news.cn/politics/2024030${1 + (k % 9)}/p${k}.htm`,
        contentType: 'text/html; charset=utf-8',
        payload: newsHtml({
          title: `第${k}篇：全国人大二次会议在京开幕`,
          time: `2024-03-0${1 + (k % 9)} 09:${String(k % 60).padStart(2, '0')}`,
          paragraphs: [...BODY, '附：'.repeat(4000)],
        }),
      },
      {
        type: 'response' as const,
        uri: `https://www.news.cn/p${k}.png`,
        contentType: 'image/png',
        payload: png(k),
      },
    ]).flat(),
  );
}

async function files(): Promise<Record<string, string>> {
  const dir = await tempDir();
  const at = (name: string): string => join(dir, name);
  await copyFile(SEED, at('seed.txt'));
  await writeFile(
    at('page.html'),
    newsHtml({ title: '全国人大二次会议在京开幕', time: '2024-03-05 09:30', paragraphs: BODY }),
  );
  await writeFile(at('big.warc'), bigWarc(120));
  await writeFile(at('picture.png'), png(3));
  await writeFile(at('huge.txt'), '城市基层党建\n'.repeat(200_000));
  await mkdir(at('folder.txt'));
  return {
    seed: at('seed.txt'),
    html: at('page.html'),
    warc: at('big.warc'),
    png: at('picture.png'),
    huge: at('huge.txt'),
    folder: at('folder.txt'),
    missing: at('missing.txt'),
  };
}

/** What the two ways must agree on (a Buffer's bytes as hex, so they compare by content). */
function facts(r: LoadResult): unknown {
  if (r.ok !== true) return r;
  const { bytes, ...source } = r.source;
  return { ...source, bytes: bytes && createHash('sha256').update(bytes).digest('hex') };
}

describe('loading a source file', () => {
  it('gives the same facts read with promises and read at once, for every kind of file', async () => {
    const paths = await files();
    const options: LoadOptions = { maxBytes: 1024 * 1024 };
    let ticks = 0;
    for (const [name, path] of Object.entries(paths)) {
      const promised = await loadSource(path, options);
      const atOnce = await loadSource(path, { ...options, reads: readsAtOnce(() => ticks++) });
      expect(facts(atOnce), name).toEqual(facts(promised));
    }
    const warc = await loadSource(paths.warc!, { ...options, reads: readsAtOnce(() => undefined) });
    expect(warc.ok).toBe(true);
    if (warc.ok !== true) return;
    const { readFile } = await import('node:fs/promises');
    const whole = await readFile(paths.warc!);
    expect(whole.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(warc.source).toMatchObject({
      format: 'warc',
      sha: createHash('sha256').update(whole).digest('hex'),
    });
    expect(warc.source.bytes).toBeUndefined();
    // Told once per MiB read while hashing (the worker's time limit starts again).
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(whole.length / (1024 * 1024)));
    expect(await loadSource(paths.huge!, options)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^over size limit/),
    });
    expect(await loadSource(paths.missing!, options)).toEqual({
      ok: false,
      reason: 'unreadable: file not found',
    });
  });

  it('imports a folder read ahead by the worker as it imports each file alone', async () => {
    const paths = await files();
    const dir = join(await tempDir(), 'folder');
    await mkdir(dir);
    // The seed first, so every other file is read ahead while it is merged.
    const names = ['a-seed.txt', 'b-page.html', 'c-big.warc', 'd-huge.txt', 'e-seed-again.txt'];
    const from = [paths.seed, paths.html, paths.warc, paths.huge, paths.seed];
    for (const [k, name] of names.entries()) await copyFile(from[k]!, join(dir, name));
    const together = await CatalogStore.open(await tempDir());
    const report = await importPaths(together, [dir], { maxBytes: 1024 * 1024 });
    const alone = await CatalogStore.open(await tempDir());
    for (const name of names) await importPaths(alone, [join(dir, name)], { maxBytes: 1024 * 1024 });

    expect(report.files).toEqual({ imported: 3, unchanged: 0, duplicate: 1, rejected: 1 });
    const key = (c: CatalogStore): string[] =>
      c
        .listArticles()
        .map((a) => `${a.id} ${a.kind} ${a.sources.map((p) => p.slice(dir.length)).join(',')}`)
        .sort();
    expect(key(together)).toEqual(key(alone));
    expect(together.size).toBeGreaterThan(60);
    for (const name of names) {
      const { importedAt: _a, ...one } = together.getSource(join(dir, name))!;
      const { importedAt: _b, ...other } = alone.getSource(join(dir, name))!;
      expect(one, name).toEqual(other);
    }
    together.close();
    alone.close();
  });
});
