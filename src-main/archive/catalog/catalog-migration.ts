/**
 * First open of a data folder written before the SQLite catalog: catalog.json (version 1: sources
 * list their article ids, articles their source paths; version 2: articles name sources by
 * position) and its bodies (pack files, or one file per page before packs) are copied into a new
 * catalog.db. The copy is made beside it and renamed into place only when complete, so a failed or
 * interrupted migration leaves the old files exactly as they were (and says so); a completed one
 * removes them. The library (library.json) is never touched.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from '../store/file-lock.js';
import type { SourceRecord } from '../model.js';
import { upgradeSourceReason } from '../ingest/import-reason.js';
import { BodyPacks, type PackRef } from './body-packs.js';
import type { StoredArticle } from './article-rows.js';
import type { ArticleBody } from './body-records.js';

/** What a migration did, for the shells to say (see ArchiveCore.recoveryNotices). */
export interface MigrationOutcome {
  /** Articles and sources copied. */
  articles: number;
  sources: number;
  /** Sources whose body record was past the import limits: imported again after opening. */
  oversized: string[];
  /** The old catalog could not be read at all: set aside here, and the catalog rebuilt from sources. */
  unreadable?: string;
  setAside?: string;
  /** The copy failed (disk full, a damaged pack): the old files stay where they were. */
  failed?: string;
}

/** What the copy writes to (a CatalogStore on the new file). */
export interface MigrationTarget {
  putSource(source: SourceRecord): void;
  putArticle(article: StoredArticle): void;
  putBodies(ref: string, bodies: Record<string, ArticleBody>): Promise<void>;
  flush(): Promise<void>;
  close(): void;
}

interface OldCatalog {
  version?: number;
  sources: (Omit<SourceRecord, 'articleIds'> & { articleIds?: string[] })[];
  articles: (Omit<StoredArticle, 'sources'> & { sources: (string | number)[] })[];
  packs?: Record<string, PackRef>;
}

/** V8 strings end near 512 MiB: a catalog.json past this could never be read (see issue #15). */
export const MAX_OLD_CATALOG_BYTES = 480 * 1024 * 1024;
/** Articles between two progress reports. */
const PROGRESS_EVERY = 2000;

/**
 * Migrate `<dataDir>/catalog.json` into `dbFile` when there is one and no catalog.db yet. `open`
 * makes a CatalogStore on a new file (passed in to keep this module free of the store's code).
 */
export async function migrateOldCatalog(
  dataDir: string,
  dbFile: string,
  open: (file: string) => MigrationTarget,
  onProgress?: (progress: { done: number; total: number }) => void,
): Promise<MigrationOutcome | undefined> {
  const json = join(dataDir, 'catalog.json');
  if (!existsSync(json)) return undefined;
  // Two processes opening an old folder at once: one migrates, the other finds catalog.db after.
  return withFileLock(
    join(dataDir, 'catalog.migrate.lock'),
    async () => {
      if (existsSync(dbFile)) return undefined;
      let old: OldCatalog;
      try {
        old = await readOld(json);
      } catch (err) {
        const setAside = `${json}.corrupt-${Date.now()}`;
        await rename(json, setAside);
        return { articles: 0, sources: 0, oversized: [], unreadable: firstLine(err), setAside };
      }
      const temp = `${dbFile}.migrating`;
      await removeDb(temp);
      try {
        const outcome = await copy(old, dataDir, open(temp), onProgress);
        await rename(temp, dbFile);
        await rm(json, { force: true });
        await rm(join(dataDir, 'bodies'), { recursive: true, force: true });
        return outcome;
      } catch (err) {
        await removeDb(temp);
        return { articles: 0, sources: 0, oversized: [], failed: firstLine(err) };
      }
    },
    10 * 60_000,
  );
}

async function readOld(file: string): Promise<OldCatalog> {
  const size = (await stat(file)).size;
  if (size > MAX_OLD_CATALOG_BYTES) throw new Error(`${size} bytes, past what can be read`);
  const data = JSON.parse((await readFile(file)).toString('utf8')) as OldCatalog;
  if (!Array.isArray(data.articles) || !Array.isArray(data.sources)) throw new Error('not a catalog');
  return data;
}

async function copy(
  old: OldCatalog,
  dataDir: string,
  target: MigrationTarget,
  onProgress?: (progress: { done: number; total: number }) => void,
): Promise<MigrationOutcome> {
  try {
    const paths = old.sources.map((s) => s.path);
    for (const s of old.sources) {
      const { articleIds: _ids, ...rest } = s;
      // Reasons written as sentences (before they were data) become data on the way.
      const record = { ...rest, articleIds: [] };
      target.putSource(upgradeSourceReason(record) ?? record);
    }
    const packs = new BodyPacks(join(dataDir, 'bodies'));
    packs.load(old.packs ?? {});
    const oversizedRefs = packs.oversized();
    const copied = new Set<string>();
    const total = old.articles.length;
    onProgress?.({ done: 0, total });
    for (let i = 0; i < total; i++) {
      const a = old.articles[i]!;
      const sources = a.sources
        .map((p) => (typeof p === 'number' ? paths[p] : p))
        .filter((p): p is string => !!p);
      const article = { ...a, sources } as StoredArticle;
      const ref = article.bodyRef;
      if (ref && !copied.has(ref) && !oversizedRefs.has(ref)) {
        copied.add(ref);
        // A body the old folder lost is left out; the article's metadata still comes across.
        const bodies = await packs.read(ref, false);
        if (Object.keys(bodies).length) await target.putBodies(ref, bodies);
      }
      target.putArticle(article);
      if ((i + 1) % PROGRESS_EVERY === 0) {
        onProgress?.({ done: i + 1, total });
        await new Promise((r) => setImmediate(r));
      }
    }
    packs.clear();
    await target.flush();
    onProgress?.({ done: total, total });
    const oversized = old.sources
      .filter((s) => s.status === 'imported' && s.sha256 && oversizedRefs.has(s.sha256))
      .map((s) => s.path);
    return { articles: total, sources: old.sources.length, oversized };
  } finally {
    target.close();
  }
}

async function removeDb(file: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(file + suffix, { force: true });
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}
