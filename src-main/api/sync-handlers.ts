/**
 * The sync channels' handlers (archive/sync): set up, run, status, resolve a note conflict, turn off.
 * One SyncService per opened core; creating it hooks the library's writes so each change is stamped
 * with this device's clock as it happens. A fault of the target or the passphrase is the user's to
 * fix: it comes back as a BAD_REQUEST with the words, or (for a run) as a failed result.
 */
import type { ArchiveCore } from '../archive/archive-core.js';
import { isSyncFault, setSecretSealer, SyncService } from '../archive/sync/sync-service.js';
import type { SecretSealer } from '../archive/sync/sync-files.js';
import { DEFAULT_TIMES, SyncScheduler, type SchedulerTimes } from '../archive/sync/sync-scheduler.js';
import type { ParsedRequest, Response } from './contract.js';
import { BadRequestError } from './handlers.js';

const services = new WeakMap<ArchiveCore, SyncService>();
const schedulers = new WeakMap<ArchiveCore, SyncScheduler>();

/** The core's sync service, made once; it stamps every later library write. */
export function syncServiceFor(core: ArchiveCore): SyncService {
  let service = services.get(core);
  if (!service) {
    const made = new SyncService(core.dataDir, core.library);
    core.library.onWrite = () =>
      void made.record().then(
        (stamped) => stamped && schedulers.get(core)?.changed(),
        () => undefined,
      );
    services.set(core, (service = made));
  }
  return service;
}

/**
 * The app's background sync (the desktop and serve shells; never the CLI): at start, after each
 * change, every few minutes, when sync is set up. Returns the function that stops it.
 */
export function startBackgroundSync(core: ArchiveCore, times: SchedulerTimes = DEFAULT_TIMES): () => void {
  const service = syncServiceFor(core);
  const scheduler = new SyncScheduler(async () => {
    if (await service.files.readConfig().catch(() => undefined)) await service.run();
  }, times);
  schedulers.set(core, scheduler);
  scheduler.start();
  return () => {
    scheduler.stop();
    schedulers.delete(core);
  };
}

/** The desktop keeps the sync secrets sealed by the system keychain (Electron's safeStorage). */
export { setSecretSealer, type SecretSealer };

async function asked<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    if (isSyncFault(err)) throw new BadRequestError((err as Error).message);
    throw err;
  }
}

export function syncHandlers(core: ArchiveCore) {
  // Made now, so every library write from here on is stamped (the CLI's edits too).
  const service = syncServiceFor(core);
  const sync = (): SyncService => service;
  return {
    'sync:setup': (request: ParsedRequest<'sync:setup'>): Promise<Response<'sync:setup'>> =>
      asked(() =>
        sync().setup({
          target: request.target,
          ...(request.password !== undefined ? { password: request.password } : {}),
          ...(request.passphrase !== undefined ? { passphrase: request.passphrase } : {}),
        }),
      ),
    'sync:run': (): Promise<Response<'sync:run'>> => sync().run(),
    'sync:test': async (): Promise<Response<'sync:test'>> => {
      try {
        return { ok: true, ...(await sync().test()) };
      } catch (err) {
        if (!isSyncFault(err)) throw err;
        return { ok: false, message: (err as Error).message };
      }
    },
    'sync:status': (): Promise<Response<'sync:status'>> =>
      sync().status((id) => core.catalog.getMeta(id) !== undefined),
    'sync:resolve': async (request: ParsedRequest<'sync:resolve'>): Promise<Response<'sync:resolve'>> => {
      await asked(() => sync().resolve(request.key, request.choice));
      return { resolved: true };
    },
    'sync:off': async (): Promise<Response<'sync:off'>> => {
      await sync().off();
      return { off: true };
    },
  };
}
