import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Imported sources another process has committed to the data folder's catalog (0 before it exists). */
export function committedSources(data: string): number {
  try {
    const db = new Database(join(data, 'catalog.db'), { readonly: true, fileMustExist: true });
    try {
      return (
        db.prepare("SELECT count(*) AS n FROM sources WHERE status = 'imported'").get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/**
 * Start tests/store/bulk-child.ts (a bulk import of `folder` into `data` in small batches) and wait
 * until it has committed at least `from` sources, and fewer than `below` (it is mid-import then);
 * returns the child, when it exited, and how many sources were committed when this returned.
 */
export async function bulkChildUnderway(
  data: string,
  folder: string,
  from: number,
  below: number,
): Promise<{ child: ChildProcess; exited: Promise<unknown>; seen: number }> {
  const script = join(import.meta.dirname, '..', 'store', 'bulk-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, data, folder], { stdio: 'inherit' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let seen = 0;
  for (let i = 0; i < 1200 && !(seen >= from && seen < below); i++) {
    await new Promise((r) => setTimeout(r, 25));
    seen = committedSources(data);
  }
  return { child, exited, seen };
}
