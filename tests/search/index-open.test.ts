/**
 * Opening the index reads its per-doc arrays and nothing else (no doc strings, no postings: those are
 * read by the queries that need them), and the arrays stay a few bytes a doc. An index that is not
 * this one — another version, another catalog, a catalog that went back, the older file format, a
 * damaged file — is built again.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_VERSION, SearchIndex } from '../../src-main/archive/search/search-index.js';
import {
  ARRAYS_FILE,
  PINYIN_FILE,
  writeArraysFile,
  type ArraysKey,
} from '../../src-main/archive/search/arrays-file.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { IndexProgress } from '../../src-main/archive/model.js';
import { CP_SPAN } from '../../src-main/archive/search/search-text.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { INDEX_QUERIES, resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

const N = 500;
const DANGJIAN = '党'.codePointAt(0)! * CP_SPAN + '建'.codePointAt(0)!;

async function built(feed = MemoryFeed.of(N)): Promise<{ dir: string; service: SearchService }> {
  const dir = await tempDir();
  return { dir, service: await SearchService.open(feed, dir) };
}

/** Open a service on `dir`, recording the progress of any build it does. */
async function reopen(
  feed: MemoryFeed,
  dir: string,
): Promise<{ service: SearchService; seen: IndexProgress[] }> {
  const seen: IndexProgress[] = [];
  const service = await SearchService.open(feed, dir, { onProgress: (p) => seen.push(p) });
  return { service, seen };
}

