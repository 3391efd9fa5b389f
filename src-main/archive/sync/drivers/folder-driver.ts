/**
 * A folder as the sync target: a local one, or one that Syncthing, Dropbox or iCloud Drive carries to
 * the other devices. Each file is written under a temporary name, flushed, then renamed into place.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncTargetError, TEMP_PREFIX, tempName, type RemoteFile, type SyncDriver } from './driver.js';

export class FolderDriver implements SyncDriver {
  constructor(readonly root: string) {}

  get label(): string {
    return this.root;
  }

  async prepare(): Promise<void> {
    await this.#guard(() => mkdir(join(this.root, 'items'), { recursive: true }));
  }

  async list(): Promise<RemoteFile[]> {
    const dir = join(this.root, 'items');
    const names = await this.#guard(() => readdir(dir));
    const files: RemoteFile[] = [];
    for (const name of names) {
      if (name.startsWith(TEMP_PREFIX) || name.startsWith('.')) continue;
      const st = await stat(join(dir, name)).catch(() => undefined);
      if (st?.isFile()) files.push({ name, etag: `${st.mtimeMs}:${st.size}:${st.ino}` });
    }
    return files;
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(join(this.root, path));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.#problem(err);
    }
  }

  async write(path: string, data: Uint8Array): Promise<void> {
    const final = join(this.root, path);
    const tmp = join(this.root, 'items', tempName());
    await this.#guard(async () => {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, final);
    });
  }

  async remove(path: string): Promise<void> {
    await this.#guard(() => rm(join(this.root, path), { force: true }));
  }

  async #guard<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (err) {
      throw this.#problem(err);
    }
  }

  #problem(err: unknown): SyncTargetError {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      return new SyncTargetError('full', `The sync folder ${this.root} is full.`);
    if (code === 'ENOENT')
      return new SyncTargetError('notFound', `The sync folder ${this.root} is not there.`);
    if (code === 'EACCES' || code === 'EPERM') {
      return new SyncTargetError('auth', `Yuelan may not write in the sync folder ${this.root}.`);
    }
    return new SyncTargetError(
      'unreachable',
      `The sync folder ${this.root} could not be used: ${(err as Error).message}`,
    );
  }
}
