/**
 * The list index upgrade's worker entry (list-index-upgrade.ts): builds the folded lists' single index
 * in an older catalog, on its own connection, so the thread that answers the app never waits for it.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { END_CACHE_KB } from './bulk-import.js';
import { catalogStatements } from './catalog-statements.js';
import { listsSuperseded, ROWS_INDEX_SQL, SUPERSEDED_INDEXES } from './catalog-schema.js';
import { refoldRows } from './fold-rows.js';

export interface UpgradeOutcome {
  outcome: 'built' | 'not needed' | 'busy' | 'failed';
  error?: string;
}

function upgrade(file: string): UpgradeOutcome['outcome'] {
  const db = new Database(file);
  try {
    // This thread may wait: another process's import holds the write lock for minutes at a time.
    db.pragma('busy_timeout = 600000');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${END_CACHE_KB}`);
    return db
      .transaction(() => {
        if (!listsSuperseded(db)) return 'not needed' as const;
        db.exec(ROWS_INDEX_SQL);
        // The newest-first row of a fold whose latest entries share a time was the first of them by
        // title; it is the last one now (fold-rows.ts). Those folds are worked out again.
        const q = catalogStatements(db);
        const ties = db
          .prepare(
            `SELECT DISTINCT fold FROM (SELECT fold FROM articles NOT INDEXED WHERE kind = 0
               GROUP BY fold, published HAVING count(*) > 1)`,
          )
          .pluck()
          .all() as string[];
        for (const fold of ties) refoldRows(q, fold);
        for (const name of SUPERSEDED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
        return 'built' as const;
      })
      .immediate();
  } finally {
    db.close();
  }
}

parentPort?.once('message', (file: string) => {
  let reply: UpgradeOutcome;
  try {
    reply = { outcome: upgrade(file) };
  } catch (err) {
    const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
    reply = { outcome: busy ? 'busy' : 'failed', error: (err as Error).message };
  }
  parentPort!.postMessage(reply);
});
