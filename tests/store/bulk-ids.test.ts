/**
 * A first bulk import into an empty catalog leaves the id index to its end (bulk-import.ts) and finds
 * its own rows by id in memory meanwhile (id-rows.ts). These tests hold it to the catalog a plain
 * import writes, on pages whose headlines recur across commits; to other processes, which neither
 * stall on a lookup by id nor write meanwhile; and to older catalogs, whose id index is a constraint.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { articleId } from '../../src-main/archive/ingest/article-id.js';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import { tempDir } from '../helpers/tmp.js';
import { bulkChildUnderway } from '../helpers/committed.js';

const TOPICS = ['城市基层党建', '乡村振兴', '海上丝绸之路', '港口建设', '高铁通车'];
const time = (p: number): string =>
  `2023-03-${String(1 + (p % 28)).padStart(2, '0')} 09:${String(p % 60).padStart(2, '0')}:00`;
/** Headlines every page lists, with the same time: one article each, named by every page. */
const SHARED = TOPICS.map((t, k) => ({ title: `${t}经验交流会召开`, at: `2023-02-0${k + 1} 08:00:00` }));

/** Seed-format pages: a body, the shared headlines, and headlines of the page's own. */
async function pages(count: number): Promise<string> {
  const dir = join(await tempDir(), 'pages');
  await mkdir(dir);
  for (let p = 0; p < count; p++) {
    const own = `${TOPICS[p % TOPICS.length]}第${p}期工作简报`;
    const body = `${own}，社区党组织持续完善工作机制，推动服务下沉，群众的获得感不断增强。`;
    const entries = [`${own}\n${time(p)}`];
    for (const s of SHARED.slice(0, 2 + (p % 4))) entries.push(`${s.title}\n${s.at}`);
    for (let h = 0; h < 6; h++)
      entries.push(`${TOPICS[(p + h) % TOPICS.length]}第${p}-${h}条动态\n${time(p + h)}`);
    await writeFile(join(dir, `${String(p).padStart(3, '0')}.txt`), [body, ...entries].join('\n-\n'));
  }
  return dir;
}

/** The id of the shared headline `k` (its time as the parser writes it). */
function sharedId(catalog: CatalogStore, k = 0): string {
  return catalog.listArticles().find((a) => a.title === SHARED[k]!.title)!.id;
}

/** Every article as the catalog holds it: id, kind, title, time and its sources in order. */
function snapshot(catalog: CatalogStore): string[] {
  return catalog
    .listArticles()
    .map((a) => {
      const s = catalog.getStored(a.id)!;
      return `${s.id}|${s.kind}|${s.title}|${s.publishedAt ?? ''}|${s.sources.map((p) => p.split('/').pop()).join(',')}`;
    })
    .sort();
}

function indexes(data: string): string[] {
  const db = new Database(join(data, 'catalog.db'), { readonly: true });
  try {
    return (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles'")
        .pluck()
        .all() as string[]
    ).sort();
  } finally {
    db.close();
  }
}

