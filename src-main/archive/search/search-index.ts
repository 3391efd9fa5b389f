/**
 * The search index, read lazily from `<data>/search/index.db` (see index-db.ts): per doc a few numbers
 * in typed arrays (time, how readable, alive, title fold, time order), read whole at open; the doc's
 * strings (folded title and snippet keys, title pinyin, id) read one doc at a time when a match needs
 * them, through a bounded cache; and an inverted index from CJK bigrams and Latin/digit words to doc
 * numbers, in fields (anywhere, title, snippet, pinyin forms of the title), read per query key from
 * segments (see postings-store.ts).
 *
 * Every indexing of an article gets a new doc number; the old one dies (postings may still name it
 * until a merge drops it; a dead doc never matches). Building goes by chunks (index-chunk.ts), each
 * committed with the change number it reaches (index-build.ts drives it; the writes are in
 * index-writes.ts). Another process may write the same file: `sync` catches up with it, and a commit
 * on top of a state this process has not seen is refused (IndexChanged) so the writer catches up and
 * carries on.
 */
import type { Db } from './index-db.js';
import { clearIndexDb, openIndexDb, readMeta, setMeta } from './index-db.js';
import { IndexWrites } from './index-writes.js';
import { DocArrays } from './doc-arrays.js';
import type { Recency } from './coarse-ranks.js';
import { num, readArrays, readState, readTail, type IndexState } from './index-state.js';
import { PostingsStore } from './postings-store.js';
import { IndexChunk, type ChunkHost } from './index-chunk.js';
import {
  FIELD,
  FIELD_SPAN,
  WORD_FIELD,
  type Field,
  type IndexedDoc,
  type Postings,
} from './index-records.js';
import { pinyinDocs, type PinyinDocs } from './pinyin-docs.js';
import { DocCache } from './doc-cache.js';
import { PinyinStore } from './pinyin-store.js';
import { Syllables } from './syllables.js';

export {
  FIELD,
  INDEX_BODY_CHARS,
  INDEX_VERSION,
  docTime,
  type Field,
  type IndexedDoc,
  type Postings,
} from './index-records.js';

export { IndexChanged } from './index-writes.js';

/** Docs whose strings stay cached (a page of hits, a typed query's few thousand matches). */
const CACHED_DOCS = 20_000;

export class SearchIndex implements ChunkHost {
  readonly #db: Db;
  readonly #postings: PostingsStore;
  #arrays = new DocArrays();
  #state!: IndexState;
  #cache = new DocCache<IndexedDoc>(CACHED_DOCS);
  #dataVersion = -1;
  /** Read when first needed (building, or the first pinyin query). */
  #syllables: Syllables | undefined;
  #pinyin: PinyinStore | undefined;
  readonly #q;
  readonly #writes: IndexWrites;

