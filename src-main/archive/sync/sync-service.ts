/**
 * Sync as the shells use it: set up a target, sync once, tell the status, turn it off, resolve a note
 * conflict, and stamp local changes as they happen. One data folder's runs never overlap: a lock file
 * in sync/ serialises the app, the serve shell and the CLI.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { LibraryStore } from '../library/library-store.js';
import { SerialQueue } from '../store/serial-queue.js';
import { LockTimeoutError, withFileLock } from '../store/file-lock.js';
import { HybridClock } from './hlc.js';
import { isLive, trimHistory, type ItemState } from './item-model.js';
import { applyItem, recordLocal, restoreMissing, splitKey } from './library-map.js';
import { blankResult, openConflicts, syncOnce } from './sync-engine.js';
import type { OpenConflict, SyncStatus } from './sync-types.js';
import {
  SyncFiles,
  SyncSetupError,
  type SecretSealer,
  type Secrets,
  type SyncConfig,
  type SyncResult,
  type SyncTarget,
} from './sync-files.js';
import { checkKey, createTarget, ItemCodec, keyFor, readManifest } from './target-files.js';
import { FolderDriver } from './drivers/folder-driver.js';
import { SyncTargetError, type SyncDriver } from './drivers/driver.js';
import { WrongPassphraseError } from './seal.js';

export type { OpenConflict, SyncResult, SyncStatus, SyncTarget };

/** A sync run waits this long for another process's run to finish. */
const RUN_LOCK_WAIT_MS = 10 * 60 * 1000;
/** Stamping a change waits this long at most (the next run stamps whatever was left). */
const RECORD_LOCK_WAIT_MS = 2_000;

let secretSealer: SecretSealer | undefined;
/** The app (Electron) seals the secrets with safeStorage; the CLI keeps them in a 0600 file. */
export function setSecretSealer(sealer: SecretSealer | undefined): void {
  secretSealer = sealer;
}

export { SyncSetupError };

export interface SetupRequest {
  target: SyncTarget;
  password?: string;
  /** Encrypt the target's files with this passphrase; undefined: no encryption. */
  passphrase?: string;
}

const queues = new Map<string, SerialQueue>();

export class SyncService {
  readonly files: SyncFiles;
  readonly #queue: SerialQueue;
  /** How long one WebDAV request may take (default 30 s). */
  timeoutMs: number | undefined;

  constructor(
    readonly dataDir: string,
    readonly library: LibraryStore,
  ) {
    this.files = new SyncFiles(dataDir, () => secretSealer);
    let queue = queues.get(dataDir);
    if (!queue) queues.set(dataDir, (queue = new SerialQueue()));
    this.#queue = queue;
  }

