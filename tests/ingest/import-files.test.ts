/**
 * The importer against real files in temp folders and a real catalog on disk: report counts, unchanged
 * re-imports, duplicates, headline-to-full upgrades under the same id, shared stories, changed files,
 * rejects, progress, cancelling, removing and re-importing sources.
 */
import { cp, mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths, reimportSource, removeSource } from '../../src-main/archive/ingest/import-files.js';
import { articleId } from '../../src-main/archive/ingest/article-id.js';
import type { ImportProgress } from '../../src-main/archive/model.js';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const SEED = fileURLToPath(new URL('../../seeds/000_b120d21b52c3fbe4.txt', import.meta.url));
const MAIN_ID = articleId(
  '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”',
  '2022-09-13T08:49:19+08:00',
);
const DONGGUAN_ID = articleId('东莞整治各类交通违法 进一步筑牢交通安全防线', '2022-09-09T08:11:43+08:00');

let dir: string;
let data: string;
let catalog: CatalogStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yuelan-ingest-'));
  data = join(dir, 'data');
  catalog = await CatalogStore.open(data);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function page(name: string, fixture: string): Promise<string> {
  const path = join(dir, name);
  await cp(join(PAGES, fixture), path);
  return path;
}

function kinds(): Record<string, number> {
  const out: Record<string, number> = { full: 0, brief: 0, headline: 0 };
  for (const a of catalog.listArticles()) out[a.kind]!++;
  return out;
}