describe('opening the search index', () => {
  it('reads the per-doc arrays only: with every doc row and posting gone, it still knows every doc', async () => {
    const { dir, service } = await built();
    const { index } = service;
    expect(index.gram(DANGJIAN).length).toBeGreaterThan(0);
    const kinds = [...index.kindRanks()];
    const order = [...index.newestFirst()];
    const groups = kinds.map((_, d) => index.group(d));
    const times = kinds.map((_, d) => index.time(d));
    await service.close();

    const db = new Database(join(dir, 'search', 'index.db'));
    const size = (names: string): number =>
      (
        db.prepare(`SELECT sum(length(data)) AS n FROM arrays WHERE name IN (${names})`).get() as {
          n: number;
        }
      ).n;
    // A few bytes a doc: kind 1, alive 1, time rank 4 (read at open), seconds 4 and fold 4 (read when
    // first needed)...
    expect(size("'secs', 'rank', 'alive', 'group', 'trank'")).toBeGreaterThanOrEqual(14 * N);
    expect(size("'secs', 'rank', 'alive', 'group', 'trank', 'time', 'order'")).toBeLessThanOrEqual(14 * N);
    // ...and the titles' pinyin, a byte or two a syllable and an offset (read at the first pinyin query).
    expect(size("'py', 'pyoff'")).toBeLessThanOrEqual(4 * (N + 1) + 2 * 40 * N);
    db.exec('DELETE FROM docs; DELETE FROM grams; DELETE FROM words; DELETE FROM nbrs');
    db.close();

    const opened = await SearchIndex.open(join(dir, 'search'));
    expect(opened.size).toBe(N);
    expect([...opened.kindRanks()]).toEqual(kinds);
    expect([...opened.newestFirst()]).toEqual(order);
    expect(kinds.map((_, d) => opened.group(d))).toEqual(groups);
    expect(kinds.map((_, d) => opened.time(d))).toEqual(times);
    // Postings and strings are read by the query that needs them: here there are none left.
    expect(opened.gram(DANGJIAN)).toEqual([]);
    expect(opened.doc(0)).toBeUndefined();
    opened.close();
  });

  it('answers a query by relevance without reading the times or fold ids, and reads them when asked', async () => {
    const feed = MemoryFeed.of(N);
    const { dir, service } = await built(feed);
    const expected = await resultsOf(service);
    const times = [...service.index.kindRanks()].map((_, d) => service.index.time(d));
    const nohit = await service.search({ q: '城市量子党建', limit: 30 });
    await service.close();

    // Without their blobs, opening and a first query by relevance (folded) still work...
    const file = join(dir, 'search', 'index.db');
    const db = new Database(file);
    const saved = db.prepare("SELECT name, data FROM arrays WHERE name IN ('secs', 'group')").all() as {
      name: string;
      data: Buffer;
    }[];
    expect(saved.map((r) => r.name).sort()).toEqual(['group', 'secs']);
    db.exec("DELETE FROM arrays WHERE name IN ('secs', 'group')");
    db.close();
    const bare = await SearchService.open(feed, dir);
    // Queries by relevance, by pinyin, newest first, and the newest articles without a query.
    for (const i of [0, 5, 13, 12]) {
      const query = INDEX_QUERIES[i]!;
      const got = await bare.search({ limit: 30, ...query });
      const want = expected[i] as { total: number; hits: [string][] };
      expect(want.total).toBeGreaterThan(0);
      expect(got.total).toBe(want.total);
      expect(got.hits.map((h) => h.article.id)).toEqual(want.hits.map((h) => h[0]));
    }
    // A query without hits: its suggestions (titles near it, newer first) read no time either.
    expect(nohit.total).toBe(0);
    expect(nohit.suggestions?.length).toBeGreaterThan(1);
    expect((await bare.search({ q: '城市量子党建', limit: 30 })).suggestions).toEqual(nohit.suggestions);
    // ...and asking for a time is what reads them.
    expect(() => bare.index.time(0)).toThrow(/arrays missing/);
    await bare.close();

    const back = new Database(file);
    const put = back.prepare('INSERT INTO arrays (name, data) VALUES (?, ?)');
    for (const r of saved) put.run(r.name, r.data);
    back.close();
    const whole = await SearchService.open(feed, dir);
    expect(await resultsOf(whole)).toEqual(expected);
    expect([...whole.index.kindRanks()].map((_, d) => whole.index.time(d))).toEqual(times);
    await whole.close();
  });

  // The arrays opening reads, and the titles' pinyin (read at the first pinyin query).
  it.each([
    [ARRAYS_FILE, ['rank', 'alive', 'trank', 'folds']],
    [PINYIN_FILE, ['py', 'pyoff']],
  ])('reads %s, and index.db when that copy is missing, stale or cut short', async (name, blobs) => {
    const feed = MemoryFeed.of(N);
    const { dir, service } = await built(feed);
    const copy = join(dir, 'search', name);
    const names = blobs.map((b) => `'${b}'`).join(', ');
    const file = join(dir, 'search', 'index.db');
    const first = await readFile(copy);
    // More articles and a snapshot: the copy is written again, and the first one is now stale.
    for (let i = N + 1; i <= N + 100; i++) feed.put(syntheticArticle(i));
    await service.refresh();
    service.index.snapshotIfDue(true);
    const expected = await resultsOf(service);
    await service.close();
    expect(Buffer.compare(await readFile(copy), first)).not.toBe(0);

    // With its blobs gone from index.db, the copy alone answers...
    const db = new Database(file);
    const saved = db.prepare(`SELECT name, data FROM arrays WHERE name IN (${names})`).all() as {
      name: string;
      data: Buffer;
    }[];
    expect(saved).toHaveLength(blobs.length);
    db.exec(`DELETE FROM arrays WHERE name IN (${names})`);
    db.close();
    const fromCopy = await SearchService.open(feed, dir);
    expect(await resultsOf(fromCopy)).toEqual(expected);
    await fromCopy.close();
    const back = new Database(file);
    const put = back.prepare('INSERT INTO arrays (name, data) VALUES (?, ?)');
    for (const r of saved) put.run(r.name, r.data);
    back.close();
    const current = await readFile(copy);

    // ...and a stale, cut or missing copy is passed over for index.db, then written again.
    const damage: [string, () => Promise<void>][] = [
      ['stale', () => writeFile(copy, first)],
      ['cut short', () => writeFile(copy, current.subarray(0, current.length - 100))],
      ['missing', () => rm(copy)],
      ['not a copy', () => writeFile(copy, 'YLA1 and then nothing of the kind')],
    ];
    for (const [what, spoil] of damage) {
      await spoil();
      const again = await SearchService.open(feed, dir);
      expect(await resultsOf(again), what).toEqual(expected);
      await again.close();
      expect(Buffer.compare(await readFile(copy), current), what).toBe(0);
    }

    // A copy of a later snapshot (another process's, committed after this one read the state) is
    // passed over and left in place.
    const state = JSON.parse(current.toString('utf8', 8, 8 + current.readUInt32LE(4))) as ArraysKey;
    writeArraysFile(copy, { ...state, snap: state.snap + 1 }, { rank: Buffer.alloc(8) });
    const later = await readFile(copy);
    const beside = await SearchService.open(feed, dir);
    expect(await resultsOf(beside)).toEqual(expected);
    await beside.close();
    expect(Buffer.compare(await readFile(copy), later)).toBe(0);
  });

  it('reads the times of a later snapshot when another process rewrote the arrays meanwhile', async () => {
    const feed = MemoryFeed.of(N);
    const { dir, service } = await built(feed);
    const reader = await SearchIndex.open(join(dir, 'search'));
    expect(reader.size).toBe(N);
    // The writer indexes more articles and rewrites the arrays before the reader read any time.
    for (let i = N + 1; i <= N + 200; i++) feed.put(syntheticArticle(i));
    await service.refresh();
    service.index.snapshotIfDue(true);
    const want = [...Array(N).keys()].map((d) => service.index.time(d));
    expect(want.filter((t) => t !== null).length).toBeGreaterThan(N / 2);
    expect([...Array(N).keys()].map((d) => reader.time(d))).toEqual(want);
    expect([...Array(N).keys()].map((d) => reader.group(d))).toEqual(
      [...Array(N).keys()].map((d) => service.index.group(d)),
    );
    reader.close();
    await service.close();
  });

  it('opens a current index without building anything', async () => {
    const feed = MemoryFeed.of(N);
    const { dir, service } = await built(feed);
    await service.close();
    const { service: again, seen } = await reopen(feed, dir);
    expect(seen).toEqual([]);
    expect(again.size).toBe(N);
    // Written in 16 KB pages (a common key's lists are read a page at a time).
    const db = new Database(join(dir, 'search', 'index.db'), { readonly: true });
    expect(db.pragma('page_size', { simple: true })).toBe(16384);
    db.close();
  });

  it('builds again an index of another version', async () => {
    const feed = MemoryFeed.of(N);
    const { dir, service } = await built(feed);
    const expected = await resultsOf(service);
    await service.close();
    const db = new Database(join(dir, 'search', 'index.db'));
    db.prepare("UPDATE meta SET v = ? WHERE k = 'version'").run(INDEX_VERSION + 1);
    db.close();
    const { service: again, seen } = await reopen(feed, dir);
    expect(seen[0]).toEqual({ done: 0, total: N });
    expect(await resultsOf(again)).toEqual(expected);
  });

  it('builds again a file of this version written while its layout was changing (a column short)', async () => {
    const feed = MemoryFeed.of(N);
    const { dir, service } = await built(feed);
    const expected = await resultsOf(service);
    await service.close();
    const db = new Database(join(dir, 'search', 'index.db'));
    db.exec('ALTER TABLE docs DROP COLUMN py');
    db.close();
    const { service: again, seen } = await reopen(feed, dir);
    expect(seen[0]).toEqual({ done: 0, total: N });
    expect(await resultsOf(again)).toEqual(expected);
  });

  it('builds again for another catalog, or one that went back', async () => {
    const { dir, service } = await built();
    await service.close();
    const other = await reopen(MemoryFeed.of(300, 'another-catalog'), dir);
    expect(other.seen[0]).toEqual({ done: 0, total: 300 });
    expect(other.service.size).toBe(300);
    await other.service.close();
    // The same catalog id with fewer changes than the index has read: a batch it read was undone.
    const back = await reopen(MemoryFeed.of(200, 'another-catalog'), dir);
    expect(back.seen[0]).toEqual({ done: 0, total: 200 });
    expect(back.service.size).toBe(200);
  });

  it('deletes the older format and replaces a damaged file', async () => {
    const feed = MemoryFeed.of(N);
    const dir = await tempDir();
    const search = join(dir, 'search');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(search, { recursive: true });
    await writeFile(join(search, 'docs.json'), '{"version":6,"docs":[]}');
    await writeFile(join(search, 'postings.bin'), Buffer.alloc(64));
    const first = await reopen(feed, dir);
    expect(existsSync(join(search, 'docs.json'))).toBe(false);
    expect(existsSync(join(search, 'postings.bin'))).toBe(false);
    expect(first.service.size).toBe(N);
    const expected = await resultsOf(first.service);
    await first.service.close();
    await writeFile(join(search, 'index.db'), Buffer.alloc(8192, 7));
    const damaged = await reopen(feed, dir);
    expect(damaged.seen[0]).toEqual({ done: 0, total: N });
    expect(await resultsOf(damaged.service)).toEqual(expected);
  });
});
