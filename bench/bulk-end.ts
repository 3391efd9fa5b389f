/**
 * A bulk import's end, step by step (`npx tsx bench/bulk-end.ts FILE [--prepare] [--runs N]`): FILE
 * is a COPY of an imported data folder's catalog.db (it is changed). `--prepare` first puts it back
 * as a bulk import leaves it before its end (`startBulk`, then every entry flagged a list row). Each
 * run then times `finishSteps` (the end's real code, in one transaction, rolled back) with each
 * cache size of `--cache-mb` in turn, and prints each step's seconds and the total. The import's own
 * run adds the id index (built before these steps when the import began on an empty catalog) and
 * the commit.
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import {
  abandonBulk,
  END_CACHE_KB,
  finishSteps,
  startBulk,
} from '../src-main/archive/catalog/bulk-import.js';
import { catalogStatements } from '../src-main/archive/catalog/catalog-statements.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    prepare: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    /** SQLite cache sizes to alternate, in MiB: the end's own by default. */
    'cache-mb': { type: 'string', default: String(-END_CACHE_KB / 1024) },
  },
});
const file = positionals[0];
if (!file)
  throw new Error(
    'usage: npx tsx bench/bulk-end.ts COPY-OF-catalog.db [--prepare] [--runs N] [--cache-mb 64,16]',
  );
const caches = values['cache-mb'].split(',').map((mb) => -1024 * Number(mb));

const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');

if (values.prepare) {
  const t0 = performance.now();
  db.transaction(() => {
    // The catalog holds articles, so its id index stays (as in a bulk import into a full catalog).
    abandonBulk(startBulk(db).token);
    db.exec('UPDATE articles SET row_newest = 1, row_oldest = 1 WHERE row_newest = 0 OR row_oldest = 0');
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const q = catalogStatements(db);
for (let run = 1; run <= Number(values.runs); run++)
  for (const cache of caches) {
    const seconds = new Map<string, number>();
    db.exec('BEGIN IMMEDIATE');
    const start = performance.now();
    let t = start;
    for (const step of finishSteps(db, q, undefined, cache)) {
      const now = performance.now();
      seconds.set(step, (seconds.get(step) ?? 0) + (now - t) / 1000);
      t = now;
    }
    const total = (performance.now() - start) / 1000;
    db.exec('ROLLBACK');
    console.log(`run ${run}, cache ${-cache / 1024} MiB: ${total.toFixed(2)} s`);
    for (const [step, s] of seconds) if (s >= 0.01) console.log(`  ${step.padEnd(28)} ${s.toFixed(2)}`);
  }
db.close();
