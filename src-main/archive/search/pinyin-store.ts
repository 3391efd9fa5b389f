/**
 * Every doc's title pinyin as syllable numbers, in memory, for checking pinyin candidates. A pinyin
 * query's candidates come from postings (pinyin-docs.ts: syllable pairs of a spelling of three
 * syllables or more, letter trigrams of initials) and must each be checked on the title's spelling;
 * a common word has tens of thousands of candidates in a large archive, and reading each one's row
 * from disk took seconds. Here a title is a few bytes (one per
 * syllable, mostly), read once, at the first pinyin query (opening never reads it), from its copy
 * `search/pinyin.bin` when that is of the snapshot (arrays-file.ts); rows committed after its blob
 * was written are read from the docs table.
 *
 * Syllables are numbered in order of first appearance (so the common ones, seen first, take one byte);
 * the numbering is kept in the `syllables` table.
 */
import type { Db } from './index-db.js';
import { readMeta } from './index-db.js';
import { copyKey, num, readBlobs } from './index-state.js';
import { arraysFileOf, PINYIN_FILE, readArraysFile, writeArraysFile } from './arrays-file.js';
import { grown } from './doc-arrays.js';
import { PackedOffsets, u32View } from './packed-offsets.js';
import { PAIR_SPAN } from './index-records.js';

/** The parts of `search/pinyin.bin`: the titles' syllable bytes, and where each title lies. */
const COPY_PARTS = ['py', 'pylen', 'pybase', 'pylong'] as const;

/** Syllable numbers of a title as bytes: below 0x80 one byte, else two (high bit set). */
export function encodeSyllables(ids: readonly number[]): Buffer {
  const out: number[] = [];
  for (const id of ids) {
    if (id < 0x80) out.push(id);
    else out.push(0x80 | (id >> 8), id & 0xff);
  }
  return Buffer.from(out);
}

/** The syllables of a title's full spelling (see titlePinyin: `full` cut at `starts`). */
export function syllablesOf(full: string, starts: readonly number[]): string[] {
  return starts.map((s, i) => full.slice(s, starts[i + 1] ?? full.length));
}

/** The syllable numbering: a syllable's number, assigned on first sight. */
export class Syllables {
  readonly text: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Assigned since the last commit (to be written with it). */
  fresh: [number, string][] = [];

  static load(db: Db): Syllables {
    const s = new Syllables();
    s.catchUp(db);
    return s;
  }

  /** Read the syllables numbered since (by another process). */
  catchUp(db: Db): void {
    const rows = db.prepare('SELECT id, s FROM syllables WHERE id >= ? ORDER BY id').raw();
    for (const [id, text] of rows.all(this.text.length) as [number, string][]) {
      this.text[id] = text;
      this.#ids.set(text, id);
    }
  }

  /** A syllable's number, if it has one. */
  lookup(syllable: string): number | undefined {
    return this.#ids.get(syllable);
  }

  id(syllable: string): number {
    let id = this.#ids.get(syllable);
    if (id === undefined) {
      id = this.text.length;
      if (id >= PAIR_SPAN) throw new Error('too many pinyin syllables');
      this.text.push(syllable);
      this.#ids.set(syllable, id);
      this.fresh.push([id, syllable]);
    }
    return id;
  }

  /** Write the syllables assigned since the last commit (inside the commit's transaction). */
  save(db: Db): void {
    const put = db.prepare('INSERT OR IGNORE INTO syllables (id, s) VALUES (?, ?)');
    for (const [id, s] of this.fresh) put.run(id, s);
    this.fresh = [];
  }
}

let scratch = new Int32Array(256);

/** How letters match a title (PinyinStore.kinds): 0 for no match. */
export const KIND = { full: 1, initials: 2 } as const;
const KINDS = [undefined, 'full', 'initials'] as const;

export class PinyinStore {
  /** Docs held: 0 .. n-1. */
  n = 0;
  #bytes: Uint8Array = new Uint8Array(1 << 16);
  #off = new PackedOffsets();

  constructor(readonly syllables: Syllables) {}

