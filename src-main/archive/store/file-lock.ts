/**
 * A lock file shared by every process on one data folder (the app, the serve shell, the CLI), so
 * their read-modify-write cycles on a store never interleave. Created with O_EXCL; a lock whose
 * owner process is gone (a crash, SIGKILL) is taken over rather than waited on forever.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';

/** A lock file still without a pid after this long was left by a process killed while taking it. */
const EMPTY_LOCK_STALE_MS = 2000;

export class LockTimeoutError extends Error {
  constructor(file: string) {
    super(`Another Yuelan process holds ${file}; try again in a moment.`);
    this.name = 'LockTimeoutError';
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryTake(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

/** Run `task` holding the lock file; waits up to `timeoutMs` for another process to finish. */
export async function withFileLock<T>(file: string, task: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  while (!(await tryTake(file))) {
    const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    // A dead owner's lock is stale; so is one left empty by a process killed while writing its pid
    // (an empty file younger than that is a lock being taken this instant).
    const ownerless = !(Number.isInteger(owner) && owner > 0);
    const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? Date.now());
    if ((!ownerless && !alive(owner)) || (ownerless && age > EMPTY_LOCK_STALE_MS)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(file);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 100);
  }
  try {
    return await task();
  } finally {
    await rm(file, { force: true });
  }
}
