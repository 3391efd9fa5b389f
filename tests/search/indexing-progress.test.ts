/**
 * A long index build shows its progress, and the app does not wait for it to open: a stale index
 * (here: deleted, as a new index version would make it) is built in the background, and a search
 * meanwhile answers from what is indexed so far instead of waiting for the build's end.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../helpers/core.js';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { SearchService, type IndexProgress } from '../../src-main/archive/search/search-service.js';
import { writeCorpus } from '../../bench/corpus.js';
import { tempDir } from '../helpers/tmp.js';

let data: string;
let articles: number;
beforeAll(async () => {
  const dir = await tempDir();
  data = join(dir, 'data');
  await writeCorpus(join(dir, 'corpus'), 160);
  const catalog = await CatalogStore.open(data);
  await importPaths(catalog, [join(dir, 'corpus')]);
  articles = catalog.size;
}, 60_000);

describe('index build progress', () => {
  it('reports articles done of total while it builds, ending with done === total', async () => {
    expect(articles).toBeGreaterThan(500);
    await rm(join(data, 'search'), { recursive: true, force: true });
    const seen: IndexProgress[] = [];
    const service = await SearchService.open(await CatalogStore.open(data), data, {
      onProgress: (p) => seen.push(p),
    });
    expect(service.size).toBe(articles);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((p) => p.total === articles)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ done: articles, total: articles });
  });

  it('opens the app core without waiting for a stale index; a search meanwhile answers from what is indexed', async () => {
    await rm(join(data, 'search'), { recursive: true, force: true });
    const core = await openCore(data, { indexInBackground: true, seedsDir: '' });
    const events: IndexProgress[] = [];
    core.onEvent((event, payload) => {
      if (event === 'search:indexing') events.push(payload as IndexProgress);
    });
    // Opened before the build finished: nothing indexed yet, and a search does not wait for it.
    expect(core.search.size).toBe(0);
    expect(core.indexing ?? { done: 0 }).toMatchObject({ done: 0 });
    const early = await core.search.search({ q: '党建' });
    expect(early.total).toBeLessThan(articles);
    // The build's end is announced (the app asks again then), and the same search finds it all.
    const done = await new Promise<IndexProgress>((resolve) => {
      const last = events.at(-1);
      if (last && last.done === last.total) return resolve(last);
      core.onEvent((event, payload) => {
        const p = payload as IndexProgress;
        if (event === 'search:indexing' && p.done === p.total) resolve(p);
      });
    });
    expect(done).toEqual({ done: articles, total: articles });
    expect(core.search.size).toBe(articles);
    const late = await core.search.search({ q: '党建' });
    expect(late.total).toBeGreaterThan(early.total);
    expect(core.indexing).toBeUndefined();
    await core.close();
  });
});
