/**
 * Body storage: bodies of a batch go to one append-only pack file, reach the disk before the metadata
 * that points at them, survive a reopen, and data folders from before packs (one file per page) still
 * read.
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'yuelan-packs-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

const body = (text: string) => ({ blocks: [{ type: 'paragraph' as const, text }] });
const sha = (n: number): string => n.toString(16).padStart(64, '0');

function putFull(catalog: CatalogStore, id: string, ref: string): void {
  catalog.putArticle({ id, title: `标题${id}`, kind: 'full', sources: [`/src/${id}.txt`], bodyRef: ref });
}

describe('body packs', () => {
  it('writes a batch of pages into one pack file and reads them back after a reopen', async () => {
    const catalog = await CatalogStore.open(data);
    for (let i = 1; i <= 50; i++) {
      await catalog.putBodies(sha(i), { [`a${i}`]: body(`第${i}篇正文`) });
      putFull(catalog, `a${i}`, sha(i));
    }
    // Served from memory before the flush.
    expect((await catalog.getBody('a7'))!.blocks[0]!.text).toBe('第7篇正文');
    await catalog.flush();
    expect(await readdir(join(data, 'bodies'))).toEqual(['pack-0001.bin']);

    const reopened = await CatalogStore.open(data);
    for (const i of [1, 25, 50])
      expect((await reopened.getBody(`a${i}`))!.blocks[0]!.text).toBe(`第${i}篇正文`);
  });

  it('never leaves metadata pointing at bodies that were not flushed (a crash before the flush)', async () => {
    const catalog = await CatalogStore.open(data);
    await catalog.putBodies(sha(1), { a1: body('一') });
    putFull(catalog, 'a1', sha(1));
    await catalog.flush();
    await catalog.putBodies(sha(2), { a2: body('二') });
    putFull(catalog, 'a2', sha(2));
    // No flush: the process "dies" here. The disk holds the first batch only, complete.
    const reopened = await CatalogStore.open(data);
    expect(reopened.getStored('a2')).toBeUndefined();
    expect((await reopened.getBody('a1'))!.blocks[0]!.text).toBe('一');
  });

  it('forgets removed bodies and deletes a pack nothing points at any more', async () => {
    const catalog = await CatalogStore.open(data);
    await catalog.putBodies(sha(1), { a1: body('一') });
    putFull(catalog, 'a1', sha(1));
    await catalog.flush();
    await catalog.removeBodies(sha(1));
    catalog.deleteArticle('a1');
    await catalog.flush();
    expect(catalog.hasBodies(sha(1))).toBe(false);
    expect(await (await CatalogStore.open(data)).getBody('a1')).toBeUndefined();
  });

  it('still reads one-file-per-page bodies of older data folders', async () => {
    const ref = sha(9);
    await mkdir(join(data, 'bodies', ref.slice(0, 2)), { recursive: true });
    await writeFile(
      join(data, 'bodies', ref.slice(0, 2), `${ref}.json`),
      JSON.stringify({ old: body('旧正文') }),
    );
    const catalog = await CatalogStore.open(data);
    putFull(catalog, 'old', ref);
    expect((await catalog.getBody('old'))!.blocks[0]!.text).toBe('旧正文');
  });
});

describe('catalog file', () => {
  it('stores article sources as positions of their source records and reads them back as paths', async () => {
    const catalog = await CatalogStore.open(data);
    const path = '/archive/p1.txt';
    catalog.putSource({ path, size: 1, mtimeMs: 0, status: 'imported', articleIds: ['a1'], importedAt: '' });
    catalog.putArticle({ id: 'a1', title: '标题', kind: 'headline', sources: [path, '/elsewhere.txt'] });
    await catalog.flush();
    const file = JSON.parse(await readFile(join(data, 'catalog.json'), 'utf8')) as {
      token: string;
      articles: { sources: unknown[] }[];
    };
    expect(file.articles[0]!.sources).toEqual([0, '/elsewhere.txt']);
    expect((await CatalogStore.open(data)).getMeta('a1')!.sources).toEqual([path, '/elsewhere.txt']);
  });

  it('names its flushed content with a token that unflushed changes withdraw', async () => {
    const catalog = await CatalogStore.open(data);
    catalog.putArticle({ id: 'a1', title: '标题', kind: 'headline', sources: ['/x.txt'] });
    expect(catalog.persistedToken).toBeUndefined();
    await catalog.flush();
    const token = catalog.persistedToken;
    expect(token).toBeTruthy();
    await catalog.flush();
    expect(catalog.persistedToken).toBe(token);
    expect((await CatalogStore.open(data)).persistedToken).toBe(token);
    catalog.deleteArticle('a1');
    expect(catalog.persistedToken).toBeUndefined();
  });
});
