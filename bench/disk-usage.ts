/**
 * A data folder's size on disk, by what the files hold: the catalog (`catalog*`), the search index
 * (`search/`), article bodies (`bodies/`), the library (`library*`) and the rest by name. Sizes are
 * allocated blocks (what the disk gives up), so a folder of many small files is not undercounted.
 * A catalog in SQLite holds the bodies too: its tables and indexes are measured apart (`dbstat`).
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';

async function sizeOf(path: string): Promise<number> {
  const st = await lstat(path);
  let bytes = st.blocks * 512;
  if (st.isDirectory()) for (const name of await readdir(path)) bytes += await sizeOf(join(path, name));
  return bytes;
}

function part(name: string): string {
  if (name.startsWith('catalog')) return 'catalog';
  if (name === 'search') return 'index';
  if (name === 'bodies') return 'bodies';
  if (name.startsWith('library')) return 'library';
  return name;
}

/** MB on disk per part, and `total`. */
export async function diskUsageMB(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const name of await readdir(dir)) {
    const bytes = await sizeOf(join(dir, name));
    const key = part(name);
    out[key] = (out[key] ?? 0) + bytes / 1e6;
    total += bytes;
  }
  out.total = total / 1e6;
  return out;
}

/** MB per table and index of an SQLite file (read-only; empty if it cannot be read so). */
export function sqliteTablesMB(file: string): Record<string, number> {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE').all() as {
        name: string;
        pgsize: number;
      }[];
      return Object.fromEntries(
        rows.sort((a, b) => b.pgsize - a.pgsize).map((r) => [r.name, r.pgsize / 1e6]),
      );
    } finally {
      db.close();
    }
  } catch {
    return {};
  }
}
