/**
 * One article cannot grow the index without end (#18): at most INDEX_BODY_CHARS characters of a body
 * are indexed. An article of a million characters is found by words in its first 200,000 characters,
 * not by words placed after them, and the rest of the archive is searched as before.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { INDEX_BODY_CHARS } from '../../src-main/archive/search/search-index.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { tempDir } from '../helpers/tmp.js';

const SEEDS = join(process.cwd(), 'seeds');

/** `n` characters of prose-like Han text in lines of 100, from a fixed generator. */
function filler(n: number): string {
  let state = 7;
  const lines: string[] = [];
  for (let done = 0; done < n; done += 100) {
    let line = '';
    for (let i = 0; i < 100; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      line += String.fromCharCode(0x4e00 + (state % 3000));
    }
    lines.push(`${line}。`);
  }
  return lines.join('\n');
}

describe('the index budget per article', () => {
  it('indexes the first 200,000 characters of a long body and no more', async () => {
    expect(INDEX_BODY_CHARS).toBe(200_000);
    const pages = await tempDir();
    const early = '早段独有词甲乙丙';
    const late = '末段独有词丁戊己';
    const body = [`这是超长文章测试的开头，${early}。`, filler(300_000), `${late}。`].join('\n');
    await writeFile(join(pages, 'long.txt'), `${body}\n-\n超长文章测试 预算之内\n2022-09-13 08:00:00`);
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    const report = await importPaths(catalog, [pages, SEEDS]);
    expect(report.files.imported).toBe(2);
    const search = await SearchService.open(catalog, data);
    expect((await search.search({ q: early })).hits.map((h) => h.article.title)).toEqual([
      '超长文章测试 预算之内',
    ]);
    expect((await search.search({ q: late })).total).toBe(0);
    expect((await search.search({ q: '近邻党建' })).hits[0]?.article.title).toBe(
      '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”',
    );
  });
});
