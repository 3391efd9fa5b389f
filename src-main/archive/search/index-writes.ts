/**
 * The index's writes (index-build.ts drives them through SearchIndex): a chunk committed with the
 * change number it reaches, segments merged as they pile up, the per-doc arrays written as blobs now
 * and then, and the start and end of a build from nothing. Every write checks that no other process
 * committed since this one last read the file (IndexChanged), so the writer catches up and carries on.
 */
import type { Db } from './index-db.js';
import { getMeta, setMeta } from './index-db.js';
import type { DocArrays } from './doc-arrays.js';
import { num, type IndexState } from './index-state.js';
import { computeFolds, foldsToBlob } from './index-folds.js';
import { arraysFileOf, PINYIN_FILE, writeArraysFile } from './arrays-file.js';
import { writeBlobs } from './array-blobs.js';
import { SegmentDropped, type PostingsStore, type Segment } from './postings-store.js';
import type { IndexChunk } from './index-chunk.js';
import { assignFoldGroups } from './fold-groups.js';
import { PinyinStore } from './pinyin-store.js';
import type { Syllables } from './syllables.js';

/** Thrown when another process committed to the index since this one last read it. */
export class IndexChanged extends Error {
  constructor() {
    super('The search index was changed by another process');
  }
}

/** Rewrite the arrays blobs when this many docs came or died since they were written... */
const SNAPSHOT_TAIL = 20_000;
/** ...or this share of the index, whichever is fewer. */
const SNAPSHOT_SHARE = 1 / 8;

/** What the writes share with the index that reads (its current state: the index may read it again). */
export interface IndexHost {
  readonly db: Db;
  readonly postings: PostingsStore;
  arrays(): DocArrays;
  state(): IndexState;
  /** The syllables and title pinyin, when this process has read them. */
  syllables(): Syllables | undefined;
  pinyin(): PinyinStore | undefined;
  syllableTable(): Syllables;
  alive(d: number): boolean;
}

export class IndexWrites {
  readonly #h: IndexHost;
  readonly #q;

