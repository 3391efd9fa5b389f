/**
 * The saved pages' own HTML, for the reader's "original" view: `originals/<sha256>.html` in the data
 * folder, content-addressed like the pictures, so the same capture saved twice is one file. What is
 * kept is not the page as saved but its safe rewrite (catalog/original-page.ts): UTF-8, no script, no
 * link out, every picture the archive holds named `yuelan-media:<media name>`, which the shell serving
 * it turns into its own media route. An article names its original by the key `put` answers
 * (`Article.original`). Everything here can be rebuilt from the source files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
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

let tempSeq = 0;

export class OriginalsStore {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, ORIGINALS_DIR);
  }

  /**
   * Keep a rewritten original (see `prepareOriginal`); answers its key, or undefined when it is
   * empty or over ORIGINAL_MAX_BYTES. Idempotent; temp file, fsync, rename.
   */
  async put(html: string): Promise<string | undefined> {
    const bytes = Buffer.from(html, 'utf8');
    if (bytes.length === 0 || bytes.length > ORIGINAL_MAX_BYTES) return undefined;
    const key = createHash('sha256').update(bytes).digest('hex');
    const file = join(this.folder, `${key}.html`);
    if (await exists(file)) return key;
    await mkdir(this.folder, { recursive: true });
    const tmp = join(
      this.folder,
      `.${key}.${process.pid}.${++tempSeq}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      await rename(tmp, file);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
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

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
