/**
 * Every doc's title pinyin as syllable numbers, for checking pinyin candidates. A pinyin query's
 * candidates come from postings (pinyin-docs.ts: syllable pairs of a spelling of three syllables or
 * more, letter trigrams of initials) and must each be checked on the title's spelling; a common word
 * has hundreds of thousands of candidates in a large archive. A title is a few bytes (one per
 * syllable, mostly), and where each lies is held in memory (packed-offsets.ts: 1.25 bytes a doc).
 *
 * The bytes themselves stay in the index's copy `search/pinyin.bin` (arrays-file.ts) and are read
 * where they lie, the candidates of a stretch of the file in one read (see kinds): at a million pages
 * they are 530 MB, more than half of what serving held when they were read whole, and reading all of
 * them from the page cache in 256 KB reads takes about 50 ms on the bench machine. Rows committed
 * after the copy's snapshot, and the whole store when there is no copy, are held in memory. Nothing is
 * read before the first pinyin query. The syllables' numbering is syllables.ts.
 */
import type { Db } from './index-db.js';
import { readMeta } from './index-db.js';
import { copyKey, num } from './index-state.js';
import { readBlobs } from './array-blobs.js';
import { closeSync } from 'node:fs';
import {
  arraysFileOf,
  openArraysFile,
  PINYIN_FILE,
  readFully,
  writeArraysFile,
  type ArraysKey,
  type OpenCopy,
} from './arrays-file.js';
import { grown } from './array-views.js';
import { PackedOffsets, u32View, type OffsetParts } from './packed-offsets.js';
import type { Syllables } from './syllables.js';
import { matchPlan, type MatchPlan } from './pinyin-plan.js';

/** The parts of `search/pinyin.bin`: where each title lies (read), the titles' syllable bytes (left). */
const OFFSET_PARTS = ['pylen', 'pybase', 'pylong'] as const;
const BYTES_PART = 'py';

/** Most bytes read at once from the copy (and a buffer of this size kept for it). */
const WINDOW = 1 << 18;

let scratch = new Int32Array(256);

/** How letters match a title (PinyinStore.kinds): 0 for no match. */
export const KIND = { full: 1, initials: 2 } as const;
const KINDS = [undefined, 'full', 'initials'] as const;

export class PinyinStore {
  /** Docs held: 0 .. n-1. */
  n = 0;
  /** The copy's bytes: positions below `#file.end` lie in it, the others in `#bytes`. */
  #file: { fd: number; at: number; end: number } | undefined;
  /** The bytes at positions from `#file.end` (all of them when there is no copy). */
  #bytes: Uint8Array = new Uint8Array(1 << 16);
  #off = new PackedOffsets();
  /** What was read from the copy last (file positions `#winFrom` .. `#winTo`). */
  #win: Buffer | undefined;
  #winFrom = 0;
  #winTo = 0;

  constructor(readonly syllables: Syllables) {}

