/**
 * Dense posting lists: a list of docs naming a large share of its range is written as a bitset
 * (dense-lists.ts). It reads back as the same docs (below any limit, wherever its bytes lie in
 * memory); the encoder writes it only where it is smaller; and an index written with dense lists,
 * updated and merged with docs dying, answers every query as one written with varints only. A
 * version-10 index (no dense list) opens as it is and is marked the current version.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DENSE,
  denseView,
  denseDocs,
  docsBound,
  isDense,
  writeDense,
} from '../../src-main/archive/search/dense-lists.js';
import {
  ListEncoder,
  decodeList,
  encodeList,
  joinLists,
} from '../../src-main/archive/search/posting-codec.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { INDEX_VERSION } from '../../src-main/archive/search/index-records.js';
import type { IndexProgress } from '../../src-main/archive/model.js';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

const docsOf = fc
  .uniqueArray(fc.nat(5000), { minLength: 1, maxLength: 600 })
  .map((a) => a.sort((x, y) => x - y));

afterEach(() => {
  DENSE.on = true;
});

describe('dense lists', () => {
  it('read back as the docs they were written from, below any limit, aligned in memory or not', () => {
    fc.assert(
      fc.property(docsOf, fc.nat(5100), fc.nat(3), (docs, limit, shift) => {
        const dense = writeDense(docs);
        expect(isDense(dense)).toBe(true);
        expect(isDense(encodeList(docs))).toBe(false);
        expect(docsBound(dense)).toBe(docs.length);
        // The same bytes at another offset of a buffer (SQLite's blobs may lie anywhere).
        const moved = new Uint8Array(dense.length + shift).subarray(shift);
        moved.set(dense);
        for (const bytes of [dense, moved]) {
          expect([...decodeList(bytes)]).toEqual(docs);
          expect([...decodeList(bytes, limit)]).toEqual(docs.filter((d) => d < limit));
          expect([...denseDocs(bytes, limit)]).toEqual(docs.filter((d) => d < limit));
          expect(denseView(bytes).count).toBe(docs.length);
        }
      }),
    );
  });

  it('are written where they are smaller than the varints, and read alike either way', () => {
    const enc = new ListEncoder();
    const write = (docs: number[]): Buffer => {
      enc.reset();
      enc.pushLists([docs]);
      return enc.docsBytes();
    };
    const every = Array.from({ length: 4000 }, (_, i) => 7 + i * 2); // one doc in two
    const sparse = Array.from({ length: 400 }, (_, i) => 7 + i * 97); // one in 97
    expect(isDense(write(every))).toBe(true);
    expect(write(every).length).toBeLessThan(encodeList(every).length / 3);
    expect(isDense(write(sparse))).toBe(false);
    fc.assert(
      fc.property(docsOf, (docs) => {
        const bytes = write(docs);
        expect(bytes.length).toBeLessThanOrEqual(encodeList(docs).length);
        expect([...decodeList(bytes)]).toEqual(docs);
      }),
    );
    DENSE.on = false;
    expect(isDense(write(every))).toBe(false);
  });

  it('join as a merge joins them: lists that follow each other, either encoding, less the dead docs', () => {
    fc.assert(
      fc.property(
        fc.array(docsOf, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.nat(5000 * 4), { maxLength: 300 }),
        fc.nat(8),
        (parts, deadDocs, stride) => {
          // Each part shifted past the last one's end, as a key's lists in segment order.
          let base = 0;
          const lists = parts.map((docs, i) => {
            const shifted = docs.map((d) => d + base);
            base = shifted[shifted.length - 1]! + 1;
            return i % 2 ? writeDense(shifted) : encodeList(shifted);
          });
          // Dead docs among the lists' own (every few of them), and anywhere.
          const held = lists.flatMap((l) => [...decodeList(l)]);
          const among = stride ? held.filter((_, i) => i % (stride + 1) === 0) : [];
          const dead = Uint32Array.from(new Set([...deadDocs, ...among])).sort();
          const expected = held.filter((d) => !dead.includes(d));
          const joined = joinLists(lists, dead, (d) => !dead.includes(d), new ListEncoder());
          expect(joined ? [...decodeList(joined)] : []).toEqual(expected);
          if (joined) expect(joined.length).toBeLessThanOrEqual(encodeList(expected).length);
        },
      ),
    );
  });

  it('an index written with dense lists answers as one of varints only, built, updated and merged', async () => {
    const answers: unknown[][] = [];
    let dense = 0;
    for (const on of [true, false]) {
      DENSE.on = on;
      const feed = MemoryFeed.of(900);
      const dir = await tempDir();
      // Small chunks: many segments, merged as the build and the update go (dead docs dropped then).
      const service = await SearchService.open(feed, dir, { build: { chunkDocs: 50 } });
      for (let i = 10; i < 900; i += 7) feed.remove(`s${i}`);
      for (let i = 11; i < 900; i += 13) {
        const a = syntheticArticle(i);
        feed.put({ ...a, title: `${a.title} 党建更新` });
      }
      for (let i = 901; i <= 1100; i++) feed.put(syntheticArticle(i));
      await service.refresh();
      answers.push(await resultsOf(service));
      await service.close();
      const db = new Database(join(dir, 'search', 'index.db'), { readonly: true });
      const rows = db.prepare("SELECT count(*) AS n FROM grams WHERE substr(data, 1, 2) = x'8000'").get() as {
        n: number;
      };
      db.close();
      if (on) dense = rows.n;
      else expect(rows.n).toBe(0);
    }
    // The common grams of the synthetic articles are dense (else this test compares nothing).
    expect(dense).toBeGreaterThan(20);
    expect(answers[0]).toEqual(answers[1]);
  });

  it('a version-10 or 11 index is opened as it is and marked version 12; others are built again', async () => {
    const feed = MemoryFeed.of(300);
    const dir = await tempDir();
    const service = await SearchService.open(feed, dir);
    const expected = await resultsOf(service);
    await service.close();
    const file = join(dir, 'search', 'index.db');
    const setVersion = (v: number): void => {
      const db = new Database(file);
      db.prepare("UPDATE meta SET v = ? WHERE k = 'version'").run(v);
      db.close();
    };
    const versionOf = (): unknown => {
      const db = new Database(file, { readonly: true });
      const v = (db.prepare("SELECT v FROM meta WHERE k = 'version'").get() as { v: unknown }).v;
      db.close();
      return v;
    };
    const reopen = async (): Promise<{ seen: IndexProgress[]; results: unknown[] }> => {
      const seen: IndexProgress[] = [];
      const again = await SearchService.open(feed, dir, { onProgress: (p) => seen.push(p) });
      const results = await resultsOf(again);
      await again.close();
      return { seen, results };
    };
    expect(INDEX_VERSION).toBe(12);
    for (const older of [10, 11]) {
      setVersion(older);
      const kept = await reopen();
      expect(kept.seen).toEqual([]);
      expect(kept.results).toEqual(expected);
      expect(versionOf()).toBe(12);
    }
    for (const other of [9, 13]) {
      setVersion(other);
      const rebuilt = await reopen();
      expect(rebuilt.seen[0]).toEqual({ done: 0, total: 300 });
      expect(rebuilt.results).toEqual(expected);
      expect(versionOf()).toBe(12);
    }
  });
});
