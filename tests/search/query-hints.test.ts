/**
 * What search says when the query is not what the user meant (#17): a query of only punctuation is
 * answered as the empty query and says so (`blank`); a two-character typo finds nothing but is
 * offered the close words of the index's vocabulary (homophones first) and titles holding them.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { tempDir } from '../helpers/tmp.js';

const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');

describe('query hints on the seed', () => {
  let search: SearchService;
  beforeAll(async () => {
    const dir = await tempDir();
    const catalog = await CatalogStore.open(dir);
    await importPaths(catalog, [SEEDS]);
    search = await SearchService.open(catalog, dir);
  });

  it.each(['?', '，', '!!!', '？！', ' 。 '])(
    '%j is answered as the empty query, marked blank',
    async (q) => {
      const empty = await search.search({ q: '' });
      const result = await search.search({ q });
      expect(result.blank).toBe(true);
      expect(result.total).toBe(empty.total);
      expect(empty.blank).toBeUndefined();
      expect((await search.search({ q: '党建' })).blank).toBeUndefined();
    },
  );
});

describe('close words for a two-character typo', () => {
  let search: SearchService;
  beforeAll(async () => {
    const dir = await tempDir();
    const catalog = await CatalogStore.open(dir);
    await importPaths(catalog, [SEEDS]);
    search = await SearchService.open(catalog, dir);
  });

  it.each([
    ['温洲', '温州'],
    ['孵花', '孵化'],
    ['海楠', '海南'],
    ['挡建', '党建'],
  ])('%s finds nothing and offers %s first, then titles holding it', async (typo, meant) => {
    const result = await search.search({ q: typo });
    expect(result.total).toBe(0);
    expect(result.suggestions?.[0]).toBe(meant);
    const titles = (result.suggestions ?? []).filter((s) => s.length > 6);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles[0]).toContain(meant);
    // The word offered finds something.
    expect((await search.search({ q: meant })).total).toBeGreaterThan(0);
  });
});