  constructor(host: IndexHost) {
    this.#h = host;
    const db = host.db;
    this.#q = {
      insert: db.prepare(
        'INSERT INTO docs (d, id, title_key, snippet_key, pinyin, time, kind, grp, fold, sig, py) VALUES (@d, @id, @titleKey, @snippetKey, @pinyin, @time, @kind, @grp, @fold, @sig, @py)',
      ),
      remove: db.prepare('DELETE FROM docs WHERE d = ?'),
      dead: db.prepare('INSERT OR IGNORE INTO dead (d) VALUES (?)'),
    };
  }

  /**
   * A build from nothing: folds are given at its end (see fold-groups.ts), and the fold index is
   * built then rather than kept in order row by row.
   */
  beginBulk(): void {
    const { db } = this.#h;
    const state = this.#h.state();
    if (state.bulk || this.#h.arrays().n > 0) return;
    db.transaction(() => {
      this.checkGen();
      db.exec('DROP INDEX IF EXISTS docs_fold');
      setMeta(db, 'bulk', 1);
      setMeta(db, 'gen', state.gen + 1);
    }).immediate();
    state.gen++;
    state.bulk = true;
    // Doc rows keyed by article id land on random pages: checkpointed less often, each page is
    // written back once rather than at every 1,000 (as the catalog's bulk import does).
    db.pragma('wal_autocheckpoint = 100000');
  }

  /** The end of a build from nothing (or of one resumed): folds given, the arrays written. */
  finishBulk(): void {
    const { db } = this.#h;
    const state = this.#h.state();
    if (!state.bulk) return;
    db.exec('CREATE INDEX IF NOT EXISTS docs_fold ON docs(fold)');
    state.groups = assignFoldGroups(db, (d, g) => this.#h.arrays().setGroup(d, g));
    state.bulk = false;
    db.pragma('wal_autocheckpoint = 1000');
    this.snapshotIfDue(true);
  }

  /**
   * Commit a chunk: its docs, their postings as one segment and the change number it reaches, in one
   * transaction, so a build killed at any point resumes from its last commit.
   */
  async commit(chunk: IndexChunk, catalogId: string, seq: number): Promise<void> {
    const db = this.#h.db;
    const q = this.#q;
    // The postings first, staged in transactions of their own (see PostingsStore.stage).
    let staged: Segment | undefined;
    try {
      if (chunk.rows.length) staged = await this.#h.postings.stage(chunk.segment());
    } catch (err) {
      throw err instanceof SegmentDropped ? new IndexChanged() : err;
    }
    const state = this.#h.state();
    db.transaction(() => {
      this.checkGen();
      for (const d of chunk.killed) {
        q.remove.run(d);
        q.dead.run(d);
      }
      for (const row of chunk.rows) if (this.#h.alive(row.d)) q.insert.run(row);
      this.#h.syllables()?.save(db);
      if (staged) this.#h.postings.activate(staged);
      setMeta(db, 'catalog_id', catalogId);
      setMeta(db, 'seq', seq);
      setMeta(db, 'next_d', this.#h.arrays().n);
      setMeta(db, 'groups', state.groups);
      setMeta(db, 'gen', state.gen + 1);
    }).immediate();
    state.gen++;
    state.seq = seq;
    state.catalogId = catalogId;
    state.deadRows += chunk.killed.length;
    const pinyin = this.#h.pinyin();
    if (pinyin) for (const row of chunk.rows) pinyin.set(row.d, row.py);
    this.#h.postings.load();
  }

  /** Merge segments while some are due (each merge in transactions of its own). */
  async mergeSegments(all = false): Promise<void> {
    for (
      let plan = all ? this.#h.postings.allSegments() : this.#h.postings.planMerge();
      plan && plan.length > 1;
    ) {
      const merged = await this.#h.postings
        .mergeInto(plan, (d) => this.#h.alive(d), this.#h.arrays().deadDocs())
        .catch((err: unknown) => {
          throw err instanceof SegmentDropped ? new IndexChanged() : err;
        });
      try {
        this.#h.db
          .transaction(() => {
            this.checkGen();
            this.#h.postings.activate(merged, plan!);
            setMeta(this.#h.db, 'gen', this.#h.state().gen + 1);
          })
          .immediate();
        this.#h.state().gen++;
      } catch (err) {
        this.#h.postings.discard(merged.seg);
        throw err;
      } finally {
        this.#h.postings.load();
      }
      plan = all ? undefined : this.#h.postings.planMerge();
    }
  }

  /** Write the arrays blobs when enough docs came or died since they were written. */
  snapshotIfDue(force = false): void {
    const { db } = this.#h;
    const a = this.#h.arrays();
    const state = this.#h.state();
    const tail = a.n - a.snapN + state.deadRows;
    if (!force && (tail === 0 || tail < Math.min(SNAPSHOT_TAIL, a.n * SNAPSHOT_SHARE))) return;
    // The pinyin goes with them (read for this when this process has not needed it yet).
    const held = this.#h.pinyin();
    const pinyin = held ?? PinyinStore.load(db, this.#h.syllableTable());
    try {
      const { base, ...arrays } = a.toBlobs();
      // The folds go with them: a first query would otherwise work them out over every doc.
      const folds = foldsToBlob(
        computeFolds({ kindRanks: () => a.ranks(), docView: () => a.view(), time: (d) => a.time(d) }),
      );
      // Every title's pinyin read once, for both the blob and the copy.
      const py = pinyin.snapshot();
      this.#commitSnapshot({ ...arrays, folds, ...py.blobs }, a, pinyin.n, base);
      a.keep(folds);
      // After the commit: a copy of a snapshot never committed is never read.
      const open = { rank: arrays.rank, alive: arrays.alive, trank: arrays.trank, folds };
      const key = { epoch: state.epoch, snap: state.snap };
      writeArraysFile(arraysFileOf(db.name), { ...key, n: a.n }, open);
      const copy = arraysFileOf(db.name, PINYIN_FILE);
      const pinyinKey = { ...key, n: pinyin.n };
      // The old copy let go first (its bytes held meanwhile): a file held open cannot be replaced on
      // Windows. If the new one cannot be written, the bytes stay held.
      held?.release(py.bytes);
      if (writeArraysFile(copy, pinyinKey, py.copy)) held?.reopen(copy, pinyinKey);
    } finally {
      if (!held) pinyin.close();
    }
  }

  /** The snapshot's blobs and meta, in one transaction. */
  #commitSnapshot(blobs: Record<string, Uint8Array>, a: DocArrays, pyN: number, base: number): void {
    const { db } = this.#h;
    const state = this.#h.state();
    db.transaction(() => {
      this.checkGen();
      db.exec('DELETE FROM dead');
      writeBlobs(db, blobs);
      setMeta(db, 'snap_n', a.n);
      setMeta(db, 'snap_live', a.live);
      setMeta(db, 'time_base', Number.isNaN(base) ? null : base);
      setMeta(db, 'py_snap_n', pyN);
      // Fold ids live in the arrays: a bulk build's end is written with them.
      setMeta(db, 'groups', state.groups);
      setMeta(db, 'bulk', 0);
      setMeta(db, 'snap', state.snap + 1);
      setMeta(db, 'gen', state.gen + 1);
    }).immediate();
    state.snap++;
    state.gen++;
    state.deadRows = 0;
  }

  /** Refuse to write on top of a state this process has not seen. */
  checkGen(): void {
    const { db } = this.#h;
    const state = this.#h.state();
    if (num(getMeta(db, 'gen')) !== state.gen || getMeta(db, 'epoch') !== state.epoch)
      throw new IndexChanged();
  }
}
