/**
 * Finding catalog.db at open. A data folder from before (catalog.json with body packs) is migrated
 * first (catalog-migration.ts). Everything in the catalog can be rebuilt from the source files, so a
 * file that will not open is set aside rather than repaired, and a new one is made.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogFileUnreadable, openCatalogDb, type Db } from './catalog-schema.js';
import { migrateOldCatalog, type MigrationOutcome, type MigrationTarget } from './catalog-migration.js';

export interface OpenedCatalog {
  db: Db;
  migration: MigrationOutcome | undefined;
  /** Set when the catalog was unreadable and was moved aside (the path it was moved to). */
  recoveredFrom: string | undefined;
  /** Why it was unreadable. */
  recoveryReason: string | undefined;
}

/** `migrationTarget` opens a store on the migration's temporary file. */
export async function openCatalogFile(
  dataDir: string,
  migrationTarget: (file: string) => MigrationTarget,
  onMigrateProgress?: (progress: { done: number; total: number }) => void,
): Promise<OpenedCatalog> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'catalog.db');
  let migration: MigrationOutcome | undefined;
  if (!existsSync(file))
    migration = await migrateOldCatalog(dataDir, file, migrationTarget, onMigrateProgress);
  let db: Db;
  let recoveredFrom: string | undefined;
  let recoveryReason: string | undefined;
  try {
    db = openCatalogDb(file);
  } catch (err) {
    if (!(err instanceof CatalogFileUnreadable)) throw err;
    // Anything that keeps the file from opening would stop every later start too: it is set aside
    // and the catalog rebuilt from the source files.
    recoveredFrom = `${file}.corrupt-${Date.now()}`;
    recoveryReason = err.message.split('\n')[0]!.slice(0, 200);
    await rename(file, recoveredFrom);
    for (const side of ['-wal', '-shm']) await rename(file + side, recoveredFrom + side).catch(() => {});
    db = openCatalogDb(file);
  }
  if (migration?.unreadable) {
    recoveredFrom = migration.setAside;
    recoveryReason = migration.unreadable;
  }
  if (migration?.failed) {
    // The old files stay where they are; this catalog is rebuilt from the sources meanwhile.
    recoveredFrom = join(dataDir, 'catalog.json');
    recoveryReason = migration.failed;
  }
  return { db, migration, recoveredFrom, recoveryReason };
}