  /**
   * The store as the file holds it: the blob (docs below `py_snap_n`), then the rows after it. The
   * blob is its copy `search/pinyin.bin` when that is of the snapshot read (its offsets read, its
   * bytes left in it), else read from index.db, the copy written again and then opened as above.
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
        const found = store.#open(path, key);
        if (!found.opened) {
          const { py, pyoff } = readBlobs(db, ['py', 'pyoff']);
          if (!py || !pyoff) throw new Error('search index pinyin missing');
          if (pyoff.length !== (snapN + 1) * 4) throw new Error('search index pinyin of the wrong size');
          store.#hold(py, PackedOffsets.fromOffsets(u32View(pyoff, snapN + 1), snapN));
          // A later snapshot's copy (another process's) is left as it is.
          if (!found.later && writeArraysFile(path, key, store.toCopy())) store.#open(path, key);
        }
      }
      store.catchUp(db);
      return store;
    })();
  }

  /**
   * Take the copy at `path` (written from `key`'s state, of every doc held or about to be) for the
   * bytes; the old copy and the bytes held go. Not opened (nothing changed) if it is not that copy;
   * `later` if it is a later snapshot's.
   */
  #open(path: string, key: ArraysKey): { opened: boolean; later: boolean } {
    const not = { opened: false, later: false };
    if (this.n > key.n) return not;
    const found = openArraysFile(path, key, OFFSET_PARTS, [BYTES_PART]);
    if (!found.copy) return { opened: false, later: found.later };
    const offsets = openedOffsets(found.copy, key.n);
    if (!offsets) {
      closeSync(found.copy.fd);
      return not;
    }
    this.close();
    const { at } = found.copy.left[BYTES_PART]!;
    this.#file = { fd: found.copy.fd, at, end: offsets.end };
    this.#off = offsets;
    this.#bytes = new Uint8Array(1 << 16);
    this.n = offsets.n;
    return { opened: true, later: false };
  }

  /** After a snapshot was written with its copy: take the copy, and let the bytes held go. */
  reopen(path: string, key: ArraysKey): void {
    if (key.n === this.n) this.#open(path, key);
  }

  /** Close the copy (the store is not used after). */
  close(): void {
    if (this.#file) closeSync(this.#file.fd);
    this.#file = undefined;
    this.#win = undefined;
    this.#winFrom = this.#winTo = 0;
  }

  #hold(bytes: Buffer, off: PackedOffsets): void {
    if (off.end > bytes.length) throw new Error('search index pinyin of the wrong size');
    // A view on the blob's own memory (no second copy); a doc appended later copies into room.
    this.close();
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
    const at = this.#off.end - this.#fileEnd();
    if (at + bytes.length > this.#bytes.length) {
      const next = new Uint8Array(Math.max(grown(this.#bytes.length), at + bytes.length));
      next.set(this.#bytes.subarray(0, at));
      this.#bytes = next;
    }
    this.#bytes.set(bytes, at);
    this.#off.push(bytes.length);
    this.n++;
  }

  #fileEnd(): number {
    return this.#file?.end ?? 0;
  }

  /** Every doc's bytes in one buffer (read from the copy, for writing a snapshot: held only then). */
  #all(): Buffer {
    const file = this.#file;
    const end = this.#off.end;
    if (!file) return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, end);
    const out = Buffer.allocUnsafeSlow(end);
    readFully(file.fd, file.end, file.at, out);
    out.set(this.#bytes.subarray(0, end - file.end), file.end);
    return out;
  }

  /** The blobs of what is held (for the arrays table: 4-byte offsets). */
  toBlobs(): { py: Buffer; pyoff: Buffer } {
    return this.snapshot().blobs;
  }

  /** The parts of the copy (`search/pinyin.bin`: the offsets packed). */
  toCopy(): Record<string, Uint8Array> {
    return this.snapshot().copy;
  }

  /** Both, from one read of every doc's bytes (`bytes`: 528 MB at a million pages). */
  snapshot(): { bytes: Buffer; blobs: { py: Buffer; pyoff: Buffer }; copy: Record<string, Uint8Array> } {
    const bytes = this.#all();
    const off = this.#off.toOffsets();
    return {
      bytes,
      blobs: { py: bytes, pyoff: Buffer.from(off.buffer, off.byteOffset, off.byteLength) },
      copy: { [BYTES_PART]: bytes, ...this.#off.toParts() },
    };
  }

  /**
   * Hold every doc's bytes (`bytes`, as snapshot() gave them) in memory and let the copy go, so that
   * its file can be replaced: Windows refuses to rename over a file held open. reopen() then takes
   * the new copy (and lets the bytes go again).
   */
  release(bytes: Buffer): void {
    if (!this.#file) return;
    if (bytes.length !== this.#off.end) throw new Error('search index pinyin of the wrong size');
    this.close();
    this.#bytes = bytes;
  }

  /**
   * Where doc d's bytes lie: in the array returned, from `#from` for `#len` bytes. Docs asked for in
   * ascending order (kinds) read the copy a stretch at a time: up to WINDOW bytes from the doc on,
   * as far as the docs after it in `docs` (from `x`) lie within it, so sparse candidates cost a small
   * read each and dense ones a 256 KB read for many.
   */
  #locate(d: number, docs: ArrayLike<number>, x: number): Uint8Array {
    const from = this.#off.start(d);
    const len = this.#off.length(d);
    this.#len = len;
    const file = this.#file;
    if (!file || from >= file.end) {
      this.#from = from - this.#fileEnd();
      return this.#bytes;
    }
    if (from < this.#winFrom || from + len > this.#winTo) {
      let to = from + len;
      for (let y = x + 1; y < docs.length; y++) {
        const e = docs[y]!;
        if (e >= this.n) break;
        const s = this.#off.start(e);
        const end = s + this.#off.length(e);
        if (s < from || end > file.end || end - from > WINDOW) break;
        to = end;
      }
      if (!this.#win || this.#win.length < to - from)
        this.#win = Buffer.allocUnsafeSlow(Math.max(WINDOW, to - from));
      readFully(file.fd, to - from, file.at + from, this.#win);
      this.#winFrom = from;
      this.#winTo = to;
    }
    this.#from = from - this.#winFrom;
    return this.#win!;
  }

  #from = 0;
  #len = 0;

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
    const limit = this.n;
    let heads = new Uint16Array(64);
    for (let x = 0; x < docs.length; x++) {
      const d = docs[x]!;
      if (d >= limit) continue;
      const bytes = this.#locate(d, docs, x);
      const from = this.#from;
      const to = from + this.#len;
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

  /** The plan of `letters` (made again for new letters, or when syllables came). */
  #planFor(letters: string): MatchPlan {
    const cached = this.#plan;
    if (cached?.letters === letters && cached.count === this.syllables.text.length) return cached;
    return (this.#plan = matchPlan(this.syllables.text, letters));
  }

  #plan: MatchPlan | undefined;

  /** Doc d's syllable numbers into `scratch`; returns how many. */
  #decode(d: number): number {
    const bytes = this.#locate(d, [d], 0);
    const from = this.#from;
    const to = from + this.#len;
    let k = 0;
    if (scratch.length < to - from) scratch = new Int32Array(to - from);
    for (let p = from; p < to;) {
      const b = bytes[p++]!;
      scratch[k++] = b < 0x80 ? b : ((b & 0x7f) << 8) | bytes[p++]!;
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

/** The copy's packed offsets, if they are of `n` docs and agree with its bytes. */
function openedOffsets(copy: OpenCopy, n: number): PackedOffsets | undefined {
  try {
    const offsets = PackedOffsets.fromParts(copy.parts as unknown as OffsetParts, n);
    return offsets.end === copy.left[BYTES_PART]!.length ? offsets : undefined;
  } catch {
    return undefined; // of the wrong size: the copy is passed over
  }
}
