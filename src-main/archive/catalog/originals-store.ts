/**
 * The saved pages' own HTML, for the reader's "original" view: `originals/<sha256>.html` in the data
 * folder, content-addressed like the pictures, so the same capture saved twice is one file. What is
 * kept is not the page as saved but its safe rewrite (catalog/original-page.ts): UTF-8, no script, no
 * link out, every picture the archive holds named `yuelan-media:<media name>`, which the shell serving
 * it turns into its own media route. An article names its original by the key `put` answers
 * (`Article.original`). Everything here can be rebuilt from the source files.
 *
 * Durability: a store opened with `deferSync` (the import's parse workers) writes and renames without
 * an fsync per file; the import calls `syncOriginals` for the keys its metadata will name before it
 * flushes that metadata (ingest/import-merge.ts `flushBatch`), so a file is on disk before anything
 * points at it, at the cost of one batch of fsyncs instead of one wait per page. A crash between the
 * rename and that sync can leave a short file under its key: `put` rewrites a file whose size is not
 * the content's (the key is the content's hash, so the right size is known).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/durable-json-file.js';
import { sweepFolder } from './media-store.js';

export const ORIGINALS_DIR = 'originals';
/** An original over this size (in UTF-8, after its pictures became media names) is not kept. */
export const ORIGINAL_MAX_BYTES = 8 * 1024 * 1024;
/** How a stored original names a picture of the media store; the shells rewrite it when serving. */
export const MEDIA_PLACEHOLDER = 'yuelan-media:';

const KEY = /^[0-9a-f]{64}$/;

/** True for a key this store could have made (64 lowercase hex digits): nothing else is ever read. */
export function isOriginalKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}

export class OriginalsStore {
  readonly folder: string;
  readonly #deferSync: boolean;

  /** `deferSync`: no fsync per file; the caller runs `syncOriginals` before naming them anywhere. */
  constructor(dataDir: string, options: { deferSync?: boolean } = {}) {
    this.folder = join(dataDir, ORIGINALS_DIR);
    this.#deferSync = options.deferSync ?? false;
  }

  /**
   * Keep a rewritten original (see `prepareOriginal`); answers its key, or undefined when it is
   * empty or over ORIGINAL_MAX_BYTES. Idempotent; temp file, fsync (unless deferred), rename.
   */
  async put(html: string): Promise<string | undefined> {
    const bytes = Buffer.from(html, 'utf8');
    if (bytes.length === 0 || bytes.length > ORIGINAL_MAX_BYTES) return undefined;
    const key = createHash('sha256').update(bytes).digest('hex');
    const file = join(this.folder, `${key}.html`);
    if ((await sizeOf(file)) === bytes.length) return key;
    await writeFileAtomic(file, bytes, { fsync: !this.#deferSync, fsyncDir: false });
    return key;
  }

  /** A kept original's HTML, or undefined for a bad key or a missing file. */
  async read(key: string): Promise<string | undefined> {
    if (!isOriginalKey(key)) return undefined;
    const file = join(this.folder, `${key}.html`);
    try {
      const info = await stat(file);
      if (!info.isFile() || info.size > ORIGINAL_MAX_BYTES) return undefined;
      return await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  async has(key: string): Promise<boolean> {
    return isOriginalKey(key) && exists(join(this.folder, `${key}.html`));
  }

  /** Remove originals whose key is not in `keep`, older than `olderThanMs` (see MediaStore.sweep). */
  async sweep(keep: Iterable<string>, olderThanMs = 60 * 60 * 1000): Promise<number> {
    const names = new Set([...keep].map((key) => `${key}.html`));
    return sweepFolder(this.folder, names, olderThanMs, (name) => /^[0-9a-f]{64}\.html$/.test(name));
  }
}

/**
 * Make the originals of `keys` durable (see the module comment): each file's data, many at a time so
 * the file system commits them together, then the folder once (their renames). A key with no file is
 * skipped. Answers how many files were synced.
 */
export async function syncOriginals(dataDir: string, keys: Iterable<string>): Promise<number> {
  const folder = join(dataDir, ORIGINALS_DIR);
  const queue = [...new Set(keys)].filter(isOriginalKey);
  let synced = 0;
  const worker = async (): Promise<void> => {
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      const handle = await open(join(folder, `${key}.html`), 'r').catch(() => undefined);
      if (!handle) continue;
      try {
        await handle.sync();
        synced++;
      } finally {
        await handle.close();
      }
    }
  };
  if (queue.length === 0) return 0;
  await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
  const dir = await open(folder, constants.O_RDONLY | constants.O_DIRECTORY).catch(() => undefined);
  if (dir) {
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
  return synced;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
