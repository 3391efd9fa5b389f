/**
 * Fold ids for a build from nothing, given all at once at its end. While an index is built from an
 * empty one, finding each new doc's fold (the other docs of its folded title) took a lookup of those
 * docs' rows per doc, the dearest step of a build of millions; instead the docs are read once in
 * title order at the end, and every run of one title gets its id. Docs indexed later (an import
 * into an existing index) find their fold one by one (SearchIndex.foldOf).
 */
import type { Db } from './index-db.js';

/** Give every doc its fold id (`set(d, id)`); returns how many ids were given. */
export function assignFoldGroups(db: Db, set: (d: number, group: number) => void): number {
  let groups = 0;
  let last: string | undefined;
  const rows = db.prepare('SELECT d, title_key FROM docs ORDER BY title_key').raw();
  for (const [d, key] of rows.iterate() as Iterable<[number, string]>) {
    if (key !== last) {
      groups++;
      last = key;
    }
    set(d, groups - 1);
  }
  return groups;
}