  /**
   * The store as the file holds it: the blob (docs below `py_snap_n`), then the rows after it. The
   * blob is read from its copy `search/pinyin.bin` (bytes and packed offsets) when that copy is of
   * the snapshot read, else from index.db (4-byte offsets, packed here), and the copy written again.
   */
  static load(db: Db, syllables: Syllables): PinyinStore {
    // One read transaction: the blob (or its copy) and the rows after it of one state.
    return db.transaction(() => {
      const store = new PinyinStore(syllables);
      const meta = readMeta(db);
      const snapN = num(meta.get('py_snap_n'));
      if (snapN > 0) {
        const key = copyKey(meta, snapN);
        const path = arraysFileOf(db.name, PINYIN_FILE);
        const found = readArraysFile(path, key, COPY_PARTS);
        if (found.parts) {
          const { py, ...offsets } = found.parts as Record<(typeof COPY_PARTS)[number], Buffer>;
          store.#hold(py, PackedOffsets.fromParts(offsets, snapN));
        } else {
          const { py, pyoff } = readBlobs(db, ['py', 'pyoff']);
          if (!py || !pyoff) throw new Error('search index pinyin missing');
          if (pyoff.length !== (snapN + 1) * 4) throw new Error('search index pinyin of the wrong size');
          store.#hold(py, PackedOffsets.fromOffsets(u32View(pyoff, snapN + 1), snapN));
          // A later snapshot's copy (another process's) is left as it is.
          if (!found.later) writeArraysFile(path, key, store.toCopy());
        }
      }
      store.catchUp(db);
      return store;
    })();
  }

