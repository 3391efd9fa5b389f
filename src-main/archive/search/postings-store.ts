/**
 * The index's postings in segments: each build chunk writes its own rows (one per gram key, word and
 * code point, `(seg, key) -> delta-varint docs`), so a build never holds more than a chunk's postings
 * in memory, and a query reads only the rows of its own keys (one seek per segment). Doc numbers only
 * grow and segments are numbered in build order, so a key's lists, read in segment order, are already
 * in doc order.
 *
 * Segments are merged as they pile up: when the newest FAN_IN are of one level they become one of the
 * next level (always a run of the newest, so the order above holds; each posting is rewritten about
 * log8(chunks) times), read a page of rows at a time from each in key order, so memory stays
 * bounded whatever the index holds; docs that died are dropped then.
 *
 * `nbrs` answers one-character queries (gramsWith): per code point, the other character of every
 * bigram holding it, and which side it is on, without loading every key.
 */
import Database from 'better-sqlite3';
import type { Db } from './index-db.js';
import type { Postings } from './index-records.js';
import { CP_SPAN } from './search-text.js';
import { ListEncoder, decodeList, encodeList, joinLists } from './posting-codec.js';

/** Newest segments of one level merged at once (a chunk's segment is level 0, their merge level 1...). */
const FAN_IN = 8;
/** Rows (or bytes) of a merged segment written per transaction. */
const MERGE_PAGE = 2000;
const MERGE_BYTES = 16 << 20;

/** Sizes gramSize keeps (a few hundred KB at most). */
const SIZES_KEPT = 10_000;

export type Table = 'grams' | 'words' | 'nbrs';
const KEY: Record<Table, string> = { grams: 'key', words: 'key', nbrs: 'cp' };

export interface Segment {
  seg: number;
  bytes: number;
  level: number;
}

/** What one build chunk adds: lists in doc order, by key. */
export interface SegmentInput {
  grams: Iterable<[number, Postings]>;
  words: Iterable<[string, Postings]>;
  /** Code point -> values `other * 2 + side` (side 1: the code point is the second character). */
  nbrs: Map<number, number[]>;
}

export class PostingsStore {
  readonly #db: Db;
  #segs: Segment[] = [];
  #q: ReturnType<typeof prepareReads> | undefined;
  /**
   * gramSize answers until the segments change. Summing a common key's list lengths walks its pages
   * (a millisecond or more for a pinyin trigram naming millions of titles), and a pinyin query asks
   * the size of every trigram it holds, again at each letter typed.
   */
  #sizes = new Map<number, number>();

  constructor(db: Db) {
    this.#db = db;
  }

  get segments(): readonly Segment[] {
    return this.#segs;
  }

  /** Read the list of live segments (at open, and when another process changed them). */
  load(): void {
    this.#segs = this.#db
      .prepare('SELECT seg, bytes, level FROM segs WHERE live = 1 ORDER BY seg')
      .all() as Segment[];
    this.#sizes.clear();
    this.#q = this.#segs.length ? prepareReads(this.#db, this.#segs.map((s) => s.seg).join(',')) : undefined;
  }

  /** Lists of a gram key, one per segment holding it, docs below `limit`. */
  gram(key: number, limit: number): Postings[] {
    return this.gramData(key).map((data) => decodeList(data, limit));
  }

