/**
 * Reading the index's state from its file: the meta values, the per-doc arrays (their blobs, then the
 * docs committed after the blobs were written, then the deaths since). This is all that opening an
 * index reads: no doc strings, no postings.
 */
import type { Db, MetaValue } from './index-db.js';
import { readMeta } from './index-db.js';
import { closeSync } from 'node:fs';
import { DocArrays } from './doc-arrays.js';
import { laterColumns, type LaterColumns } from './array-views.js';
import { openBlobs, stateBytes, STATE_STRETCH } from './doc-state.js';
import { coarseRanks, type CoarseRanks } from './coarse-ranks.js';
import { readBlobs } from './array-blobs.js';
import {
  ARRAYS_FILE,
  arraysFileOf,
  openArraysFile,
  readFully,
  writeArraysFile,
  type ArraysKey,
} from './arrays-file.js';

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
  /** Docs from this number on have initials 4-grams (an index from before version 12: its next doc). */
  quadsFrom: number;
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
    quadsFrom: num(meta.get('quads_from')),
  };
}

/** The blobs opening reads (also in a copy read with plain file reads: arrays-file.ts). */
export const OPEN_BLOBS = ['rank', 'alive', 'trank', 'folds'] as const;

/**
 * The per-doc arrays as the file holds them: what every query needs now (how readable and alive, as
 * one state byte a doc; the time ranks; the folds kept with them), the times and fold ids when first
 * needed.
 */
export function readArrays(db: Db, meta: Map<string, MetaValue>): DocArrays {
  const snapN = num(meta.get('snap_n'));
  let arrays = new DocArrays();
  if (snapN > 0) {
    const epoch = meta.get('epoch');
    const { state, trank, folds } = readOpenBlobs(db, meta, snapN);
    // The live count written with the snapshot (older ones count the state bytes: 80 ms at a million pages).
    const live = meta.get('snap_live');
    arrays = DocArrays.fromBlobs(
      { state, trank },
      snapN,
      num(meta.get('time_base'), NaN),
      () => readLater(db, epoch),
      live === undefined || live === null ? undefined : num(live),
    );
    if (folds) arrays.keep(folds);
  }
  readTail(db, arrays, num(meta.get('next_d')));
  return arrays;
}

/**
 * The blobs opening reads, of the snapshot `meta` names (whose docs number `n`): from their copy
 * beside the index file when it is of that snapshot, else from the file, and the copy written again
 * for the next read (a later snapshot's copy, another process's, is left as it is). The alive flags
 * are folded into the kind ranks' bytes (stateBytes), from the copy a stretch at a time through one
 * buffer: at a million pages 29 MB less held, and less memory touched for the first time, which is
 * most of what reading costs on the bench machine. Call inside the read transaction that read `meta`.
 */
function readOpenBlobs(
  db: Db,
  meta: Map<string, MetaValue>,
  n: number,
): { state: Uint8Array; trank: Buffer | CoarseRanks; folds?: Buffer } {
  const key = copyKey(meta, n);
  const path = arraysFileOf(db.name, ARRAYS_FILE);
  const found = openArraysFile(path, key, ['rank', 'folds'], ['alive', 'trank']);
  if (found.copy) {
    const { fd, parts, left } = found.copy;
    let kept = false;
    try {
      const alive = left.alive!;
      const trank = left.trank!;
      if (parts.rank!.length === n && alive.length === n && trank.length === n * 4) {
        const stretch = Buffer.allocUnsafeSlow(STATE_STRETCH * 4);
        const read = (at: number, length: number): Buffer => readFully(fd, length, at, stretch);
        const state = stateBytes(parts.rank!, (from, to) => read(alive.at + from, to - from), n);
        const coarse = coarseRanks(fd, trank.at, n, read);
        kept = true; // the coarse ranks read the exact ones through it
        return { state, trank: coarse, folds: parts.folds! };
      }
    } finally {
      if (!kept) closeSync(fd);
    }
  }
  const blobs = readBlobs(db, OPEN_BLOBS);
  const { rank, alive, trank, folds } = blobs;
  if (!rank || !alive || !trank) throw new Error('search index arrays missing');
  if (rank.length < n || alive.length < n) throw new Error('search index arrays of the wrong size');
  // Written before the state bytes are made in the rank blob's memory.
  if (!found.later && folds) writeArraysFile(path, key, blobs as Record<string, Buffer>);
  return { ...openBlobs({ rank, alive, trank }, n), ...(folds ? { folds } : {}) };
}

/** What a copy of the snapshot `meta` names, of `n` docs, is written from (arrays-file.ts). */
export function copyKey(meta: Map<string, MetaValue>, n: number): ArraysKey {
  return { epoch: String(meta.get('epoch') ?? ''), snap: num(meta.get('snap')), n };
}

/**
 * The times and fold ids, read when first needed: from the blobs there now, which may be a later
 * snapshot's than the one opened (a doc's time and fold id never change, so its values hold; the
 * docs past ours are written over as they come). None if the index started over meanwhile.
 */
function readLater(db: Db, epoch: MetaValue | undefined): LaterColumns | undefined {
  return db.transaction(() => {
    const meta = readMeta(db);
    if (meta.get('epoch') !== epoch) return undefined;
    const { secs, time, group } = readBlobs(db, ['secs', 'time', 'group']);
    if (!group) throw new Error('search index arrays missing');
    return laterColumns(
      { group, ...(secs ? { secs } : {}), ...(time ? { time } : {}) },
      num(meta.get('snap_n')),
      num(meta.get('time_base'), NaN),
    );
  })();
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
