import Database from 'better-sqlite3';
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
