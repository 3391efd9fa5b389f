/**
 * Fold ids for a build from nothing, given all at once at its end. While an index is built from an
 * empty one, finding each new doc's fold (the other docs of its folded title) took a lookup of those
 * docs' rows per doc, the dearest step of a build of millions; instead the docs are read once in
 * title order at the end, and every run of one title gets its id. Docs indexed later (an import
 * into an existing index) find their fold one by one (SearchIndex.foldOf).
 */
import type { Db } from './index-db.js';

/**
 * Give every doc its fold id (`set(d, id)`); returns how many ids were given. Ids go in the order of
 * each title's first doc, so a doc's fold id grows with its doc number (most folds are one headline):
 * passes over every doc in doc order then touch the per-fold arrays nearly in order too, where ids in
 * title order made each touch a cache miss (a third of a second per pass at 3 million docs).
 */
export function assignFoldGroups(db: Db, set: (d: number, group: number) => void): number {
  const n = ((db.prepare('SELECT max(d) AS n FROM docs').get() as { n: number | null }).n ?? -1) + 1;
  const runOf = new Int32Array(n).fill(-1);
  let runs = 0;
  let last: string | undefined;
  const rows = db.prepare('SELECT d, title_key FROM docs ORDER BY title_key, d').raw();
  for (const [d, key] of rows.iterate() as Iterable<[number, string]>) {
    if (key !== last) {
      runs++;
      last = key;
    }
    runOf[d] = runs - 1;
  }
  // Runs numbered by their first doc: in doc order, a run's id is given at its first doc.
  const id = new Int32Array(runs).fill(-1);
  let next = 0;
  for (let d = 0; d < n; d++) {
    const run = runOf[d]!;
    if (run < 0) continue;
    if (id[run]! < 0) id[run] = next++;
    set(d, id[run]!);
  }
  return runs;
}