  /** The same lists still encoded (see posting-codec.ts), in segment order. */
  gramData(key: number): Uint8Array[] {
    if (!this.#q) return [];
    return (this.#q.gram.all(key) as { data: Buffer }[]).map((r) => r.data);
  }

  /**
   * A gram key's encoded bytes, without reading them: about what reading its lists costs, and about
   * how many docs hold it (at most that many for varint lists; a dense list's bytes are an eighth of
   * its range, and it names from one in eight of those docs up to all).
   */
  gramSize(key: number): number {
    if (!this.#q) return 0;
    let n = this.#sizes.get(key);
    if (n === undefined) {
      n = (this.#q.gramSize.get(key) as { n: number | null }).n ?? 0;
      if (this.#sizes.size >= SIZES_KEPT) this.#sizes.clear();
      this.#sizes.set(key, n);
    }
    return n;
  }

  /** Lists of the word `key` (or of every word starting with it), still encoded. */
  wordData(key: string, exact: boolean): Uint8Array[] {
    if (!this.#q) return [];
    const rows = (exact ? this.#q.wordExact.all(key) : this.#q.wordPrefix.all(key, `${key}\u{10ffff}`)) as {
      key: string;
      data: Buffer;
    }[];
    return rows.filter((r) => r.key.startsWith(key)).map((r) => r.data);
  }

  /** Every bigram key holding code point `cp`, and `cp` itself if it occurs as a lone character. */
  gramsWith(cp: number): number[] {
    if (!this.#q) return [];
    const out = new Set<number>();
    for (const { data } of this.#q.nbrs.all(cp) as { data: Buffer }[]) {
      for (const v of decodeList(data)) {
        const other = Math.floor(v / 2);
        out.add(v % 2 ? other * CP_SPAN + cp : cp * CP_SPAN + other);
      }
    }
    return [...out];
  }

  /** The number a new segment gets (above every segment, live or being merged). */
  nextSeg(): number {
    return ((this.#db.prepare('SELECT max(seg) AS s FROM segs').get() as { s: number | null }).s ?? 0) + 1;
  }

  /**
   * Write a chunk's segment, not yet live, a page of rows per transaction with the event loop let in
   * between (a chunk holds millions of postings: one transaction would stall every request for
   * seconds); `activate` makes it live in the commit's transaction. Throws if it was dropped meanwhile
   * (another process cleaned it up as unfinished).
   */
  async stage(input: SegmentInput): Promise<Segment> {
    const db = this.#db;
    const seg = this.nextSeg();
    db.prepare('INSERT INTO segs (seg, bytes, level, live) VALUES (?, 0, 0, 0)').run(seg);
    const writer = new PagedWriter(db, seg);
    const enc = new ListEncoder();
    const put = async <K extends number | string>(table: Table, entries: [K, Postings][]): Promise<void> => {
      for (const [k, list] of entries) {
        enc.reset();
        enc.pushLists([list]);
        await writer.put(table, k, enc.docsBytes());
      }
    };
    // In key order: appending to the segment's range of the table, not splitting pages at random.
    await put(
      'grams',
      [...input.grams].sort((a, b) => a[0] - b[0]),
    );
    await put('words', [...input.words].sort(byCodePoints));
    for (const cp of [...input.nbrs.keys()].sort((a, b) => a - b))
      await writer.put('nbrs', cp, encodeList(sortedUnique(input.nbrs.get(cp)!)));
    await writer.flush();
    return { seg, bytes: writer.bytes, level: 0 };
  }

  /** Drop segments left half-merged by a process that was killed (called before a build writes). */
  dropUnfinished(): void {
    const stale = this.#db.prepare('SELECT seg FROM segs WHERE live = 0').all() as { seg: number }[];
    if (!stale.length) return;
    this.#db.transaction(() => {
      for (const { seg } of stale) this.#deleteSeg(seg);
    })();
  }

  /** The newest run of segments to merge, if one is due (FAN_IN of one level). */
  planMerge(): number[] | undefined {
    const segs = this.#segs;
    if (segs.length < FAN_IN) return undefined;
    const run = segs.slice(-FAN_IN);
    return run.every((s) => s.level === run[0]!.level) ? run.map((s) => s.seg) : undefined;
  }

  /** Every live segment (a full merge drops every dead doc's postings). */
  allSegments(): number[] {
    return this.#segs.map((s) => s.seg);
  }

  /**
   * Merge segments `from` (a run of the newest) into a new segment, not yet live, written a page at
   * a time in transactions of its own. Docs failing `keep` are dropped (`dead`: those docs, ascending,
   * so that a list holding none of them is copied as it is). Returns the new segment and
   * its size; `activate` makes it replace them. Throws if the new segment was dropped meanwhile
   * (another process cleaned it up as unfinished).
   */
  async mergeInto(from: number[], keep: (d: number) => boolean, dead: Uint32Array): Promise<Segment> {
    const db = this.#db;
    const seg = this.nextSeg();
    const level = 1 + Math.max(...this.#segs.filter((s) => from.includes(s.seg)).map((s) => s.level));
    db.prepare('INSERT INTO segs (seg, bytes, level, live) VALUES (?, 0, ?, 0)').run(seg, level);
    const writer = new PagedWriter(db, seg);
    const reader = new Database(db.name, { readonly: true, timeout: 10_000 });
    try {
      for (const table of ['grams', 'words', 'nbrs'] as const) {
        const enc = new ListEncoder();
        for (const [key, lists] of mergeRows(reader, table, from)) {
          let data: Buffer;
          if (table === 'nbrs') {
            const all: number[] = [];
            for (const l of lists) for (const v of decodeList(l)) all.push(v);
            data = encodeList(sortedUnique(all));
          } else {
            const joined = joinLists(lists, dead, keep, enc);
            if (!joined) continue;
            data = joined;
          }
          await writer.put(table, key, data);
        }
        await writer.flush();
      }
    } finally {
      reader.close();
    }
    return { seg, bytes: writer.bytes, level };
  }

  /**
   * Make a staged or merged segment live, in place of the ones it merged if any (inside the caller's
   * transaction).
   */
  activate(merged: Segment, from: number[] = []): void {
    const db = this.#db;
    if (!db.prepare('SELECT 1 FROM segs WHERE seg = ? AND live = 0').get(merged.seg))
      throw new SegmentDropped();
    for (const seg of from) this.#deleteSeg(seg);
    db.prepare('UPDATE segs SET live = 1, bytes = ? WHERE seg = ?').run(merged.bytes, merged.seg);
  }

  /** Remove a merged segment that will not be activated. */
  discard(seg: number): void {
    this.#db.transaction(() => this.#deleteSeg(seg))();
  }

  #deleteSeg(seg: number): void {
    for (const t of ['grams', 'words', 'nbrs']) this.#db.prepare(`DELETE FROM ${t} WHERE seg = ?`).run(seg);
    this.#db.prepare('DELETE FROM segs WHERE seg = ?').run(seg);
  }
}

/** A staged or merged segment was dropped by another process (as unfinished) before it went live. */
export class SegmentDropped extends Error {
  constructor() {
    super('search index segment dropped by another process');
  }
}

/**
 * Rows of a segment not yet live, written a page (or MERGE_BYTES) per transaction, yielding to the
 * event loop between pages.
 */
class PagedWriter {
  bytes = 0;
  readonly #pending: [Table, number | string, Buffer][] = [];
  #pendingBytes = 0;
  readonly #exists;
  readonly #insert;
  readonly #write;

  constructor(
    db: Db,
    readonly seg: number,
  ) {
    this.#exists = db.prepare('SELECT 1 FROM segs WHERE seg = ?').pluck();
    const insert = (t: Table) => db.prepare(`INSERT INTO ${t} (seg, ${KEY[t]}, data) VALUES (?, ?, ?)`);
    this.#insert = { grams: insert('grams'), words: insert('words'), nbrs: insert('nbrs') };
    this.#write = db.transaction(() => {
      if (!this.#exists.get(seg)) throw new SegmentDropped();
      for (const [t, k, data] of this.#pending) this.#insert[t].run(seg, k, data);
    });
  }

  async put(table: Table, key: number | string, data: Buffer): Promise<void> {
    this.bytes += data.length;
    this.#pendingBytes += data.length;
    this.#pending.push([table, key, data]);
    if (this.#pending.length >= MERGE_PAGE || this.#pendingBytes >= MERGE_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.#pending.length) return;
    this.#write.immediate();
    this.#pending.length = 0;
    this.#pendingBytes = 0;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function prepareReads(db: Db, segs: string) {
  return {
    gram: db.prepare(`SELECT data FROM grams WHERE seg IN (${segs}) AND key = ? ORDER BY seg`),
    gramSize: db.prepare(`SELECT sum(length(data)) AS n FROM grams WHERE seg IN (${segs}) AND key = ?`),
    wordExact: db.prepare(`SELECT key, data FROM words WHERE seg IN (${segs}) AND key = ? ORDER BY seg`),
    wordPrefix: db.prepare(
      `SELECT key, data FROM words WHERE seg IN (${segs}) AND key >= ? AND key < ? ORDER BY seg`,
    ),
    nbrs: db.prepare(`SELECT data FROM nbrs WHERE seg IN (${segs}) AND cp = ?`),
  };
}

/** Rows a merge cursor reads at a time (better-sqlite3's iterate() costs a few µs a row; all() less). */
const CURSOR_PAGE = 512;

/**
 * The rows of segments `segs` by key, in key order (each key with its lists in segment order): one
 * cursor per segment, merged here, so memory holds a page of rows per segment. The cursors read
 * through their own connection (`reader`), so that reading never waits on the writes.
 */
function* mergeRows(reader: Db, table: Table, segs: number[]): Generator<[number | string, Buffer[]]> {
  const k = KEY[table];
  const cmp =
    table === 'words'
      ? (a: unknown, b: unknown) => cmpCodePoints(a as string, b as string)
      : (a: unknown, b: unknown) => (a as number) - (b as number);
  type Row = [key: number | string, data: Buffer];
  const first = reader.prepare(`SELECT ${k}, data FROM ${table} WHERE seg = ? ORDER BY ${k} LIMIT ?`).raw();
  const next = reader
    .prepare(`SELECT ${k}, data FROM ${table} WHERE seg = ? AND ${k} > ? ORDER BY ${k} LIMIT ?`)
    .raw();
  const cursors = segs.map((seg) => {
    const rows = first.all(seg, CURSOR_PAGE) as Row[];
    return { seg, rows, at: 0 };
  });
  const head = (c: (typeof cursors)[number]): Row | undefined => {
    if (c.at < c.rows.length) return c.rows[c.at];
    if (c.rows.length < CURSOR_PAGE) return undefined;
    c.rows = next.all(c.seg, c.rows[c.rows.length - 1]![0], CURSOR_PAGE) as Row[];
    c.at = 0;
    return c.rows[0];
  };
  for (;;) {
    let min: number | string | undefined;
    for (const c of cursors) {
      const row = head(c);
      if (row && (min === undefined || cmp(row[0], min) < 0)) min = row[0];
    }
    if (min === undefined) return;
    const lists: Buffer[] = [];
    for (const c of cursors) {
      const row = c.at < c.rows.length ? c.rows[c.at] : undefined;
      if (row && cmp(row[0], min) === 0) {
        lists.push(row[1]);
        c.at++;
      }
    }
    yield [min, lists];
  }
}

/** SQLite's order of TEXT (UTF-8 bytes, i.e. code points), not JavaScript's (UTF-16 units). */
export function cmpCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000..U+FFFF by code point.
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

function byCodePoints(a: [string, unknown], b: [string, unknown]): number {
  return cmpCodePoints(a[0], b[0]);
}

function sortedUnique(values: number[]): number[] {
  values.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < values.length; i++)
    if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  values.length = n;
  return values;
}
