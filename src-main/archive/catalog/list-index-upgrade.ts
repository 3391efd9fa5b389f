/**
 * An older catalog's folded lists get their single index (catalog-schema.ts's ROWS_INDEX) in a
 * worker thread: at a million pages the sort takes a minute, which at open would hold up the app's
 * start. The old indexes serve the lists meanwhile (the newest-first list sorts its ties, a few rows
 * at a time) and go when the new one is committed; the store sees that as another connection's
 * change. A process that exits first (a short CLI command) loses nothing: the next open starts again.
 */
import type { UpgradeOutcome } from './list-index-worker.js';
import { spawnWorker } from '../worker-entry.js';

export type { UpgradeOutcome };

export function upgradeListIndexes(file: string): Promise<UpgradeOutcome> {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = spawnWorker(import.meta.url, 'list-index-worker');
    } catch (err) {
      resolve({ outcome: 'failed', error: (err as Error).message });
      return;
    }
    worker.postMessage(file);
    worker.unref();
    let settled = false;
    const settle = (outcome: UpgradeOutcome): void => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    worker.on('message', (m: UpgradeOutcome) => settle(m));
    worker.on('error', (err) => settle({ outcome: 'failed', error: err.message }));
    worker.on('exit', () => settle({ outcome: 'failed', error: 'the worker stopped' }));
  });
}
