/**
 * Reading the index's state from its file: the meta values, the per-doc arrays (their blobs, then the
 * docs committed after the blobs were written, then the deaths since). This is all that opening an
 * index reads: no doc strings, no postings.
 */
import type { Db, MetaValue } from './index-db.js';
import { readMeta } from './index-db.js';
import { DocArrays, type ArrayBlobs } from './doc-arrays.js';

export interface IndexState {
  catalogId: string | null;
  /** Catalog change number indexed through. */
  seq: number;
  /** Grows with every commit: a commit on top of a state not seen is refused. */
  gen: number;
  /** Changes when the index starts over (doc numbers then mean other docs). */
  epoch: string;
  /** Grows when the arrays blobs are rewritten. */
  snap: number;
  /** Next fold id. */
  groups: number;
  /** Rows in `dead` (deaths since the arrays blobs). */
  deadRows: number;
  /** The next doc number. */
  nextDoc: number;
  /** A build from nothing is under way: folds are given at its end (fold-groups.ts). */
  bulk: boolean;
}

export const num = (v: MetaValue | undefined, fallback = 0): number => (typeof v === 'number' ? v : fallback);

export function readState(db: Db, meta: Map<string, MetaValue> = readMeta(db)): IndexState {
  const catalogId = meta.get('catalog_id');
  return {
    catalogId: typeof catalogId === 'string' ? catalogId : null,
    seq: num(meta.get('seq')),
    gen: num(meta.get('gen')),
    epoch: String(meta.get('epoch') ?? ''),
    snap: num(meta.get('snap')),
    groups: num(meta.get('groups')),
    deadRows: (db.prepare('SELECT count(*) AS n FROM dead').get() as { n: number }).n,
    nextDoc: num(meta.get('next_d')),
    bulk: num(meta.get('bulk')) === 1,
  };
}

/** The per-doc arrays as the file holds them. */
export function readArrays(db: Db, meta: Map<string, MetaValue>): DocArrays {
  const snapN = num(meta.get('snap_n'));
  let arrays = new DocArrays();
  if (snapN > 0) {
    const rows = db
      .prepare("SELECT name, data FROM arrays WHERE name IN ('time', 'rank', 'alive', 'group', 'order')")
      .all() as {
      name: keyof ArrayBlobs;
      data: Buffer;
    }[];
    const blobs = Object.fromEntries(rows.map((r) => [r.name, r.data])) as unknown as ArrayBlobs;
    arrays = DocArrays.fromBlobs(blobs, snapN);
  }
  readTail(db, arrays, num(meta.get('next_d')));
  return arrays;
}

/** Docs from the arrays' end to `nextDoc` (rows of dead ones are gone), then every death since. */
export function readTail(db: Db, a: DocArrays, nextDoc: number): void {
  const rows = db.prepare('SELECT d, time, kind, grp FROM docs WHERE d >= ? ORDER BY d').raw();
  for (const [d, time, kind, grp] of rows.iterate(a.n) as Iterable<[number, number | null, number, number]>) {
    while (a.n < d) a.addDead();
    a.add(time, kind, grp);
  }
  while (a.n < nextDoc) a.addDead();
  for (const [d] of db.prepare('SELECT d FROM dead').raw().iterate() as Iterable<[number]>) a.kill(d);
}
