/**
 * A lock file shared by every process on one data folder (the app, the serve shell, the CLI), so
 * their read-modify-write cycles on a store never interleave. Created with O_EXCL; a lock whose
 * owner process is gone (a crash, SIGKILL) is taken over rather than waited on forever.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';

/** A lock file still without a pid after this long was left by a process killed while taking it. */
const EMPTY_LOCK_STALE_MS = 2000;
/** The takeover guard is held for two file reads and a removal; one this old was orphaned. */
const TAKEOVER_STALE_MS = 5000;

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

/** What a look at the lock file found: its owner pid (NaN when empty), its inode and its age. */
async function inspect(file: string): Promise<{ owner: number; ino: number; age: number } | undefined> {
  const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  const st = await stat(file).catch(() => undefined);
  return st && { owner, ino: st.ino, age: Date.now() - st.mtimeMs };
}

/** A dead owner's lock is stale; so is one left empty by a process killed while writing its pid. */
function stale(seen: { owner: number; age: number }): boolean {
  const ownerless = !(Number.isInteger(seen.owner) && seen.owner > 0);
  return ownerless ? seen.age > EMPTY_LOCK_STALE_MS : !alive(seen.owner);
}

/**
 * Remove a lock judged stale, unless it changed since: two contenders may judge the same dead
 * owner's lock stale, and the later one must not remove the fresh lock the earlier one has taken
 * meanwhile. Removal happens under a second, short-lived lock file and after a second look.
 */
async function removeIfStill(file: string, seen: { ino: number }): Promise<void> {
  const guard = `${file}.takeover`;
  if (!(await tryTake(guard))) {
    // Its holder only looks and removes: older than this, it was killed in between.
    const g = await stat(guard).catch(() => undefined);
    if (g && Date.now() - g.mtimeMs > TAKEOVER_STALE_MS) await rm(guard, { force: true });
    return;
  }
  try {
    const now = await inspect(file);
    if (now && now.ino === seen.ino && stale(now)) await rm(file, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

/** Run `task` holding the lock file; waits up to `timeoutMs` for another process to finish. */
export async function withFileLock<T>(file: string, task: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  while (!(await tryTake(file))) {
    const seen = await inspect(file);
    if (seen && stale(seen)) {
      await removeIfStill(file, seen);
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
