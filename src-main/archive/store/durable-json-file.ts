/**
 * A lowdb adapter that survives power loss: lowdb's stock JSONFile renames a temp file into place but
 * never fsyncs, so a crash can leave an empty or stale file. This one writes a temp file, fsyncs it,
 * renames it over the old one and fsyncs the folder, and serialises writes so they never interleave.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, readFile, mkdir, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class StoreCorruptError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${basename(file)} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreCorruptError';
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  #queue: Promise<void> = Promise.resolve();
  #seq = 0;

  constructor(
    readonly file: string,
    private readonly indent = 0,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new StoreCorruptError(this.file, err);
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, this.indent || undefined);
    const run = this.#queue.then(() => writeFileDurably(this.file, text, ++this.#seq));
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** Write `text` to `file` atomically and durably (temp file, fsync, rename, fsync folder). */
export async function writeFileDurably(file: string, text: string | Uint8Array, seq = 0): Promise<void> {
  await writeFileAtomic(file, text, { seq });
}

export interface AtomicWriteOptions {
  /** fsync the file before its rename (default true); false when the caller syncs a batch later. */
  fsync?: boolean;
  /** fsync the folder after the rename, so the new name survives power loss (default true). */
  fsyncDir?: boolean;
  /** A caller's sequence number, for temp names that say which write they belong to. */
  seq?: number;
}

let tempSeq = 0;

/**
 * Write `data` to `file` through a temp file and a rename, so a reader sees the old file or the new
 * one, never half of it. Temp names are unique across processes and worker threads (which share a pid).
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const unique = `${process.pid}.${options.seq ?? ++tempSeq}.${randomBytes(4).toString('hex')}`;
  const tmp = join(dir, `.${basename(file)}.${unique}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    if (options.fsync ?? true) await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(tmp, file);
  if (options.fsyncDir ?? true) await syncDir(dir);
}

/** fsync a folder, so a new or renamed entry in it survives power loss. */
export async function syncDir(dir: string): Promise<void> {
  // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
