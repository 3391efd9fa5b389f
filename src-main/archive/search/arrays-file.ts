/**
 * Copies of the arrays blobs that opening reads (`search/arrays.bin`) and of the titles' pinyin
 * (`search/pinyin.bin`, read at the first pinyin query), each read with one file read: a blob read
 * from SQLite costs about five times a plain read of the same bytes on the bench machine (19 MB:
 * 370-500 ms against 75-90), at a million pages opening reads 200 MB of them, and SQLite hands a blob
 * over in a buffer of its own that is then copied (the pinyin, 660 MB there, held twice at its peak).
 *
 * The file is only a copy: `index.db` holds the same blobs and stays the truth. Its header names the
 * index's epoch, snapshot and doc count, and a file that does not match the state being read (missing,
 * written by another snapshot, cut short) is passed over for the blobs in `index.db`, then written
 * again from them. It is replaced whole (a temp file renamed over it), so a reader never sees half of
 * one.
 */
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const ARRAYS_FILE = 'arrays.bin';
export const PINYIN_FILE = 'pinyin.bin';
/** Every copy kept beside an index file (removed with it). */
export const COPY_FILES = [ARRAYS_FILE, PINYIN_FILE] as const;
const MAGIC = 'YLA1';

/** What a copy must have been written from to be read. */
export interface ArraysKey {
  epoch: string;
  snap: number;
  n: number;
}

interface Header extends ArraysKey {
  parts: { name: string; at: number; length: number }[];
}

/** A copy's path beside an index file. */
export function arraysFileOf(indexFile: string, name: (typeof COPY_FILES)[number] = ARRAYS_FILE): string {
  return join(dirname(indexFile), name);
}

/** Write the copy (best effort: without it, opening reads the blobs from the index file). */
export function writeArraysFile(path: string, key: ArraysKey, parts: Record<string, Uint8Array>): boolean {
  const names = Object.keys(parts).sort(); // the same bytes for the same parts, whoever writes them
  // Parts at 8-byte offsets, so each is viewed as its typed array without a copy.
  const align = (x: number): number => Math.ceil(x / 8) * 8;
  const layout: Header['parts'] = [];
  let at = 0;
  for (const name of names) {
    layout.push({ name, at, length: parts[name]!.length });
    at = align(at + parts[name]!.length);
  }
  const header = Buffer.from(JSON.stringify({ ...key, parts: layout } satisfies Header));
  const start = align(8 + header.length);
  const head = Buffer.alloc(start);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length, 4);
  header.copy(head, 8);
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  let fd: number | undefined;
  try {
    // Each part written where it lies (the gaps read as zeros): no second copy of hundreds of MB.
    fd = openSync(temp, 'w');
    writeAll(fd, head, 0);
    for (const p of layout) writeAll(fd, parts[p.name]!, start + p.at);
    // To the last part's padding: an empty last part lies at the padded end, and must not look cut.
    ftruncateSync(fd, start + at);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
    return true;
  } catch {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    return false;
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length;)
    done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** An open copy: the parts asked for read, the others left where they lie in the file. */
export interface OpenCopy {
  fd: number;
  parts: Record<string, Buffer>;
  /** File positions of the parts left in the file. */
  left: Record<string, { at: number; length: number }>;
}

/**
 * The copy opened, if it was written from `key`'s state and holds every one of `read` and `leave`:
 * `read` read into buffers of their own, `leave` left to positional reads through the descriptor
 * (the caller closes it). Else whether it is of a later snapshot of the same index (another
 * process's, to be left in place).
 */
export function openArraysFile(
  path: string,
  key: ArraysKey,
  read: readonly string[],
  leave: readonly string[] = [],
): { copy?: OpenCopy; later: boolean } {
  const none = { later: false };
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return none;
  }
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 8, 0);
    if (head.length < 8 || head.toString('latin1', 0, 4) !== MAGIC) return none;
    const length = head.readUInt32LE(4);
    let header: Header;
    try {
      header = JSON.parse(readAt(fd, length, 8).toString('utf8')) as Header;
    } catch {
      return none;
    }
    if (header.epoch !== key.epoch || header.snap !== key.snap || header.n !== key.n)
      return { later: header.epoch === key.epoch && header.snap > key.snap };
    const start = Math.ceil((8 + length) / 8) * 8;
    const where = new Map((header.parts ?? []).map((p) => [p.name, { at: start + p.at, length: p.length }]));
    const within = (name: string): boolean => {
      const w = where.get(name);
      return w !== undefined && w.at + w.length <= size;
    };
    if (![...read, ...leave].every(within)) return none;
    const parts: Record<string, Buffer> = {};
    for (const name of read) parts[name] = readAt(fd, where.get(name)!.length, where.get(name)!.at);
    const left = Object.fromEntries(leave.map((name) => [name, where.get(name)!]));
    const copy = { fd, parts, left };
    fd = -1; // the caller's now
    return { copy, later: false };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * `length` bytes at `position`, into `into` or a buffer of their own (not a slice of Node's pool: a
 * part starts aligned, to be viewed as its typed array without a copy); shorter if the file ends first.
 */
export function readAt(fd: number, length: number, position: number, into?: Uint8Array): Buffer {
  const out = into ? Buffer.from(into.buffer, into.byteOffset, length) : Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const got = readSync(fd, out, done, length - done, position + done);
    if (got === 0) break;
    done += got;
  }
  return done === length ? out : out.subarray(0, done);
}

/** readAt, all of it: a copy that ends first is cut short (another process's, or damaged). */
export function readFully(fd: number, length: number, position: number, into?: Uint8Array): Buffer {
  const got = readAt(fd, length, position, into);
  if (got.length !== length) throw new Error('search index copy cut short');
  return got;
}

/**
 * The parts of the copy, if it was written from `key`'s state and holds every one of `names`; else
 * whether it is of a later snapshot of the same index (another process's, to be left in place).
 */
export function readArraysFile(
  path: string,
  key: ArraysKey,
  names: readonly string[],
): { parts?: Record<string, Buffer>; later: boolean } {
  const found = openArraysFile(path, key, names);
  if (found.copy) closeSync(found.copy.fd);
  return found.copy ? { parts: found.copy.parts, later: false } : { later: found.later };
}