describe('importPaths', () => {
  it('imports the seed: 35 articles, the main one with its body on disk', async () => {
    const report = await importPaths(catalog, [SEED]);
    expect(report.files).toEqual({ imported: 1, unchanged: 0, duplicate: 0, rejected: 0 });
    expect(report.articles).toEqual({ added: 35, updated: 0, upgraded: 0 });
    expect(report.cancelled).toBe(false);
    expect(kinds()).toEqual({ full: 1, brief: 5, headline: 29 });
    expect(catalog.getSource(SEED)).toMatchObject({ status: 'imported', encoding: 'utf-8', size: 12756 });
    expect(catalog.getSource(SEED)!.articleIds).toHaveLength(35);

    const reopened = await CatalogStore.open(data);
    const main = await reopened.getArticle(MAIN_ID);
    expect(main).toMatchObject({ kind: 'full', byline: '本报记者 郑昭', sources: [SEED] });
    expect(main!.blocks).toHaveLength(27);
    expect(reopened.listArticles()).toEqual(catalog.listArticles());
  });

  it('imports a folder: every fixture imported, duplicated or rejected with its reason', async () => {
    const folder = join(dir, 'pages');
    await cp(PAGES, folder, { recursive: true });
    const progress: ImportProgress[] = [];
    const report = await importPaths(catalog, [folder], {}, (p) => progress.push(p));

    expect(report.files).toEqual({ imported: 19, unchanged: 0, duplicate: 1, rejected: 6 });
    const at = (n: string): string => join(folder, n);
    expect(report.duplicates).toEqual([{ path: at('utf8.txt'), duplicateOf: at('duplicate.txt') }]);
    expect(report.rejected).toEqual([
      { path: at('binary.txt'), reason: { code: 'binary', detail: 'contains NUL bytes' } },
      { path: at('blank.txt'), reason: { code: 'empty', detail: 'whitespace only' } },
      { path: at('empty.txt'), reason: { code: 'empty', detail: '' } },
      {
        path: at('not-the-format.txt'),
        reason: { code: 'format', detail: 'neither an article body nor a headline list' },
      },
      {
        path: at('undecodable.txt'),
        reason: { code: 'binary', detail: 'not valid UTF-8, UTF-16 or GB18030 text' },
      },
      { path: at('utf16le-no-bom.txt'), reason: { code: 'binary', detail: 'contains NUL bytes' } },
    ]);
    // 35 seed stories, the inferred article of the body-only pages, 5 teasers without a headline list.
    expect(report.articles).toEqual({ added: 41, updated: 0, upgraded: 0 });
    expect(kinds()).toEqual({ full: 2, brief: 10, headline: 29 });

    // Every variant of the whole page, the cut-off one and the headline list are sources of the main article.
    const main = catalog.getMeta(MAIN_ID)!;
    expect(main.kind).toBe('full');
    expect(main.sources).toHaveLength(15);
    expect(main.sources).toContain(at('traditional.txt'));
    expect(main.sources).toContain(at('gb18030.txt'));
    expect(main.sources).not.toContain(at('utf8.txt'));

    // notes.md is not a .txt file; the rest is reported file by file.
    expect(catalog.getSource(at('notes.md'))).toBeUndefined();
    expect(catalog.getSource(at('utf8.txt'))).toMatchObject({
      status: 'duplicate',
      duplicateOf: at('duplicate.txt'),
    });
    expect(catalog.getSource(at('empty.txt'))).toMatchObject({
      status: 'rejected',
      reason: { code: 'empty', detail: '' },
    });

    expect(progress).toHaveLength(27);
    expect(progress[0]).toEqual({ done: 0, total: 26, current: at('article-only.txt') });
    expect(progress.at(-1)).toEqual({ done: 26, total: 26 });
    progress.slice(0, -1).forEach((p, i) => expect(p.done).toBe(i));
  });

  it('changes nothing when the same files are imported again', async () => {
    const folder = join(dir, 'pages');
    await cp(PAGES, folder, { recursive: true });
    await importPaths(catalog, [folder]);
    const seq = catalog.changeSeq;
    const revision = catalog.revision;
    const report = await importPaths(catalog, [folder]);
    expect(report.files).toEqual({ imported: 0, unchanged: 20, duplicate: 0, rejected: 6 });
    expect(report.articles).toEqual({ added: 0, updated: 0, upgraded: 0 });
    // Nothing was written: no article changed, and no row at all.
    expect(catalog.changeSeq).toBe(seq);
    expect(catalog.revision).toBe(revision);
  });

  it('upgrades a headline to full under the same id when its body arrives', async () => {
    const list = await page('list.txt', 'headlines-only.txt');
    const first = await importPaths(catalog, [list]);
    expect(first.articles).toEqual({ added: 35, updated: 0, upgraded: 0 });
    expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'headline', sources: [list] });

    const full = await page('full.txt', 'utf8.txt');
    const second = await importPaths(catalog, [full]);
    expect(second.articles).toEqual({ added: 0, updated: 29, upgraded: 6 });
    expect(catalog.size).toBe(35);
    const main = await catalog.getArticle(MAIN_ID);
    expect(main).toMatchObject({ id: MAIN_ID, kind: 'full', sources: [list, full] });
    expect(main!.blocks).toHaveLength(27);
    expect(catalog.getMeta(DONGGUAN_ID)).toMatchObject({ kind: 'brief', sources: [list, full] });
    expect(catalog.getMeta(DONGGUAN_ID)!.snippet!.startsWith('近日,东莞市公安局')).toBe(true);
  });

  it('keeps the richer form when a poorer one arrives later', async () => {
    const full = await page('full.txt', 'utf8.txt');
    const list = await page('list.txt', 'headlines-only.txt');
    await importPaths(catalog, [full]);
    const report = await importPaths(catalog, [list]);
    expect(report.articles).toEqual({ added: 0, updated: 35, upgraded: 0 });
    expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'full', sources: [full, list] });
  });

  it('makes the same story in two files (Simplified and Traditional) one article with both sources', async () => {
    const simplified = await page('a.txt', 'utf8.txt');
    const traditional = await page('b.txt', 'traditional.txt');
    const report = await importPaths(catalog, [simplified, traditional]);
    expect(report.articles).toEqual({ added: 35, updated: 0, upgraded: 0 });
    expect(catalog.size).toBe(35);
    for (const a of catalog.listArticles()) expect(a.sources).toEqual([simplified, traditional]);
  });

  it("works a source's article ids out from its links after reopening; removal uses them", async () => {
    const simplified = await page('a.txt', 'utf8.txt');
    const traditional = await page('b.txt', 'traditional.txt');
    const list = await page('list.txt', 'single-headline.txt');
    await importPaths(catalog, [simplified, traditional, list]);
    const before = new Map(catalog.listSources().map((s) => [s.path, [...s.articleIds].sort()]));
    expect(before.get(simplified)).toHaveLength(35);
    catalog.close();

    const reopened = await CatalogStore.open(data);
    const after = new Map(reopened.listSources().map((s) => [s.path, [...s.articleIds].sort()]));
    expect(after).toEqual(before);
    // The derived lists drive removal: the headline page's own article goes with it, shared ones stay.
    expect(await removeSource(reopened, list)).toBe(true);
    expect(reopened.size).toBe(35);
    expect(await removeSource(reopened, simplified)).toBe(true);
    expect(reopened.size).toBe(35);
    for (const a of reopened.listArticles()) expect(a.sources).toEqual([traditional]);
  });

  it('reports a duplicate by content once and imports nothing from it', async () => {
    const a = await page('a.txt', 'utf8.txt');
    const b = await page('b.txt', 'utf8.txt');
    const report = await importPaths(catalog, [a, b]);
    expect(report.files).toEqual({ imported: 1, unchanged: 0, duplicate: 1, rejected: 0 });
    expect(report.duplicates).toEqual([{ path: b, duplicateOf: a }]);
    expect(catalog.getMeta(MAIN_ID)!.sources).toEqual([a]);
  });

  it('lets a changed file replace what it gave before', async () => {
    const file = await page('page.txt', 'utf8.txt');
    await importPaths(catalog, [file]);
    const oldSha = catalog.getSource(file)!.sha256!;

    // Now only the headline list: the main article and the teasers fall back to headlines.
    await cp(join(PAGES, 'headlines-only.txt'), file);
    const report = await importPaths(catalog, [file]);
    expect(report.files.imported).toBe(1);
    expect(kinds()).toEqual({ full: 0, brief: 0, headline: 35 });
    expect(await catalog.getArticle(MAIN_ID)).not.toHaveProperty('blocks');
    expect(catalog.getSource(file)!.sha256).not.toBe(oldSha);
    expect(catalog.hasBodies(oldSha)).toBe(false);

    // Now a body alone: the 35 headlines lose their only source and go.
    await cp(join(PAGES, 'article-only.txt'), file);
    await importPaths(catalog, [file]);
    expect(catalog.size).toBe(1);
    expect(catalog.listArticles()[0]).toMatchObject({ kind: 'full', titleInferred: true, sources: [file] });
  });

  it('rebuilds an article from its other sources when the file that gave its body changes', async () => {
    const list = await page('list.txt', 'headlines-only.txt');
    const full = await page('full.txt', 'utf8.txt');
    const traditional = await page('tw.txt', 'traditional.txt');
    await importPaths(catalog, [list, full, traditional]);
    expect(catalog.getStored(MAIN_ID)!.bodyRef).toBe(catalog.getSource(full)!.sha256);

    await writeFile(full, '-\n宁波中秋消费市场活力涌动 销售额突破4000万元\n2022-09-13 08:22:57\n');
    await importPaths(catalog, [full]);
    // The Traditional page still has the body: the article stays full, its body now from there.
    const main = await catalog.getArticle(MAIN_ID);
    expect(main).toMatchObject({ kind: 'full', sources: [list, traditional], byline: '本報記者 鄭昭' });
    expect(catalog.getStored(MAIN_ID)!.bodyRef).toBe(catalog.getSource(traditional)!.sha256);
    expect(main!.blocks).toHaveLength(27);
    expect(catalog.getMeta(DONGGUAN_ID)).toMatchObject({ kind: 'brief', sources: [list, traditional] });

    await rm(traditional);
    await removeSource(catalog, traditional);
    expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'headline', sources: [list] });
    expect(catalog.getMeta(DONGGUAN_ID)).toMatchObject({ kind: 'headline', sources: [list] });
  });

  it('rejects files over the size limit and paths that cannot be read, and goes on', async () => {
    const big = await page('big.txt', 'utf8.txt');
    const small = await page('small.txt', 'single-headline.txt');
    const missing = join(dir, 'missing.txt');
    const report = await importPaths(catalog, [big, missing, small], { maxBytes: 1000 });
    expect(report.files).toEqual({ imported: 1, unchanged: 0, duplicate: 0, rejected: 2 });
    expect(report.rejected).toEqual([
      { path: big, reason: { code: 'tooLarge', detail: '12.5 KiB > 1000 bytes' } },
      { path: missing, reason: { code: 'unreadable', detail: 'file not found' } },
    ]);
    expect(catalog.getSource(big)).toMatchObject({ status: 'rejected', size: 12756 });
    expect(catalog.getSource(missing)).toBeUndefined();
    expect(catalog.size).toBe(1);
  });

  it('imports other extensions by option', async () => {
    const folder = join(dir, 'mixed');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await cp(join(PAGES, 'single-headline.txt'), join(folder, 'sub', 'a.page'));
    await cp(join(PAGES, 'utf8.txt'), join(folder, 'b.txt'));
    const report = await importPaths(catalog, [folder], { extensions: ['.page'] });
    expect(report.files.imported).toBe(1);
    expect(catalog.listSources().map((s) => s.path)).toEqual([join(folder, 'sub', 'a.page')]);
  });

  it('stops when cancelled, with everything written so far consistent on disk', async () => {
    const folder = join(dir, 'many');
    await mkdir(folder);
    const seed = await readFile(SEED, 'utf8');
    for (let i = 0; i < 10; i++) {
      // Distinct content per file: an extra headline of its own.
      await writeFile(
        join(folder, `p${i}.txt`),
        `${seed}\n-\n第${i}号测试新闻标题\n2022-09-13 09:00:0${i}\n`,
      );
    }
    const controller = new AbortController();
    const report = await importPaths(catalog, [folder], { signal: controller.signal, batchSize: 3 }, (p) => {
      if (p.done === 4) controller.abort();
    });
    expect(report.cancelled).toBe(true);
    expect(report.files.imported).toBe(5);
    expect(report.articles.added).toBe(40);

    const reopened = await CatalogStore.open(data);
    expect(reopened.listSources()).toHaveLength(5);
    expect(reopened.size).toBe(40);
    const sources = new Set(reopened.listSources().map((s) => s.path));
    for (const a of reopened.listArticles()) for (const s of a.sources) expect(sources.has(s)).toBe(true);
    for (const s of reopened.listSources())
      for (const id of s.articleIds) expect(reopened.getMeta(id)).toBeDefined();
    expect((await reopened.getArticle(MAIN_ID))!.blocks).toHaveLength(27);

    // The rest comes in on the next run.
    const rest = await importPaths(reopened, [folder]);
    expect(rest.files).toEqual({ imported: 5, unchanged: 5, duplicate: 0, rejected: 0 });
  });
});