describe('a first bulk import without the id index', () => {
  it('writes the catalog a plain import writes, finding its own rows by id across commits', async () => {
    const folder = await pages(60);
    const plain = await CatalogStore.open(await tempDir());
    await importPaths(plain, [folder], { bulkFiles: Infinity });
    const want = snapshot(plain);
    const shared = sharedId(plain);
    plain.close();

    const data = await tempDir();
    const bulk = await CatalogStore.open(data);
    expect(indexes(data)).toContain('articles_id');
    await bulk.writeSession(async () => {
      bulk.beginBulk();
      await importPaths(bulk, [folder], { bulkFiles: Infinity, batchSize: 4 });
      // Committed batch by batch, the index not there: the shared headline is still one article,
      // found by id, named by every page so far.
      expect(indexes(data)).not.toContain('articles_id');
      expect(bulk.getStored(shared)!.sources).toHaveLength(60);
      expect(bulk.has(shared)).toBe(true);
      expect(bulk.has(articleId('没有这篇文章'))).toBe(false);
      await bulk.endBulk();
    });
    expect(indexes(data)).toContain('articles_id');
    expect(snapshot(bulk)).toEqual(want);
    // A later import of the same files changes nothing, through the index now.
    await importPaths(bulk, [folder]);
    expect(snapshot(bulk)).toEqual(want);
    bulk.close();
  });

  it('lets another process read without stalling and write only after it, and is finished when killed', async () => {
    const folder = await pages(200);
    const data = await tempDir();
    (await CatalogStore.open(data)).close();
    const { child, exited, seen } = await bulkChildUnderway(data, folder, 20, 150);
    expect(seen).toBeGreaterThanOrEqual(20);
    // Held where it is (alive, mid-import) while this process looks.
    child.kill('SIGSTOP');
    expect(indexes(data)).not.toContain('articles_id');
    const other = await CatalogStore.open(data);
    // Written already, but only its importer can find it by id until the index is built.
    const shared = sharedId(other);
    expect(other.getStored(shared)).toBeUndefined();
    expect(other.has(shared)).toBe(false);
    expect(other.idLookupsWait).toBe(true);
    // Through the contract, as the app asks: busy, with why, not "no such article".
    const core = await ArchiveCore.open(data, { indexInBackground: true });
    const got = await dispatch(createHandlers(core, 'test'), 'archive:get', { id: shared });
    expect(got).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    await core.close();
    // A write waits for the import: it goes on once the importer is gone (and finishes its import).
    let wrote = false;
    const write = other.writeSession(async () => {
      wrote = true;
      return Promise.resolve();
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(wrote).toBe(false);
    child.kill('SIGKILL');
    await exited;
    await write;
    expect(wrote).toBe(true);
    expect(indexes(data)).toContain('articles_id');
    expect(other.idLookupsWait).toBe(false);
    expect(other.getStored(shared)!.sources.length).toBeGreaterThanOrEqual(20);
    other.close();
    // The rest imported later: one article per id, named by every page.
    const reopened = await CatalogStore.open(data);
    await importPaths(reopened, [folder]);
    expect(reopened.getStored(shared)!.sources).toHaveLength(200);
    const ids = reopened.listArticles().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    reopened.close();
  }, 120_000);

  it('makes an empty catalog of the older layout again, and leaves a full one its constraint', async () => {
    const older = `CREATE TABLE articles (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL,
      title TEXT NOT NULL, published TEXT, day TEXT, fold TEXT NOT NULL, body_ref TEXT,
      row_newest INTEGER NOT NULL DEFAULT 1, row_oldest INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL,
      meta TEXT NOT NULL)`;
    const folder = await pages(12);
    const made = async (): Promise<string> => {
      const data = await tempDir();
      const db = new Database(join(data, 'catalog.db'));
      db.exec(older);
      db.pragma('user_version = 2');
      db.close();
      return data;
    };
    const empty = await made();
    const first = await CatalogStore.open(empty);
    expect(indexes(empty)).toContain('sqlite_autoindex_articles_1');
    expect(indexes(empty)).not.toContain('articles_id');
    await importPaths(first, [folder], { bulkFiles: 1 });
    expect(indexes(empty)).not.toContain('sqlite_autoindex_articles_1');
    expect(indexes(empty)).toContain('articles_id');
    expect(first.getStored(sharedId(first))!.sources).toHaveLength(12);
    first.close();

    const full = await made();
    const catalog = await CatalogStore.open(full);
    await importPaths(catalog, [join(folder, '000.txt')], { bulkFiles: Infinity });
    await importPaths(catalog, [folder], { bulkFiles: 1 });
    expect(indexes(full)).toContain('sqlite_autoindex_articles_1');
    expect(indexes(full)).not.toContain('articles_id');
    expect(catalog.getStored(sharedId(catalog))!.sources).toHaveLength(12);
    catalog.close();
  });

  it('still opens when the rows it left name an id twice: the later rows go', async () => {
    const folder = await pages(8);
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    await catalog.writeSession(async () => {
      catalog.beginBulk();
      await importPaths(catalog, [folder], { bulkFiles: Infinity });
      // A fault's row: an id written twice.
      catalog.db
        .prepare(
          `INSERT INTO articles (id, kind, title, published, day, fold, body_ref, seq, meta)
           SELECT id, kind, title, published, day, fold, body_ref, seq, meta FROM articles WHERE rid = 1`,
        )
        .run();
    });
    catalog.close();
    const reopened = await CatalogStore.open(data);
    expect(indexes(data)).toContain('articles_id');
    const ids = reopened.listArticles().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    reopened.close();
  });
});
