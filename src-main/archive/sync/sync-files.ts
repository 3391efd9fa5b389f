/**
 * What sync keeps beside library.json, in `sync/` of the data folder:
 * - config.json: the target (a WebDAV address and user, or a folder) and whether it is encrypted;
 * - state.json: this device's id and clock, every item as last merged, what each target file held,
 *   the last sync's result;
 * - secrets.json (mode 0600): the WebDAV password and the key derived from the passphrase, sealed by
 *   the app's SecretSealer (Electron's safeStorage) where there is one. Never in library.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../store/durable-json-file.js';
import type { ItemState } from './item-model.js';
import type { SyncResult, SyncTarget } from './sync-types.js';

export type { SyncResult, SyncTarget };

export const SYNC_DIR = 'sync';

/** The setup is missing, broken or does not fit the target: the user sets up again. */
export class SyncSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncSetupError';
  }
}

export const targetSchema: z.ZodType<SyncTarget> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webdav'), url: z.url(), user: z.string() }),
  z.object({ type: z.literal('folder'), path: z.string().min(1) }),
]);

const configSchema = z.object({
  v: z.literal(1),
  target: targetSchema,
  encrypted: z.boolean(),
  setupAt: z.string(),
});
export type SyncConfig = z.infer<typeof configSchema>;

export interface SyncState {
  v: 1;
  deviceId: string;
  clock?: string;
  items: Record<string, ItemState>;
  /** Per target file: its etag when last read (null: written by this device, read it again) and a hash of its content. */
  remote: Record<string, { etag: string | null; hash: string }>;
  lastSync?: SyncResult;
  /** The set-aside library.json whose restore from a backup sync has already made whole. */
  recoveredFrom?: string;
}

export interface Secrets {
  password?: string;
  /** The key derived from the passphrase, base64. */
  key?: string;
}

/** Seals the secrets file's content (Electron's safeStorage); without one the file is plain, mode 0600. */
export interface SecretSealer {
  seal(text: string): Buffer;
  open(data: Buffer): string;
}

export class SyncFiles {
  readonly dir: string;
  constructor(
    dataDir: string,
    private readonly sealer: () => SecretSealer | undefined = () => undefined,
  ) {
    this.dir = join(dataDir, SYNC_DIR);
  }

  get lockFile(): string {
    return join(this.dir, 'sync.lock');
  }

  async readConfig(): Promise<SyncConfig | undefined> {
    const raw = await readJson(join(this.dir, 'config.json'));
    if (raw === undefined) return undefined;
    const parsed = configSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(`${join(this.dir, 'config.json')} is not a sync setup Yuelan can read.`);
    return parsed.data;
  }

  async writeConfig(config: SyncConfig): Promise<void> {
    await writeFileDurably(join(this.dir, 'config.json'), JSON.stringify(config, null, 2));
  }

  /**
   * An unreadable state is set aside and sync starts afresh (a new device id; every item is merged
   * again, which only adds: a fresh state never reads as deletions).
   */
  async readState(): Promise<SyncState> {
    const file = join(this.dir, 'state.json');
    let raw: SyncState | undefined;
    try {
      raw = (await readJson(file)) as SyncState | undefined;
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      await rename(file, `${file}.bad-${Date.now()}`);
    }
    if (raw && raw.v === 1 && typeof raw.deviceId === 'string' && raw.items && raw.remote) return raw;
    return { v: 1, deviceId: randomBytes(6).toString('hex'), items: {}, remote: {} };
  }

  async writeState(state: SyncState): Promise<void> {
    await writeFileDurably(join(this.dir, 'state.json'), JSON.stringify(state));
  }

  async readSecrets(): Promise<Secrets> {
    let text: string;
    try {
      text = await readFile(join(this.dir, 'secrets.json'), 'utf8');
    } catch {
      return {};
    }
    const file = JSON.parse(text) as { sealed?: string } & Secrets;
    const sealer = this.sealer();
    if (file.sealed !== undefined) {
      if (!sealer)
        throw new SyncSetupError(
          'The sync secrets were sealed by the app; open the app to sync, or set up again.',
        );
      return JSON.parse(sealer.open(Buffer.from(file.sealed, 'base64'))) as Secrets;
    }
    return { ...(file.password ? { password: file.password } : {}), ...(file.key ? { key: file.key } : {}) };
  }

  /** Written readable by the user only (0600), through a temporary file renamed into place. */
  async writeSecrets(secrets: Secrets): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const sealer = this.sealer();
    const text = sealer
      ? JSON.stringify({ sealed: sealer.seal(JSON.stringify(secrets)).toString('base64') })
      : JSON.stringify(secrets);
    const final = join(this.dir, 'secrets.json');
    const tmp = `${final}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, final);
  }

  /** Turn sync off: the setup and the secrets go; the device id, clock and items stay for next time. */
  async removeSetup(): Promise<void> {
    await rm(join(this.dir, 'secrets.json'), { force: true });
    await rm(join(this.dir, 'config.json'), { force: true });
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text) as unknown;
}
