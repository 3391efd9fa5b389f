/**
 * The cross-process lock file: one holder at a time, even when several contenders find the lock of
 * a dead owner at once (each used to remove it, and the later ones removed the first's fresh lock).
 */
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from '../../src-main/archive/store/file-lock.js';
import { tempDir } from '../helpers/tmp.js';

// stat is wrapped so that a test can hold one contender between its look at the lock and its act.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsp>();
  return { ...real, stat: vi.fn(real.stat) };
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('withFileLock', () => {
  it('lets exactly one of several contenders take over a dead owner’s lock at a time', async () => {
    for (let round = 0; round < 8; round++) {
      const file = join(await tempDir(), 'catalog.lock');
      await writeFile(file, `${deadPid()}\n`);
      let inside = 0;
      let most = 0;
      const task = async (): Promise<void> => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
      };
      await Promise.all(Array.from({ length: 6 }, () => withFileLock(file, task, 10_000)));
      expect(most, `round ${round}`).toBe(1);
      expect(existsSync(file)).toBe(false);
    }
  });

  it('does not remove a fresh lock taken by another contender after it judged the old one stale', async () => {
    const file = join(await tempDir(), 'catalog.lock');
    await writeFile(file, `${deadPid()}\n`);
    const realStat = (await vi.importActual<typeof fsp>('node:fs/promises')).stat;
    let calls = 0;
    // The second contender's stat answers late: by then the first has removed the stale lock and
    // taken its own.
    vi.mocked(fsp.stat).mockImplementation((async (...args: Parameters<typeof realStat>) => {
      if (++calls === 2) await new Promise((r) => setTimeout(r, 60));
      return realStat(...args);
    }) as typeof realStat);
    try {
      let inside = 0;
      let most = 0;
      const task = async (): Promise<void> => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 150));
        inside--;
      };
      await Promise.all([withFileLock(file, task, 10_000), withFileLock(file, task, 10_000)]);
      expect(most).toBe(1);
    } finally {
      vi.mocked(fsp.stat).mockImplementation(realStat);
    }
  });

  it('waits for a live owner and takes the lock once it is released', async () => {
    const file = join(await tempDir(), 'library.lock');
    const order: string[] = [];
    let release!: () => void;
    const held = withFileLock(file, () =>
      new Promise<void>((r) => (release = r)).then(() => order.push('a')),
    );
    await new Promise((r) => setTimeout(r, 20));
    const waiting = withFileLock(file, async () => order.push('b'));
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    release();
    await Promise.all([held, waiting]);
    expect(order).toEqual(['a', 'b']);
  });
});