  /** Connect to a target (creating its manifest when it has none) and keep the setup. */
  async setup(request: SetupRequest): Promise<{ created: boolean; encrypted: boolean }> {
    if (request.target.type === 'folder') {
      const path = request.target.path.replace(/^~(?=$|[\\/])/, homedir());
      if (!isAbsolute(path)) throw new SyncSetupError(`Give the sync folder as a full path (not ${path}).`);
      request = { ...request, target: { type: 'folder', path: resolve(path) } };
    }
    const driver = await makeDriver(request.target, { password: request.password }, this.timeoutMs);
    const manifest = await readManifest(driver);
    let key: Buffer | undefined;
    let created = false;
    if (!manifest) {
      key = await createTarget(driver, request.passphrase);
      created = true;
    } else if (manifest.encryption) {
      if (request.passphrase === undefined) {
        throw new SyncSetupError(`${driver.label} is encrypted: give its passphrase.`);
      }
      key = await keyFor(manifest, request.passphrase);
    } else if (request.passphrase !== undefined) {
      throw new SyncSetupError(
        `${driver.label} already holds a library that is not encrypted: set up with no encryption to join it, or choose an empty folder.`,
      );
    }
    await driver.prepare();
    await this.#locked(async () => {
      const state = await this.files.readState();
      state.remote = {};
      delete state.lastSync;
      await this.files.writeState(state);
      const secrets: Secrets = {
        ...(request.password !== undefined ? { password: request.password } : {}),
        ...(key ? { key: key.toString('base64') } : {}),
      };
      await this.files.writeSecrets(secrets);
      const config: SyncConfig = {
        v: 1,
        target: request.target,
        encrypted: key !== undefined,
        setupAt: new Date().toISOString(),
      };
      await this.files.writeConfig(config);
    });
    return { created, encrypted: key !== undefined };
  }

  /** Sync once now. Throws (after recording the failure) when the target cannot be used. */
  sync(): Promise<SyncResult> {
    return this.#locked(async () => {
      await this.#restoreAfterRecovery();
      const { driver, codec } = await this.#connect();
      return syncOnce({ files: this.files, library: this.library, driver, codec });
    });
  }

  /**
   * Sync once and answer how it went, never throwing for the target's or the setup's faults (the
   * app's background runs and the `sync:run` channel): a failure is the result, kept as the last one.
   */
  async run(): Promise<SyncResult> {
    try {
      return await this.sync();
    } catch (err) {
      if (!isSyncFault(err)) throw err;
      const last = (await this.files.readState()).lastSync;
      if (last && !last.ok && last.error?.message === (err as Error).message) return last;
      const result = failedResult(err as Error);
      await this.#locked(async () => {
        const state = await this.files.readState();
        state.lastSync = result;
        await this.files.writeState(state);
      });
      return result;
    }
  }

  /** Reach the target and open its manifest, changing nothing. */
  async test(): Promise<{ files: number }> {
    const { driver } = await this.#connect();
    return { files: (await driver.list()).length };
  }

  async status(hasArticle?: (id: string) => boolean): Promise<SyncStatus> {
    const config = await this.files.readConfig();
    const state = await this.files.readState();
    let waiting = 0;
    if (hasArticle) {
      for (const b of this.library.data.bookmarks) if (!hasArticle(b.articleId)) waiting++;
      for (const a of this.library.data.annotations) if (!hasArticle(a.articleId)) waiting++;
    }
    return {
      configured: config !== undefined,
      ...(config ? { target: config.target, encrypted: config.encrypted } : {}),
      deviceId: state.deviceId,
      ...(state.lastSync ? { lastSync: state.lastSync } : {}),
      conflicts: openConflicts(state),
      waiting,
    };
  }

  async off(): Promise<void> {
    await this.#locked(() => this.files.removeSetup());
  }

  /**
   * Settle a note written on two devices at once: keep one of its texts (by index in the conflict's
   * `texts`) or all of them, one after another. The choice syncs like an edit.
   */
  async resolve(key: string, choice: number | 'all'): Promise<void> {
    await this.#locked(async () => {
      const state = await this.files.readState();
      const item = Object.hasOwn(state.items, key) ? state.items[key] : undefined;
      const note = item?.f.note;
      if (!item || !isLive(item) || note?.t !== 'note' || !note.alt?.length) {
        throw new SyncSetupError('There is no such conflict (it may have been resolved on another device).');
      }
      const texts = [note.v, ...note.alt.map((a) => a.v)];
      if (choice !== 'all' && !(Number.isInteger(choice) && choice >= 0 && choice < texts.length)) {
        throw new SyncSetupError(`Pick a text from 0 to ${texts.length - 1}, or all.`);
      }
      await this.library.transact((data) => {
        const clock = new HybridClock(state.deviceId, state.clock);
        recordLocal(state.items, data, clock);
        const current = state.items[key]!.f.note as typeof note;
        const c = clock.now();
        const history = [...current.h, ...(current.alt ?? []).flatMap((a) => [...a.h, a.c]), c];
        const all = [current.v, ...(current.alt ?? []).map((a) => a.v)];
        const v = choice === 'all' ? all.filter(Boolean).join('\n\n') : (all[choice] ?? current.v);
        const resolved: ItemState = {
          ...state.items[key]!,
          f: { ...state.items[key]!.f, note: { t: 'note', v, c, h: trimHistory(history) } },
        };
        state.items[key] = resolved;
        state.clock = clock.last;
        return { result: undefined, changed: applyItem(data, key, resolved) };
      });
      await this.files.writeState(state);
    });
  }

  /** Stamp the library's changes with this device's clock now (the library's write hook calls it). */
  async record(): Promise<boolean> {
    if (!(await this.files.readConfig().catch(() => undefined))) return false;
    // Never keep an edit waiting on another process's long sync: that sync (or the next) stamps it.
    return this.#locked(async () => {
      await this.#restoreAfterRecovery();
      const state = await this.files.readState();
      const clock = new HybridClock(state.deviceId, state.clock);
      const changed = recordLocal(state.items, this.library.data, clock);
      if (changed.length === 0) return false;
      state.clock = clock.last;
      await this.files.writeState(state);
      return true;
    }, RECORD_LOCK_WAIT_MS).catch((err: unknown) => {
      if (err instanceof LockTimeoutError) return false;
      throw err;
    });
  }

  /**
   * library.json was unreadable at open and an older backup was restored: what the backup lacks is
   * not a deletion to send everywhere. Once per restore, the items the sync state holds go back in.
   */
  async #restoreAfterRecovery(): Promise<void> {
    const recovery = this.library.recovery;
    if (!recovery) return;
    const state = await this.files.readState();
    if (state.recoveredFrom === recovery.setAside) return;
    await this.library.transact((data) => {
      const restored = restoreMissing(state.items, data);
      return { result: restored, changed: restored > 0 };
    });
    state.recoveredFrom = recovery.setAside;
    await this.files.writeState(state);
  }

  async #connect(): Promise<{ driver: SyncDriver; codec: ItemCodec }> {
    const config = await this.files.readConfig();
    if (!config) throw new SyncSetupError('Sync is not set up.');
    const secrets = await this.files.readSecrets();
    const driver = await makeDriver(config.target, secrets, this.timeoutMs);
    const manifest = await readManifest(driver);
    if (!manifest) {
      throw new SyncTargetError(
        'notFound',
        `${driver.label} holds no Yuelan library any more (no manifest.json); set up sync again.`,
      );
    }
    if (Boolean(manifest.encryption) !== config.encrypted) {
      throw new SyncSetupError(
        `${driver.label} changed its encryption since this device was set up; set up sync again.`,
      );
    }
    if (!manifest.encryption) return { driver, codec: new ItemCodec(undefined) };
    if (!secrets.key)
      throw new SyncSetupError('The passphrase of the sync target is missing; set up sync again.');
    return { driver, codec: new ItemCodec(checkKey(manifest, Buffer.from(secrets.key, 'base64'))) };
  }

  #locked<T>(task: () => Promise<T>, waitMs = RUN_LOCK_WAIT_MS): Promise<T> {
    return this.#queue.run(async () => {
      await mkdir(this.files.dir, { recursive: true, mode: 0o700 });
      return withFileLock(this.files.lockFile, task, waitMs);
    });
  }
}

/** A fault of the target, the setup or the passphrase: told to the user, not a bug. */
export function isSyncFault(err: unknown): boolean {
  return (
    err instanceof SyncTargetError || err instanceof SyncSetupError || err instanceof WrongPassphraseError
  );
}

function failedResult(err: Error): SyncResult {
  return {
    ...blankResult(),
    error: { code: (err as { problem?: string }).problem ?? err.name, message: err.message },
  };
}

/** The target's driver; the WebDAV client is loaded only when a WebDAV target is used (the CLI starts faster). */
export async function makeDriver(
  target: SyncTarget,
  secrets: { password?: string | undefined },
  timeoutMs?: number,
): Promise<SyncDriver> {
  if (target.type === 'folder') return new FolderDriver(target.path);
  const { WebDavDriver } = await import('./drivers/webdav-driver.js');
  return new WebDavDriver({
    url: target.url,
    user: target.user,
    password: secrets.password ?? '',
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

export function describeKey(key: string): { kind: string; id: string } {
  return splitKey(key);
}
