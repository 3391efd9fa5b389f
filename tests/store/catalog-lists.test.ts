/**
 * The lists answered by SQL (catalog/catalog-lists.ts) against the same lists worked out in memory
 * from every article (search/headline-folds.ts's foldList, the rule they implement), on generated
 * pages whose headline lists repeat titles across pages: every page of All articles, newest and
 * oldest first, folded and readable only, and the timeline's days. A bulk import (list indexes built
 * once at its end) gives the same lists, and a catalog left without them by a killed bulk import
 * gets them back when opened.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { archiveDay } from '../../src-shared/archive-day.js';
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { anchoredSql, dayCounts, listPage, listSql } from '../../src-main/archive/catalog/catalog-lists.js';
import { listSourcePage } from '../../src-main/archive/catalog/source-lists.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';
import { foldList, listedRow } from '../../src-main/archive/search/headline-folds.js';
import type { ArticleMeta } from '../../src-main/archive/model.js';
import { tempDir } from '../helpers/tmp.js';
import { bulkChildUnderway, committedSources } from '../helpers/committed.js';

const TOPICS = ['城市基层党建', '乡村振兴', '海上丝绸之路', '港口建设', '高铁通车', '茶叶出口', '山区教育'];

/** A time on `day` of September 2022 (China Standard Time, as the pages write it). */
const at = (day: number, h: number, m: number): string =>
  `2022-09-${String(day).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;

/**
 * Seed-format pages: a body, then a headline list whose titles repeat across pages at other times
 * (folds), some without a time, next to each page's own titles.
 */
async function pages(count: number, from = 0): Promise<string> {
  const dir = join(await tempDir(), 'pages');
  await mkdir(dir);
  for (let p = from; p < from + count; p++) {
    const own = `${TOPICS[p % TOPICS.length]}第${p}期综述 打造近邻“主心骨”`;
    const body = [
      `${own.slice(0, 8)}，城市是改革开放和现代化建设的主战场，基层党建工作不断加强。`,
      '会议指出，要坚持问题导向，持续完善工作机制，不断增强人民群众的获得感。',
    ].join('\n');
    const entries = [`${own}\n${at(1 + (p % 20), 8, p % 60)}`];
    for (let h = 1; h < 12; h++) {
      const topic = TOPICS[(p * 3 + h) % TOPICS.length]!;
      // Every third headline repeats across pages (a fold); the rest are the page's own.
      const title = h % 3 === 0 ? `${topic}取得新进展` : `${topic}第${p}-${h}条消息`;
      entries.push(h === 5 ? title : `${title}\n${at(1 + ((p + h) % 20), 10 + (h % 10), (p + h) % 60)}`);
    }
    await writeFile(join(dir, `${p}.txt`), [body, ...entries].join('\n-\n'));
  }
  return dir;
}

/**
 * The lists as the in-memory rule gives them, from every article (in rid order): by time, then
 * title, then rid; newest first is that order backwards, ties included.
 */
function expected(all: ArticleMeta[], sort: 'newest' | 'oldest', readable: boolean) {
  const sign = sort === 'newest' ? -1 : 1;
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const ordered = (sort === 'newest' ? [...all].reverse() : [...all]).sort(
    (a, b) => sign * (cmp(a.publishedAt ?? '', b.publishedAt ?? '') || cmp(a.title, b.title)),
  );
  const list = foldList(ordered, readable);
  return { list, rows: list.rows.map((a) => listedRow(list, a)) };
}

async function checkLists(catalog: CatalogStore): Promise<void> {
  const all = catalog.listArticles();
  expect(all.length).toBeGreaterThan(200);
  for (const sort of ['newest', 'oldest'] as const)
    for (const readable of [false, true]) {
      const want = expected(all, sort, readable);
      const got: unknown[] = [];
      for (let offset = 0; ; offset += 50) {
        const page = listPage(catalog, { offset, limit: 50, sort, readable });
        expect(page.total).toBe(want.rows.length);
        expect(page.counts).toEqual(want.list.counts);
        if (!page.articles.length) break;
        got.push(...page.articles);
      }
      const key = (a: { id: string; listings?: unknown[]; readableId?: string }) =>
        `${a.id}|${a.listings?.length ?? 0}|${a.readableId ?? ''}`;
      expect((got as ArticleMeta[]).map(key), `${sort} ${readable}`).toEqual(want.rows.map(key));
    }
  // Each source's article count, kept by the links' triggers, is its article ids' count.
  const listed = listSourcePage(catalog, {}, 0, 1000);
  expect(listed.length).toBe(catalog.sourceCount);
  for (const s of listed) expect(s.articles, s.path).toBe(catalog.getSource(s.path)!.articleIds.length);
  const days = new Map<string, number>();
  for (const a of expected(all, 'newest', false).list.rows) {
    const day = archiveDay(a.publishedAt);
    if (day) days.set(day, (days.get(day) ?? 0) + 1);
  }
  expect(dayCounts(catalog, false)).toEqual(
    [...days].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([day, count]) => ({ day, count })),
  );
  const readableDays = new Map<string, number>();
  for (const a of all) {
    const day = archiveDay(a.publishedAt);
    if (day && a.kind !== 'headline') readableDays.set(day, (readableDays.get(day) ?? 0) + 1);
  }
  expect(dayCounts(catalog, true)).toEqual(
    [...readableDays].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([day, count]) => ({ day, count })),
  );
}

function listIndexes(data: string): string[] {
  const db = new Database(join(data, 'catalog.db'), { readonly: true });
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'articles_%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  db.close();
  return names.sort();
}

describe('the lists in SQL', () => {
  it('page, fold and count as the in-memory rule does, in both orders, folded and readable only', async () => {
    const folder = await pages(40);
    const catalog = await CatalogStore.open(await tempDir());
    await importPaths(catalog, [folder], { bulkFiles: Infinity });
    await checkLists(catalog);
    // Removing a page moves fold rows: still the same as the rule.
    const { removeSource } = await import('../../src-main/archive/ingest/import-files.js');
    await removeSource(catalog, join(folder, '7.txt'));
    await checkLists(catalog);
  });

  it('gives the same lists after a bulk import, and a catalog left without its list indexes gets them back', async () => {
    const folder = await pages(40);
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    const full = listIndexes(data);
    await importPaths(catalog, [folder], { bulkFiles: 10 });
    expect(listIndexes(data)).toEqual(full);
    await checkLists(catalog);
    // A bulk import killed before its end: committed batches, no list indexes.
    const second = await pages(12, 100);
    await catalog.writeSession(async () => {
      catalog.beginBulk();
      await importPaths(catalog, [second], { bulkFiles: Infinity });
    });
    catalog.close();
    expect(listIndexes(data).length).toBeLessThan(full.length);
    const reopened = await CatalogStore.open(data);
    expect(listIndexes(data)).toEqual(full);
    await checkLists(reopened);
    reopened.close();
  });

  it('lets another process open and read during a bulk import, and finishes one killed part-way', async () => {
    const folder = await pages(240);
    const data = await tempDir();
    // Made with every index and trigger, so a later open has nothing to build but what the bulk drops.
    (await CatalogStore.open(data)).close();
    const full = listIndexes(data);
    const { child, exited, seen } = await bulkChildUnderway(data, folder, 20, 200);
    expect(seen).toBeGreaterThanOrEqual(20);
    // Meanwhile: another process opens the catalog (building nothing), and its lists answer.
    const reader = await CatalogStore.open(data);
    expect(listIndexes(data)).not.toContain('articles_fold');
    expect(listPage(reader, { offset: 0, limit: 20, sort: 'newest', readable: false }).articles.length).toBe(
      20,
    );
    reader.close();
    child.kill('SIGKILL');
    await exited;
    expect(committedSources(data)).toBeLessThan(240);
    // The next open finds the importer gone and finishes what it left: indexes, rows, counts.
    const reopened = await CatalogStore.open(data);
    expect(listIndexes(data)).toEqual(full);
    await checkLists(reopened);
    await importPaths(reopened, [folder]);
    await checkLists(reopened);
    reopened.close();
  }, 120_000);

  it('reads every page of every list from an index, never sorting the rows', async () => {
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    await importPaths(catalog, [await pages(30)]);
    for (const sort of ['newest', 'oldest'] as const)
      for (const readable of [false, true])
        for (const backwards of [false, true]) {
          const plan = (
            catalog.db.prepare(`EXPLAIN QUERY PLAN ${listSql(sort, readable, backwards)}`).all(50, 0) as {
              detail: string;
            }[]
          )
            .map((r) => r.detail)
            .join('; ');
          const query = `${sort} ${readable} ${backwards}: ${plan}`;
          expect(plan, query).toMatch(/^SCAN articles USING INDEX articles_\w+$/);
          // From a row of an earlier page: a search of the same index from that row's key.
          const from = (
            catalog.db
              .prepare(`EXPLAIN QUERY PLAN ${anchoredSql(sort, readable, backwards)}`)
              .all('2022-09-10', 'x', 1, 50, 0) as { detail: string }[]
          )
            .map((r) => r.detail)
            .join('; ');
          expect(from, `${query} / ${from}`).toMatch(
            /^SEARCH articles USING INDEX articles_\w+ \(\(published,title\)[<>]\(\?,\?\)\)$/,
          );
        }
    catalog.close();
  });

  it('reads a page from a row an earlier page left: the rows OFFSET gives, however the pages are walked', async () => {
    const folder = await pages(60);
    const catalog = await CatalogStore.open(await tempDir());
    await importPaths(catalog, [folder]);
    const sql: string[] = [];
    const prepare = catalog.db.prepare.bind(catalog.db);
    vi.spyOn(catalog.db, 'prepare').mockImplementation(((source: string) => {
      sql.push(source);
      return prepare(source);
    }) as typeof catalog.db.prepare);
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) | 0;
    const walk = (sort: 'newest' | 'oldest', readable: boolean): void => {
      // The list as OFFSET reads it from its start, in one go.
      const truth = (catalog.db.prepare(listSql(sort, readable, false)).all(1e9, 0) as { id: string }[]).map(
        (r) => r.id,
      );
      expect(truth.some((id) => !catalog.getStored(id)!.publishedAt)).toBe(true);
      let offset = 0;
      for (let step = 0; step < 160; step++) {
        const limit = 1 + random(60);
        const move = random(6);
        if (move === 0) offset = random(truth.length + 20);
        else if (move <= 3) offset += limit;
        else offset = Math.max(0, offset - limit);
        const page = listPage(catalog, { offset, limit, sort, readable });
        const where = `${sort} ${readable} step ${step}: ${offset} + ${limit} of ${truth.length}`;
        expect(page.total, where).toBe(truth.length);
        expect(
          page.articles.map((a) => a.id),
          where,
        ).toEqual(truth.slice(offset, offset + limit));
      }
    };
    for (const sort of ['newest', 'oldest'] as const)
      for (const readable of [false, true]) walk(sort, readable);
    // Pages were read from rows of earlier pages, forwards and backwards.
    expect(sql.filter((s) => s.includes('(published, title, rid) >=')).length).toBeGreaterThan(50);
    expect(sql.filter((s) => s.includes('(published, title, rid) <=')).length).toBeGreaterThan(50);
    // A change moves rows: what earlier pages left is forgotten, and the pages are the new list's.
    const { removeSource } = await import('../../src-main/archive/ingest/import-files.js');
    for (const n of [3, 17, 30]) {
      await removeSource(catalog, join(folder, `${n}.txt`));
      walk('newest', false);
      walk('oldest', true);
    }
    catalog.close();
  });

  it('answers after a commit with the committed list, though it was read while the batch was open', async () => {
    const folder = await pages(6);
    const catalog = await CatalogStore.open(await tempDir());
    await importPaths(catalog, [folder]);
    const before = listPage(catalog, { offset: 0, limit: 5, sort: 'newest', readable: false });
    // A title the lists already fold, met again later than anything else.
    const title = `${TOPICS[0]}取得新进展`;
    expect(catalog.listArticles().filter((a) => a.title === title).length).toBeGreaterThan(1);
    const id = 'aaaaaaaaaaaaaaaa';
    await catalog.writeSession(async () => {
      catalog.putArticle({
        id,
        title,
        kind: 'headline',
        publishedAt: '2022-09-30T08:00:00+08:00',
        sources: [join(folder, '0.txt')],
      });
      // Read in the open batch: the new entry is a row of its own until its fold is worked out again,
      // which the commit does.
      expect(listPage(catalog, { offset: 0, limit: 5, sort: 'newest', readable: false }).total).toBe(
        before.total + 1,
      );
    });
    const after = listPage(catalog, { offset: 0, limit: 5, sort: 'newest', readable: false });
    expect(after.total).toBe(before.total);
    expect(after.articles[0]!.id).toBe(id);
    catalog.close();
  });

  it('gives an older catalog its single folded-lists index off the main thread, listing meanwhile', async () => {
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    await importPaths(catalog, [await pages(40)]);
    catalog.close();
    // The earlier layout: an index per order, the newest-first ties by title and rid ascending.
    const db = new Database(join(data, 'catalog.db'));
    db.exec(`DROP INDEX articles_rows;
      CREATE INDEX articles_newest ON articles(published DESC, title) WHERE row_newest = 1;
      CREATE INDEX articles_oldest ON articles(published, title) WHERE row_oldest = 1;
      CREATE INDEX articles_readable_newest ON articles(published DESC, title) WHERE kind > 0`);
    // A fold whose two latest entries share a time: its newest-first row was the first of them.
    const fold = db
      .prepare(
        `SELECT fold FROM articles WHERE kind = 0 AND published IS NOT NULL GROUP BY fold
        HAVING count(*) >= 3 LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const [a, b] = db
      .prepare(
        'SELECT rid FROM articles WHERE fold = ? AND kind = 0 AND published IS NOT NULL ORDER BY rid LIMIT 2',
      )
      .pluck()
      .all(fold) as number[];
    db.prepare(
      "UPDATE articles SET published = '2022-09-30T23:00:00+08:00', day = '2022-09-30' WHERE rid IN (?, ?)",
    ).run(a, b);
    db.prepare('UPDATE articles SET row_newest = (rid = ?) WHERE fold = ? AND kind = 0').run(a, fold);
    db.close();
    const reopened = await CatalogStore.open(data);
    expect(reopened.listsUpgrade).toBeDefined();
    let upgraded = false;
    void reopened.listsUpgrade!.then(() => (upgraded = true));
    // The old indexes answer meanwhile.
    expect(
      listPage(reopened, { offset: 0, limit: 20, sort: 'newest', readable: false }).articles.length,
    ).toBe(20);
    // An import begun now writes after the upgrade, rather than racing it for the write lock.
    await importPaths(reopened, [await pages(3, 500)]);
    expect(upgraded).toBe(true);
    expect(await reopened.listsUpgrade).toMatchObject({ outcome: 'built' });
    expect(listIndexes(data)).not.toContain('articles_newest');
    expect(listIndexes(data)).not.toContain('articles_readable_newest');
    expect(listIndexes(data)).toContain('articles_rows');
    const row = reopened.db
      .prepare('SELECT rid FROM articles WHERE fold = ? AND row_newest = 1')
      .pluck()
      .all(fold);
    expect(row).toEqual([b]);
    await checkLists(reopened);
    reopened.close();
    const again = await CatalogStore.open(data);
    expect(again.listsUpgrade).toBeUndefined();
    again.close();
  });

  it('drops the day indexes an older catalog has and nothing reads', async () => {
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    await importPaths(catalog, [await pages(30)]);
    catalog.close();
    const db = new Database(join(data, 'catalog.db'));
    db.exec(`CREATE INDEX articles_day ON articles(day) WHERE row_newest = 1;
      CREATE INDEX articles_day_readable ON articles(day) WHERE kind > 0`);
    db.close();
    expect(listIndexes(data)).toContain('articles_day');
    const reopened = await CatalogStore.open(data);
    expect(listIndexes(data).filter((n) => n.startsWith('articles_day'))).toEqual([]);
    await checkLists(reopened);
    reopened.close();
  });

  it('counts the days once when it opens a catalog written before they were kept (schema 1)', async () => {
    const folder = await pages(40);
    const data = await tempDir();
    const catalog = await CatalogStore.open(data);
    await importPaths(catalog, [folder], { bulkFiles: Infinity });
    catalog.close();
    const db = new Database(join(data, 'catalog.db'));
    db.exec(`DROP TRIGGER day_stats_added; DROP TRIGGER day_stats_removed; DROP TRIGGER day_stats_changed;
      DROP TABLE day_stats; PRAGMA user_version = 1`);
    db.close();
    const reopened = await CatalogStore.open(data);
    await checkLists(reopened);
    reopened.close();
  });

  it('are what the files left give after most files of a folder are removed at once, in batches', async () => {
    const folder = await pages(450);
    const catalog = await CatalogStore.open(await tempDir());
    await importPaths(catalog, [folder], { bulkFiles: Infinity });
    const { removeSources } = await import('../../src-main/archive/ingest/import-files.js');
    const files = Array.from({ length: 450 }, (_, p) => join(folder, `${p}.txt`));
    const kept = files.filter((_, p) => p % 25 === 3);
    const gone = files.filter((f) => !kept.includes(f));
    expect(await removeSources(catalog, [...gone, join(folder, 'none.txt')])).toEqual(gone);
    expect(catalog.sourceCount).toBe(kept.length);
    await checkLists(catalog);
    // The same as a catalog that only ever imported the files left.
    const only = await CatalogStore.open(await tempDir());
    await importPaths(only, kept);
    const key = (a: ArticleMeta): string => `${a.id}|${a.kind}|${a.title}|${a.publishedAt ?? ''}`;
    expect(catalog.listArticles().map(key).sort()).toEqual(only.listArticles().map(key).sort());
    catalog.close();
    only.close();
  });

  it('flags an entry a row again at the end of a bulk import that took the others of its fold away', async () => {
    const catalog = await CatalogStore.open(await tempDir());
    await importPaths(catalog, [await pages(40)], { bulkFiles: Infinity });
    // Per repeated title, its headline entries with a time in time order: all but a middle one (a row
    // in neither order) become readable articles, so that one is left alone in its fold, unflagged.
    const byTitle = new Map<string, ArticleMeta[]>();
    for (const a of catalog.listArticles())
      if (a.kind === 'headline' && a.publishedAt && a.title.endsWith('取得新进展'))
        byTitle.set(a.title, [...(byTitle.get(a.title) ?? []), a]);
    const dir = join(await tempDir(), 'upgrades');
    await mkdir(dir);
    const left: string[] = [];
    let n = 0;
    for (const members of byTitle.values()) {
      if (members.length < 3) continue;
      members.sort((a, b) => (a.publishedAt! < b.publishedAt! ? -1 : 1));
      const middle = members[members.length >> 1]!;
      left.push(middle.id);
      for (const a of members)
        if (a !== middle)
          await writeFile(
            join(dir, `${n++}.txt`),
            [
              `${a.title}，城市是改革开放和现代化建设的主战场，基层党建工作不断加强。`,
              '会议指出，要坚持问题导向，持续完善工作机制，不断增强人民群众的获得感。',
              `-\n${a.title}\n${a.publishedAt!.slice(0, 19).replace('T', ' ')}`,
            ].join('\n'),
          );
    }
    expect(left.length).toBeGreaterThan(3);
    expect(n).toBeGreaterThan(10);
    await catalog.writeSession(async () => {
      catalog.beginBulk();
      await importPaths(catalog, [dir], { bulkFiles: Infinity });
      await catalog.endBulk();
    });
    for (const id of left) expect(catalog.getStored(id)?.kind).toBe('headline');
    const upgraded = catalog.listArticles().filter((a) => a.kind !== 'headline' && byTitle.has(a.title));
    expect(upgraded.length).toBe(n);
    await checkLists(catalog);
    catalog.close();
  });
});
