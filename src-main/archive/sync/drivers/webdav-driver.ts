/**
 * A WebDAV folder as the sync target (Nextcloud, ownCloud, a NAS, rclone, Apache mod_dav), through the
 * `webdav` package. Uploads PUT a temporary name then MOVE it over the final one. Every request has a
 * time limit; the server's refusals become SyncTargetErrors the user can act on.
 */
import { createClient, type FileStat, type WebDAVClient } from 'webdav';
import { SyncTargetError, TEMP_PREFIX, tempName, type RemoteFile, type SyncDriver } from './driver.js';

export interface WebDavTarget {
  url: string;
  user: string;
  password: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

export class WebDavDriver implements SyncDriver {
  readonly #client: WebDAVClient;
  readonly #timeoutMs: number;

  constructor(private readonly target: WebDavTarget) {
    this.#client = createClient(target.url, { username: target.user, password: target.password });
    this.#timeoutMs = target.timeoutMs ?? 30_000;
  }

  get label(): string {
    return this.target.url;
  }

  async prepare(): Promise<void> {
    // The folder itself (Nextcloud's `…/files/USER/Yuelan`) is made when its parent is there.
    if (!(await this.#call((signal) => this.#client.exists('/', { signal })))) {
      await this.#call((signal) => this.#client.createDirectory('/', { signal }));
    }
    const exists = await this.#call((signal) => this.#client.exists('/items', { signal }));
    if (!exists) await this.#call((signal) => this.#client.createDirectory('/items', { signal }));
  }

  async list(): Promise<RemoteFile[]> {
    const entries = (await this.#call((signal) =>
      this.#client.getDirectoryContents('/items', { signal }),
    )) as FileStat[];
    return entries
      .filter((e) => e.type === 'file' && !e.basename.startsWith(TEMP_PREFIX) && !e.basename.startsWith('.'))
      .map((e) => ({ name: e.basename, etag: e.etag ?? `${e.lastmod}:${e.size}` }));
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    try {
      const data = await this.#call((signal) =>
        this.#client.getFileContents(`/${path}`, { format: 'binary', signal }),
      );
      return new Uint8Array(data as ArrayBuffer);
    } catch (err) {
      if (err instanceof SyncTargetError && err.problem === 'notFound') return undefined;
      throw err;
    }
  }

  async write(path: string, data: Uint8Array): Promise<void> {
    const tmp = `/items/${tempName()}`;
    await this.#call((signal) =>
      this.#client.putFileContents(tmp, Buffer.from(data), { overwrite: true, signal }),
    );
    try {
      await this.#call((signal) => this.#client.moveFile(tmp, `/${path}`, { overwrite: true, signal }));
    } catch (err) {
      await this.#client.deleteFile(tmp).catch(() => undefined);
      throw err;
    }
  }

  async remove(path: string): Promise<void> {
    try {
      await this.#call((signal) => this.#client.deleteFile(`/${path}`, { signal }));
    } catch (err) {
      if (!(err instanceof SyncTargetError && err.problem === 'notFound')) throw err;
    }
  }

  async #call<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await request(AbortSignal.timeout(this.#timeoutMs));
    } catch (err) {
      throw this.#problem(err);
    }
  }

  #problem(err: unknown): SyncTargetError {
    const status = (err as { status?: number }).status;
    const where = this.target.url;
    if (status === 401 || status === 403) {
      return new SyncTargetError(
        'auth',
        `The WebDAV server at ${where} refused the user name or password (${status}).`,
      );
    }
    if (status === 404 || status === 409)
      return new SyncTargetError('notFound', `${where}: no such folder (${status}).`);
    if (status === 507)
      return new SyncTargetError('full', `The WebDAV server at ${where} is out of space (507).`);
    if (status !== undefined)
      return new SyncTargetError('server', `The WebDAV server at ${where} answered ${status}.`);
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new SyncTargetError('timeout', `The WebDAV server at ${where} did not answer in time.`);
    }
    return new SyncTargetError(
      'unreachable',
      `The WebDAV server at ${where} could not be reached: ${(err as Error).message}`,
    );
  }
}
