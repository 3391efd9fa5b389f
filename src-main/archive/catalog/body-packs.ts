/**
 * Article bodies on disk, apart from the catalog's metadata: append-only pack files
 * (bodies/pack-NNNN.bin: one JSON record per source page) whose offsets the catalog keeps, so 100,000
 * pages are a few files, not 100,000, and a batch costs one fsync, not one per page. Older data
 * folders keep one file per page (bodies/xx/<sha>.json); those are still read. Records are parsed on
 * demand and the most recent kept in memory; a pack nothing points at any more is deleted.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from '../store/durable-json-file.js';
import type { ArticleImage, Block } from '../model.js';

export interface ArticleBody {
  blocks: Block[];
  byline?: string;
  /** A saved page's pictures, which its figure blocks point into. */
  images?: ArticleImage[];
}

/** Where a page's bodies sit: pack number, byte offset, byte length. */
export type PackRef = [pack: number, offset: number, length: number];

/** A pack is closed and a new one started past this size (keeps files and a future compaction small). */
const PACK_MAX_BYTES = 256 * 1024 * 1024;
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
  /** Bodies put since the last flush: written to a pack (and fsynced) before the metadata. */
  #pending = new Map<string, string>();
  /** Live bytes per pack, to delete a pack once nothing in it is referenced. */
  #packLive = new Map<number, number>();
  /** Packs open for reading, each closed when idle (so a deleted data folder is not held open). */
  #readers = new Map<number, { fd: number; timer?: NodeJS.Timeout }>();
  /** The pack write under way, if any (writes are one at a time). */
  #writing: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  /** Forget everything (the catalog is being read again), closing the open packs. */
  clear(): void {
    this.#packIndex.clear();
    this.#packLive.clear();
    this.#pending.clear();
    this.#cache.clear();
    for (const pack of [...this.#readers.keys()]) this.#closeReader(pack);
  }

  /** The pack index as the catalog file keeps it. */
  load(packs: Record<string, PackRef>): void {
    for (const [ref, at] of Object.entries(packs)) {
      this.#packIndex.set(ref, at);
      this.#packLive.set(at[0], (this.#packLive.get(at[0]) ?? 0) + at[2]);
    }
  }

  index(): Record<string, PackRef> {
    return Object.fromEntries(this.#packIndex);
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
      const pending = this.#pending.get(ref);
      const at = this.#packIndex.get(ref);
      // Never handed to a reader or the indexer whole (see oversizedSources).
      if (at && at[2] > MAX_BODY_RECORD_BYTES) throw new BodyRecordTooLarge('body record too large');
      const text = pending ?? (at ? this.#readPack(at) : await readFile(this.#legacyPath(ref), 'utf8'));
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

  /** Whether a body record is known for this reference (written or waiting for the next flush). */
  has(ref: string): boolean {
    return this.#pending.has(ref) || this.#packIndex.has(ref);
  }

  /**
   * Keep the bodies a source page gave. They reach the disk at the next flush, before the metadata
   * that points at them; until then they are served from memory.
   */
  put(ref: string, bodies: Record<string, ArticleBody>): void {
    checkRef(ref);
    this.#pending.set(ref, JSON.stringify(bodies));
    this.#cache.delete(ref);
    this.#cache.set(ref, bodies);
  }

  async remove(ref: string): Promise<void> {
    checkRef(ref);
    this.#cache.delete(ref);
    this.#pending.delete(ref);
    const at = this.#packIndex.get(ref);
    if (at) {
      this.#packIndex.delete(ref);
      const live = (this.#packLive.get(at[0]) ?? 0) - at[2];
      this.#packLive.set(at[0], live);
      // A pack nothing points at any more goes (the metadata that still lists it points at no article).
      if (live <= 0 && at[0] !== this.#currentPack()) {
        this.#packLive.delete(at[0]);
        this.#closeReader(at[0]);
        await rm(this.#packPath(at[0]), { force: true });
      }
    }
    await rm(this.#legacyPath(ref), { force: true });
  }

  #currentPack(): number {
    let max = 0;
    for (const p of this.#packLive.keys()) max = Math.max(max, p);
    return max;
  }

  /** Append the pending bodies to the current pack and fsync it: one write and one sync per batch. */
  /**
   * Append the pending bodies to the current pack and fsync it. Writes run one at a time, and bodies
   * put while one runs (a web archive's, as it is read) wait for the next.
   */
  writePending(): Promise<void> {
    const run = this.#writing.then(() => this.#write());
    this.#writing = run.catch(() => undefined);
    return run;
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    await mkdir(this.dir, { recursive: true });
    let pack = Math.max(1, this.#currentPack());
    let handle = await open(this.#packPath(pack), 'a');
    try {
      // Append at the real end: a crash may have left an unreferenced tail, which is simply skipped.
      let offset = (await handle.stat()).size;
      if (offset >= PACK_MAX_BYTES) {
        await handle.close();
        pack++;
        handle = await open(this.#packPath(pack), 'a');
        offset = (await handle.stat()).size;
      }
      const created = offset === 0;
      const placed: [string, PackRef][] = [];
      const chunks: Buffer[] = [];
      const taken = [...this.#pending];
      for (const [ref, text] of taken) {
        const buf = Buffer.from(text, 'utf8');
        placed.push([ref, [pack, offset, buf.length]]);
        chunks.push(buf);
        offset += buf.length;
      }
      await handle.writeFile(Buffer.concat(chunks));
      await handle.sync();
      // A new pack's name must survive a power loss too, before the metadata that names it.
      if (created) await syncDir(this.dir);
      for (const [ref, at] of placed) {
        const old = this.#packIndex.get(ref);
        if (old) this.#packLive.set(old[0], (this.#packLive.get(old[0]) ?? 0) - old[2]);
        this.#packIndex.set(ref, at);
        this.#packLive.set(pack, (this.#packLive.get(pack) ?? 0) + at[2]);
      }
      if (!this.#packLive.has(pack)) this.#packLive.set(pack, 0);
      // Only what was written leaves the pending list (a body put again meanwhile stays).
      for (const [ref, text] of taken) if (this.#pending.get(ref) === text) this.#pending.delete(ref);
    } finally {
      await handle.close();
    }
  }
}

function checkRef(ref: string): void {
  if (!/^[0-9a-f]{8,64}$/.test(ref)) throw new Error(`bad body reference ${ref}`);
}