  #hold(bytes: Buffer, off: PackedOffsets): void {
    if (off.end > bytes.length) throw new Error('search index pinyin of the wrong size');
    // A view on the blob's own memory (no second copy); a doc appended later copies into room.
    this.#bytes = bytes;
    this.#off = off;
    this.n = off.n;
  }

  /** Read the rows committed after the last doc held (by another process). */
  catchUp(db: Db): void {
    const rows = db.prepare('SELECT d, py FROM docs WHERE d >= ? ORDER BY d').raw();
    for (const [d, py] of rows.iterate(this.n) as Iterable<[number, Buffer]>) this.set(d, py);
  }

  /** Doc d's syllables (docs between the last one held and d hold none). */
  set(d: number, bytes: Uint8Array): void {
    if (d < this.n) return; // already held (rows are only ever appended)
    while (this.n < d) this.#append(new Uint8Array(0));
    this.#append(bytes);
  }

  #append(bytes: Uint8Array): void {
    const at = this.#off.end;
    if (at + bytes.length > this.#bytes.length) {
      const next = new Uint8Array(Math.max(grown(this.#bytes.length), at + bytes.length));
      next.set(this.#bytes.subarray(0, at));
      this.#bytes = next;
    }
    this.#bytes.set(bytes, at);
    this.#off.push(bytes.length);
    this.n++;
  }

  /** The blobs of what is held (for the arrays table: 4-byte offsets). */
  toBlobs(): { py: Buffer; pyoff: Buffer } {
    const off = this.#off.toOffsets();
    return {
      py: Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, this.#off.end),
      pyoff: Buffer.from(off.buffer, off.byteOffset, off.byteLength),
    };
  }

  /** The parts of the copy (`search/pinyin.bin`: the offsets packed). */
  toCopy(): Record<(typeof COPY_PARTS)[number], Uint8Array> {
    return { py: this.#bytes.subarray(0, this.#off.end), ...this.#off.toParts() };
  }

  /**
   * How `letters` match doc d's title: from the start of a syllable through the spelling, ending
   * anywhere in its last syllable ('full'), or as consecutive initials of 2 to 12 letters
   * ('initials'); as pinyinMatchKind does on the encoded form.
   */
  matchKind(d: number, letters: string): 'full' | 'initials' | undefined {
    return KINDS[this.kinds([d], letters)[0]!];
  }

  /**
   * matchKind of many docs at once, as 0 (no match), KIND.full or KIND.initials per doc: the query's
   * plan is looked up once and each title is read where it lies (a common pinyin query checks a
   * hundred thousand titles, and a call per title cost more than the check).
   */
  kinds(docs: ArrayLike<number>, letters: string): Uint8Array {
    const out = new Uint8Array(docs.length);
    const n = letters.length;
    if (n === 0) return out;
    if (n > 31) {
      for (let i = 0; i < docs.length; i++) out[i] = this.#matchKindSlow(docs[i]!, letters);
      return out;
    }
    const { fit, tail, len, first } = this.#planFor(letters);
    const initials = n >= 2 && n <= 12;
    const codes = new Uint16Array(n);
    for (let t = 0; t < n; t++) codes[t] = letters.charCodeAt(t);
    const bytes = this.#bytes;
    const off = this.#off;
    const limit = this.n;
    let heads = new Uint16Array(64);
    for (let x = 0; x < docs.length; x++) {
      const d = docs[x]!;
      if (d >= limit) continue;
      const from = off.start(d);
      const to = from + off.length(d);
      // The full spelling, on the title's bytes as they lie (decoding every syllable of every title
      // first cost twice as much): from each syllable that can begin it, as far as it goes.
      let kind = 0;
      for (let p = from; p < to && !kind;) {
        const b = bytes[p]!;
        const s = b < 0x80 ? b : ((b & 0x7f) << 8) | bytes[p + 1]!;
        p += b < 0x80 ? 1 : 2;
        if (!((fit[s]! | tail[s]!) & 1)) continue;
        let pos = fit[s]! & 1 ? len[s]! : n;
        for (let q = p; q < to && pos < n;) {
          const c = bytes[q]!;
          const t = c < 0x80 ? c : ((c & 0x7f) << 8) | bytes[q + 1]!;
          q += c < 0x80 ? 1 : 2;
          const bit = 1 << pos;
          if (fit[t]! & bit) pos += len[t]!;
          else if (tail[t]! & bit) pos = n;
          else break;
        }
        if (pos === n) kind = KIND.full;
      }
      if (!kind && initials) {
        // The initials: the title's syllables' first letters, in a row.
        if (heads.length < to - from) heads = new Uint16Array(to - from);
        let k = 0;
        for (let p = from; p < to;) {
          const b = bytes[p++]!;
          heads[k++] = first[b < 0x80 ? b : ((b & 0x7f) << 8) | bytes[p++]!]!;
        }
        for (let i = 0; i + n <= k; i++) {
          let t = 0;
          while (t < n && heads[i + t] === codes[t]) t++;
          if (t === n) {
            kind = KIND.initials;
            break;
          }
        }
      }
      out[x] = kind;
    }
    return out;
  }

  /**
   * Per syllable, where it can stand in `letters`: `fit` has bit p when the whole syllable is spelt
   * at position p, `tail` when the letters from p on are the syllable's beginning (the query ends
   * inside it). Worked out once per query, so checking a title is arithmetic on syllable numbers, not
   * string comparisons (a common pinyin query checks a hundred thousand titles).
   */
  #planFor(letters: string): MatchPlan {
    const text = this.syllables.text;
    const cached = this.#plan;
    if (cached && cached.letters === letters && cached.count === text.length) return cached;
    const n = letters.length;
    const count = text.length;
    const plan: MatchPlan = {
      letters,
      count,
      fit: new Uint32Array(count),
      tail: new Uint32Array(count),
      len: new Uint8Array(count),
      first: new Uint16Array(count),
    };
    for (let s = 0; s < count; s++) {
      const syl = text[s]!;
      plan.len[s] = Math.min(255, syl.length);
      plan.first[s] = syl.charCodeAt(0);
      for (let p = 0; p < n; p++) {
        if (p + syl.length <= n) {
          if (letters.startsWith(syl, p)) plan.fit[s]! |= 1 << p;
        } else if (syl.startsWith(letters.slice(p))) plan.tail[s]! |= 1 << p;
      }
    }
    this.#plan = plan;
    return plan;
  }

  #plan: MatchPlan | undefined;

  /** Doc d's syllable numbers into `scratch`; returns how many. */
  #decode(d: number): number {
    const from = this.#off.start(d);
    const to = from + this.#off.length(d);
    let k = 0;
    if (scratch.length < to - from) scratch = new Int32Array(to - from);
    for (let p = from; p < to;) {
      const b = this.#bytes[p++]!;
      scratch[k++] = b < 0x80 ? b : ((b & 0x7f) << 8) | this.#bytes[p++]!;
    }
    return k;
  }

  /** matchKind by string comparisons: for queries too long for the plan's bit masks. */
  #matchKindSlow(d: number, letters: string): number {
    if (d >= this.n) return 0;
    const text = this.syllables.text;
    const k = this.#decode(d);
    const n = letters.length;
    const first = letters.charCodeAt(0);
    for (let i = 0; i < k; i++) {
      if (text[scratch[i]!]!.charCodeAt(0) !== first) continue;
      let pos = 0;
      for (let j = i; j < k && pos < n; j++) {
        const s = text[scratch[j]!]!;
        const m = Math.min(s.length, n - pos);
        if (letters.startsWith(m === s.length ? s : s.slice(0, m), pos)) pos += m;
        else break;
      }
      if (pos === n) return KIND.full;
    }
    if (n >= 2 && n <= 12)
      for (let i = 0; i + n <= k; i++) {
        let t = 0;
        while (t < n && text[scratch[i + t]!]!.charCodeAt(0) === letters.charCodeAt(t)) t++;
        if (t === n) return KIND.initials;
      }
    return 0;
  }
}

interface MatchPlan {
  letters: string;
  /** Syllables known when it was made (a new one makes it again). */
  count: number;
  fit: Uint32Array;
  tail: Uint32Array;
  len: Uint8Array;
  first: Uint16Array;
}