  private constructor(db: Db) {
    this.#db = db;
    this.#postings = new PostingsStore(db);
    // The writes see this index's current state (#load replaces it).
    this.#writes = new IndexWrites({
      db,
      postings: this.#postings,
      arrays: () => this.#arrays,
      state: () => this.#state,
      syllables: () => this.#syllables,
      pinyin: () => this.#pinyin,
      syllableTable: () => this.#syllableTable(),
      alive: (d) => this.alive(d),
    });
    this.#q = {
      doc: db.prepare('SELECT id, title_key, snippet_key, pinyin, time, sig FROM docs WHERE d = ?').raw(),
      byId: db.prepare('SELECT d, sig FROM docs WHERE id = ?'),
      byFold: db.prepare('SELECT d FROM docs WHERE fold = ?'),
      ids: db.prepare('SELECT d, id FROM docs WHERE d IN (SELECT value FROM json_each(?))').raw(),
    };
  }

  /** Open the index in `dir` (created empty when missing; one of another version starts over). */
  static async open(dir: string): Promise<SearchIndex> {
    const index = new SearchIndex(await openIndexDb(dir));
    index.#load();
    return index;
  }

  close(): void {
    this.#pinyin?.close();
    this.#arrays.close();
    if (this.#db.open) this.#db.close();
  }

  /** The catalog this index was built from (null before the first build). */
  get catalogId(): string | null {
    return this.#state.catalogId;
  }

  /** The catalog change number indexed through. */
  get seq(): number {
    return this.#state.seq;
  }

  /** Doc numbers in use (the size of per-doc buffers). */
  get docCount(): number {
    return this.#arrays.n;
  }

  /** Articles in the index. */
  get size(): number {
    return this.#arrays.live;
  }

  get dead(): number {
    return this.#arrays.dead;
  }

  /** Changes with every doc added or dying: caches built from the arrays compare it. */
  get stamp(): string {
    return `${this.#state.epoch}:${this.#arrays.stamp}`;
  }

  alive(d: number): boolean {
    return this.#arrays.alive(d);
  }

  time(d: number): number | null {
    return this.#arrays.time(d);
  }

  /** Fold id of the doc's folded title. */
  group(d: number): number {
    return this.#arrays.group(d);
  }

  /** Every doc's state byte (liveness and kind) and fold, read only (see DocArrays.view). */
  docView(): { state: Uint8Array; group: Int32Array } {
    return this.#arrays.view();
  }

  /** The folds written with the arrays, if nothing changed since (see index-folds.ts). */
  keptFolds(): Buffer | undefined {
    return this.#arrays.kept();
  }

  /** Docs from this number on have initials 4-grams (see pinyin-docs.ts). */
  get quadsFrom(): number {
    return this.#state.quadsFrom;
  }

  /** Every doc's state byte, read only: alive without DEAD (opening holds it: no fold ids read). */
  aliveDocs(): Uint8Array {
    return this.#arrays.stateView();
  }

  /** How readable each doc is: 2 full, 1 brief, 0 headline only. */
  kindRanks(): Uint8Array {
    return this.#arrays.ranks();
  }

  /** Alive docs, newest first. */
  newestFirst(): Uint32Array {
    return this.#arrays.newestFirst();
  }

  /** Rank of each doc in newest-first order (0 = newest). */
  timeRank(): Uint32Array {
    return this.#arrays.timeRank();
  }

  /** Recency for ranking a query's matches (see DocArrays.recency): no time rank read whole. */
  recency(): Recency {
    return this.#arrays.recency();
  }

  /** A doc's strings (undefined for a doc that died and whose row is gone). */
  doc(d: number): IndexedDoc | undefined {
    let doc = this.#cache.get(d);
    if (doc) return doc;
    const row = this.#q.doc.get(d) as [string, string, string, string, number | null, string] | undefined;
    if (!row) return undefined;
    doc = { id: row[0], titleKey: row[1], snippetKey: row[2], pinyin: row[3], time: row[4], sig: row[5] };
    this.#cache.set(d, doc);
    return doc;
  }

  /** The live doc of an article, if indexed. */
  docOf(id: string): number | undefined {
    const row = this.#q.byId.get(id) as { d: number } | undefined;
    return row && this.alive(row.d) ? row.d : undefined;
  }

  /** The live docs of these articles. */
  docsOf(ids: Iterable<string>): Set<number> {
    const out = new Set<number>();
    for (const id of ids) {
      const d = this.docOf(id);
      if (d !== undefined) out.add(d);
    }
    return out;
  }

  /** Article ids of many docs at once (exports and bulk actions want every match). */
  idsOf(ds: ArrayLike<number>): string[] {
    const byDoc = new Map<number, string>();
    for (let i = 0; i < ds.length; i += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, ds.length - i) }, (_, j) => ds[i + j]!);
      for (const [d, id] of this.#q.ids.all(JSON.stringify(batch)) as [number, string][]) byDoc.set(d, id);
    }
    return Array.from(ds, (d) => byDoc.get(d)).filter((id): id is string => id !== undefined);
  }

  /** Documents holding a CJK gram (unigram or bigram code) in `field`. May include dead docs. */
  gram(gram: number, field: Field = FIELD.any): Postings[] {
    return this.#postings.gram(gram + field * FIELD_SPAN, this.#arrays.n);
  }

  /** About how many docs hold a gram in `field` (encoded bytes, an upper bound): without decoding. */
  gramSize(gram: number, field: Field = FIELD.any): number {
    return this.#postings.gramSize(gram + field * FIELD_SPAN);
  }

  /** Every gram (without its field) containing this code point (for one-character queries). */
  gramsWith(cp: number): number[] {
    return this.#postings.gramsWith(cp);
  }

  /** The lists of gram() still encoded (delta varints: see posting-codec.ts), for the engine. */
  gramData(gram: number, field: Field = FIELD.any): Uint8Array[] {
    return this.#postings.gramData(gram + field * FIELD_SPAN);
  }

  /** Encoded lists of the words starting with `word` in `field` (exactly that word when `exact`). */
  wordData(word: string, exact: boolean, field: Field = FIELD.any): Uint8Array[] {
    return this.#postings.wordData(WORD_FIELD[field] + word, exact);
  }

  /** How `letters` match each doc's title pinyin: 0, KIND.full or KIND.initials (PinyinStore.kinds). */
  pinyinKinds(docs: ArrayLike<number>, letters: string): Uint8Array {
    this.#pinyin ??= PinyinStore.load(this.#db, this.#syllableTable());
    return this.#pinyin.kinds(docs, letters);
  }

  #syllableTable(): Syllables {
    return (this.#syllables ??= Syllables.load(this.#db));
  }

  /** The syllable numbering (the SYLLABLES and PAIRS postings' keys). */
  pinyinSyllables(): Syllables {
    return this.#syllableTable();
  }

  syllableId(syllable: string): number {
    return this.#syllableTable().id(syllable);
  }

  /** Docs whose title pinyin may match `letters` (see pinyin-docs.ts). */
  pinyinDocs(letters: string): PinyinDocs {
    return pinyinDocs(this, letters);
  }

  /**
   * Catch up with another process's commits (cheap when there were none: SQLite's data_version).
   * Returns whether anything changed.
   */
  sync(): boolean {
    const version = this.#db.pragma('data_version', { simple: true }) as number;
    if (version === this.#dataVersion) return false;
    this.#dataVersion = version;
    const meta = readMeta(this.#db);
    if (num(meta.get('gen')) === this.#state.gen && meta.get('epoch') === this.#state.epoch) return false;
    if (meta.get('epoch') !== this.#state.epoch || num(meta.get('snap')) !== this.#state.snap) this.#load();
    else {
      // Same arrays blobs: only the docs since, and the deaths.
      readTail(this.#db, this.#arrays, num(meta.get('next_d')));
      this.#state = readState(this.#db, meta);
      this.#syllables?.catchUp(this.#db);
      this.#pinyin?.catchUp(this.#db);
      this.#postings.load();
    }
    return true;
  }

  // --- building (index-build.ts) ---

  /** Start over for another catalog (or a rebuild). */
  reset(catalogId: string): void {
    clearIndexDb(this.#db);
    this.#db.transaction(() => {
      setMeta(this.#db, 'catalog_id', catalogId);
      setMeta(this.#db, 'gen', 1);
    })();
    this.#load();
  }

  /** Forget what was built in memory since the last commit (after a failure): read the file again. */
  reload(): void {
    this.#load();
  }

  /** A new chunk (given the last one, committed, its postings table is used again). */
  startChunk(last?: IndexChunk): IndexChunk {
    this.#postings.dropUnfinished();
    return new IndexChunk(this.#arrays.n, last?.grams);
  }

  /** The article's current doc and signature (this chunk's, or committed). */
  current(chunk: IndexChunk, id: string): { d: number; sig: string } | undefined {
    if (chunk.current.has(id)) return chunk.current.get(id) ?? undefined;
    const row = this.#q.byId.get(id) as { d: number; sig: string } | undefined;
    return row && this.alive(row.d) ? row : undefined;
  }

  /** The article is gone (or indexed again): its doc dies. */
  kill(chunk: IndexChunk, id: string): void {
    const cur = this.current(chunk, id);
    chunk.current.set(id, null);
    if (!cur) return;
    this.#arrays.kill(cur.d);
    if (cur.d < chunk.firstDoc) chunk.killed.push(cur.d);
  }

  addDoc(time: number | null, rank: number, group: number): number {
    return this.#arrays.add(time, rank, group);
  }

  foldOf(chunk: IndexChunk, titleKey: string, hash: number): number {
    if (this.#state.bulk) return -1; // given at the end of the build (fold-groups.ts)
    let g = chunk.groups.get(titleKey);
    if (g !== undefined) return g;
    for (const { d } of this.#q.byFold.all(hash) as { d: number }[])
      if (this.alive(d) && this.group(d) >= 0 && this.doc(d)?.titleKey === titleKey) {
        g = this.group(d);
        break;
      }
    if (g === undefined) g = this.#state.groups++;
    chunk.groups.set(titleKey, g);
    return g;
  }

  /** A build from nothing: folds are given at its end, and the fold index built then. */
  beginBulk(): void {
    this.#writes.beginBulk();
  }

  /** A build from nothing has not reached its end (its folds are still to be given). */
  get bulkPending(): boolean {
    return this.#state.bulk;
  }

  /** The end of a build from nothing (or of one resumed): folds given, the arrays written. */
  finishBulk(): void {
    this.#writes.finishBulk();
  }

  /** Commit a chunk: its docs, its postings as one segment and the change number, in one transaction. */
  commit(chunk: IndexChunk, catalogId: string, seq: number): Promise<void> {
    return this.#writes.commit(chunk, catalogId, seq);
  }

  /** Merge segments while some are due. */
  mergeSegments(all = false): Promise<void> {
    return this.#writes.mergeSegments(all);
  }

  /** Write the arrays blobs when enough docs came or died since they were written. */
  snapshotIfDue(force = false): void {
    this.#writes.snapshotIfDue(force);
  }

  /** Read the state: meta, the arrays blobs, the docs after them and the deaths since. */
  #load(): void {
    const db = this.#db;
    this.#dataVersion = db.pragma('data_version', { simple: true }) as number;
    // One read transaction: the meta and the blobs of one snapshot, whatever another process commits.
    db.transaction(() => {
      const meta = readMeta(db);
      const old = this.#arrays;
      this.#arrays = readArrays(db, meta);
      old.close();
      this.#state = readState(db, meta);
    })();
    this.#cache.clear();
    this.#syllables = undefined;
    this.#pinyin?.close();
    this.#pinyin = undefined;
    this.#postings.load();
  }
}
