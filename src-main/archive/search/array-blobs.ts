/**
 * The `arrays` table's blobs, each written as rows of at most `BLOB_PART.bytes`: the first under the
 * blob's name, the rest as `name:1`, `name:2`… Binding a blob copies it, and SQLite builds the row in
 * memory once more, so one row of the titles' pinyin (528 MB at a million pages) cost a gigabyte for
 * the moment of its insert; and a row is refused past SQLite's 1 GB limit, which a larger archive
 * reaches. Blobs written whole before (one row) read the same.
 */
import type { Db } from './index-db.js';

/** Bytes a row holds at most (lowered by tests). */
export const BLOB_PART = { bytes: 32 << 20 };

const PART_SEP = ':';

/** Replace every blob with `blobs`. Call inside the transaction that writes what goes with them. */
export function writeBlobs(db: Db, blobs: Record<string, Uint8Array>): void {
  db.exec('DELETE FROM arrays');
  const put = db.prepare('INSERT INTO arrays (name, data) VALUES (?, ?)');
  const size = BLOB_PART.bytes;
  for (const [name, data] of Object.entries(blobs)) {
    put.run(name, data.subarray(0, size));
    for (let at = size, i = 1; at < data.length; at += size, i++)
      put.run(`${name}${PART_SEP}${i}`, data.subarray(at, at + size));
  }
}

/** The blobs named, their parts put together (only the lengths read first, then a part at a time). */
export function readBlobs<N extends string>(db: Db, names: readonly N[]): Partial<Record<N, Buffer>> {
  const wanted = new Set<string>(names);
  const parts = new Map<string, { row: string; i: number; length: number }[]>();
  for (const { name, length } of db.prepare('SELECT name, length(data) AS length FROM arrays').all() as {
    name: string;
    length: number;
  }[]) {
    const sep = name.indexOf(PART_SEP);
    const base = sep < 0 ? name : name.slice(0, sep);
    if (!wanted.has(base)) continue;
    const i = sep < 0 ? 0 : Number(name.slice(sep + 1));
    if (!Number.isInteger(i) || i < 0) throw new Error(`search index blob part ${name} unreadable`);
    let list = parts.get(base);
    if (!list) parts.set(base, (list = []));
    list.push({ row: name, i, length });
  }
  const one = db.prepare('SELECT data FROM arrays WHERE name = ?').pluck();
  const out: Partial<Record<string, Buffer>> = {};
  for (const [base, list] of parts) {
    list.sort((a, b) => a.i - b.i);
    if (list.some((p, i) => p.i !== i)) throw new Error(`search index blob ${base} has parts missing`);
    if (list.length === 1) {
      out[base] = one.get(base) as Buffer;
      continue;
    }
    const whole = Buffer.allocUnsafeSlow(list.reduce((sum, p) => sum + p.length, 0));
    let at = 0;
    for (const p of list) {
      const data = one.get(p.row) as Buffer;
      whole.set(data, at);
      at += data.length;
    }
    out[base] = whole;
  }
  return out as Partial<Record<N, Buffer>>;
}