describe('removeSource and reimportSource', () => {
  it('removes a source, its articles without other sources, and promotes its duplicate', async () => {
    const a = await page('a.txt', 'utf8.txt');
    const b = await page('b.txt', 'utf8.txt');
    const list = await page('list.txt', 'single-headline.txt');
    await importPaths(catalog, [a, b, list]);
    expect(catalog.getSource(b)!.status).toBe('duplicate');

    expect(await removeSource(catalog, a)).toBe(true);
    expect(catalog.getSource(a)).toBeUndefined();
    expect(catalog.getSource(b)!.status).toBe('imported');
    expect(catalog.getMeta(MAIN_ID)).toMatchObject({ kind: 'full', sources: [b] });

    expect(await removeSource(catalog, b)).toBe(true);
    expect(catalog.size).toBe(1);
    expect(catalog.listArticles()[0]!.sources).toEqual([list]);
    expect(await removeSource(catalog, b)).toBe(false);

    const reopened = await CatalogStore.open(data);
    expect(reopened.listSources().map((s) => s.path)).toEqual([list]);
  });

  it('re-imports a source on request without changing an unchanged one', async () => {
    const a = await page('a.txt', 'utf8.txt');
    await importPaths(catalog, [a]);
    const before = catalog.listArticles();
    const report = await reimportSource(catalog, a);
    expect(report.files).toEqual({ imported: 1, unchanged: 0, duplicate: 0, rejected: 0 });
    expect(report.articles).toEqual({ added: 0, updated: 0, upgraded: 0 });
    expect(catalog.listArticles()).toEqual(before);
    expect((await catalog.getArticle(MAIN_ID))!.blocks).toHaveLength(27);
  });

  it('marks a re-imported source that is gone as rejected and drops what it gave', async () => {
    const a = await page('a.txt', 'utf8.txt');
    await importPaths(catalog, [a]);
    await rm(a);
    const report = await reimportSource(catalog, a);
    expect(report.rejected).toEqual([{ path: a, reason: { code: 'unreadable', detail: 'file not found' } }]);
    expect(catalog.getSource(a)).toMatchObject({ status: 'rejected', articleIds: [] });
    expect(catalog.size).toBe(0);
  });

  it('imports a folder without leaving it: a link to a page outside is skipped and reported', async () => {
    const folder = join(dir, 'archive');
    const outside = join(dir, 'elsewhere');
    await mkdir(folder);
    await mkdir(outside);
    await cp(SEED, join(outside, 'seed.txt'));
    await symlink(join(outside, 'seed.txt'), join(folder, 'linked.txt'));
    await symlink('/etc', join(folder, 'etc'));
    const report = await importPaths(catalog, [folder]);
    expect(report.files).toEqual({ imported: 0, unchanged: 0, duplicate: 0, rejected: 0 });
    expect(report.skipped).toEqual([
      { path: join(folder, 'etc'), reason: 'symlink outside the folder' },
      { path: join(folder, 'linked.txt'), reason: 'symlink outside the folder' },
    ]);
    expect(catalog.size).toBe(0);
  });
});
