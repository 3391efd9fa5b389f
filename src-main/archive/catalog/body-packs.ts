/**
 * Reading the article bodies of a data folder from before the SQLite catalog, for its migration
 * (catalog-migration.ts): append-only pack files (bodies/pack-NNNN.bin, one JSON record per source
 * page) whose offsets catalog.json kept, or, in older folders still, one file per page
 * (bodies/xx/<sha>.json).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleBody } from './body-records.js';

/** Where a page's bodies sit: pack number, byte offset, byte length. */
export type PackRef = [pack: number, offset: number, length: number];

/** An open pack is closed after this long without a read (an index build reads thousands in a row). */
const PACK_IDLE_MS = 2000;
/** Parsed body records kept in memory (one per source page). */
const BODY_CACHE_MAX = 512;

/**
 * One page's body record is at most a few MB under the import limits (an article body of at most
 * MAX_BODY_CHARS characters); a larger one was imported before the limits existed.
 */
export const MAX_BODY_RECORD_BYTES = 8 * 1024 * 1024;

class BodyRecordTooLarge extends Error {}

export class BodyPacks {
  #cache = new Map<string, Record<string, ArticleBody>>();
  #packIndex = new Map<string, PackRef>();
  /** Packs open for reading, each closed when idle (so a deleted data folder is not held open). */
  #readers = new Map<number, { fd: number; timer?: NodeJS.Timeout }>();

  constructor(readonly dir: string) {}

  /** Forget everything (the catalog is being read again), closing the open packs. */
  clear(): void {
    this.#packIndex.clear();
    this.#cache.clear();
    for (const pack of [...this.#readers.keys()]) this.#closeReader(pack);
  }

  /** The pack index as the catalog file keeps it. */
  load(packs: Record<string, PackRef>): void {
    for (const [ref, at] of Object.entries(packs)) {
      this.#packIndex.set(ref, at);
    }
  }

  /** References whose record is larger than the importer writes now (see MAX_BODY_RECORD_BYTES). */
  oversized(): Set<string> {
    const refs = new Set<string>();
    for (const [ref, at] of this.#packIndex) if (at[2] > MAX_BODY_RECORD_BYTES) refs.add(ref);
    return refs;
  }

  async read(ref: string, keep = true): Promise<Record<string, ArticleBody>> {
    const cached = this.#cache.get(ref);
    if (cached) return cached;
    let parsed: Record<string, ArticleBody>;
    try {
      const at = this.#packIndex.get(ref);
      // Never handed to a reader or the indexer whole (see oversizedSources).
      if (at && at[2] > MAX_BODY_RECORD_BYTES) throw new BodyRecordTooLarge('body record too large');
      const text = at ? this.#readPack(at) : await readFile(this.#legacyPath(ref), 'utf8');
      parsed = JSON.parse(text) as Record<string, ArticleBody>;
    } catch {
      // A missing or damaged body record: the metadata still shows; a re-import restores the body.
      parsed = {};
    }
    if (!keep) return parsed;
    // Oldest out first (Map keeps insertion order): a page of hits does not flush the whole cache.
    if (this.#cache.size >= BODY_CACHE_MAX) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(ref, parsed);
    return parsed;
  }

  /**
   * One record by a positional read on a kept-open descriptor. Synchronous on purpose: a record is a
   * few KB from the page cache (microseconds), while a thread-pool round trip per hit cost whole
   * milliseconds of scheduling on a busy machine — most of a query's time.
   */
  #readPack([pack, offset, length]: PackRef): string {
    let reader = this.#readers.get(pack);
    if (!reader) {
      reader = { fd: openSync(this.#packPath(pack), 'r') };
      this.#readers.set(pack, reader);
    }
    clearTimeout(reader.timer);
    reader.timer = setTimeout(() => this.#closeReader(pack), PACK_IDLE_MS);
    reader.timer.unref();
    const buf = Buffer.allocUnsafe(length);
    const n = readSync(reader.fd, buf, 0, length, offset);
    if (n !== length) throw new Error('short body record');
    return buf.toString('utf8');
  }

  #closeReader(pack: number): void {
    const reader = this.#readers.get(pack);
    if (!reader) return;
    this.#readers.delete(pack);
    clearTimeout(reader.timer);
    closeSync(reader.fd);
  }

  #packPath(pack: number): string {
    return join(this.dir, `pack-${String(pack).padStart(4, '0')}.bin`);
  }

  #legacyPath(ref: string): string {
    checkRef(ref);
    return join(this.dir, ref.slice(0, 2), `${ref}.json`);
  }
}

function checkRef(ref: string): void {
  if (!/^[0-9a-f]{8,64}$/.test(ref)) throw new Error(`bad body reference ${ref}`);
}
