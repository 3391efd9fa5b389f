/**
 * The arrays table's blobs are written in rows of a bounded size (a single row of the titles' pinyin
 * cost a gigabyte to insert at a million pages, and SQLite refuses a row past 1 GB). Here the rows are
 * made tiny, so every blob of a real index spans many of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BLOB_PART, readBlobs, writeBlobs } from '../../src-main/archive/search/array-blobs.js';
import { openIndexDb } from '../../src-main/archive/search/index-db.js';
import { COPY_FILES } from '../../src-main/archive/search/arrays-file.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { INDEX_QUERIES, resultsOf } from '../helpers/index-results.js';
import { tempDir } from '../helpers/tmp.js';

const DEFAULT_PART = BLOB_PART.bytes;
afterEach(() => {
  BLOB_PART.bytes = DEFAULT_PART;
});

const bytes = (n: number, seed: number): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255));

describe('the arrays blobs in rows of a bounded size', () => {
  it('read back every blob whole, whatever its length against the row size', async () => {
    const db = await openIndexDb(await tempDir());
    BLOB_PART.bytes = 100;
    const blobs = {
      empty: bytes(0, 1),
      short: bytes(7, 2),
      exact: bytes(300, 3),
      over: bytes(301, 4),
      big: bytes(2_050, 5),
    };
    db.transaction(() => writeBlobs(db, blobs))();
    const rows = (
      db.prepare('SELECT name, length(data) AS n FROM arrays').all() as { name: string; n: number }[]
    ).map((r) => [r.name, r.n]);
    expect(rows).toContainEqual(['over:3', 1]);
    expect(rows).toContainEqual(['big:20', 50]);
    expect(Math.max(...rows.map(([, n]) => n as number))).toBe(100);
    // Read back with any row size (a reader never needs the writer's).
    BLOB_PART.bytes = DEFAULT_PART;
    const read = readBlobs(db, ['empty', 'short', 'exact', 'over', 'big', 'absent']);
    expect(Object.keys(read).sort()).toEqual(['big', 'empty', 'exact', 'over', 'short']);
    for (const [name, data] of Object.entries(blobs))
      expect(Buffer.compare(read[name as 'big']!, data), name).toBe(0);
    // Only the blobs asked for are read; another blob whose name starts the same is not a part.
    expect(Object.keys(readBlobs(db, ['over']))).toEqual(['over']);
    // A part missing is an error, not a shorter blob.
    db.prepare("DELETE FROM arrays WHERE name = 'big:7'").run();
    expect(() => readBlobs(db, ['big'])).toThrow(/parts missing/);
    // Written again, the old parts are gone.
    db.transaction(() => writeBlobs(db, { big: bytes(10, 6) }))();
    expect(Buffer.compare(readBlobs(db, ['big']).big!, bytes(10, 6))).toBe(0);
    expect(db.prepare('SELECT count(*) FROM arrays').pluck().get()).toBe(1);
    db.close();
  });

  it('open an index from blobs in many rows as from its copies', async () => {
    const feed = MemoryFeed.of(2000);
    const dir = await tempDir();
    BLOB_PART.bytes = 1000;
    const built = await SearchService.open(feed, dir);
    const expected = await resultsOf(built, INDEX_QUERIES);
    const pinyin = await resultsOf(built, [{ q: 'dangjian' }, { q: 'jdgl', limit: 50 }]);
    await built.close();
    const db = await openIndexDb(join(dir, 'search'));
    const parts = db.prepare("SELECT count(*) FROM arrays WHERE name LIKE 'py:%'").pluck().get() as number;
    db.close();
    expect(parts).toBeGreaterThan(10);

    // Without the copies, opening and the pinyin read the blobs from the file.
    BLOB_PART.bytes = DEFAULT_PART;
    for (const copy of COPY_FILES) await rm(join(dir, 'search', copy));
    const reopened = await SearchService.open(feed, dir);
    expect(await resultsOf(reopened, INDEX_QUERIES)).toEqual(expected);
    expect(await resultsOf(reopened, [{ q: 'dangjian' }, { q: 'jdgl', limit: 50 }])).toEqual(pinyin);
    await reopened.close();
  }, 120_000);
});
