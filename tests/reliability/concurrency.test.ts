/**
 * Two processes (two app instances, or the app and the CLI) writing one data folder at once: every
 * write of both survives (a shared lock file, and each write re-reads what the other wrote).
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryStore } from '../../src-main/archive/library/library-store.js';
import { tempDir } from '../helpers/tmp.js';

interface Writer {
  ready: Promise<void>;
  done: Promise<number>;
}

function writer(dir: string, name: string, count: number): Writer {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(process.cwd(), 'tests/reliability/concurrent-writer.ts'),
      dir,
      name,
      String(count),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
  return { ready, done };
}

/** Start writers, let them all open the library, then release them together so their writes overlap. */
async function together(dir: string, writers: [string, number][]): Promise<number[]> {
  const running = writers.map(([name, count]) => writer(dir, name, count));
  await Promise.all(running.map((w) => w.ready));
  await writeFile(join(dir, 'go'), '');
  return Promise.all(running.map((w) => w.done));
}

describe('concurrent processes on one data folder', () => {
  it('keeps every write of two processes writing at the same time', async () => {
    const dir = await tempDir();
    await LibraryStore.open(dir);
    const codes = await together(dir, [
      ['a', 60],
      ['b', 60],
    ]);
    expect(codes).toEqual([0, 0]);
    const lib = await LibraryStore.open(dir);
    const notes = new Set(lib.listAnnotations().map((a) => a.note));
    const missing: string[] = [];
    for (const name of ['a', 'b'])
      for (let i = 0; i < 60; i++) if (!notes.has(`${name}-${i}`)) missing.push(`${name}-${i}`);
    expect(missing).toEqual([]);
    expect(lib.listAnnotations()).toHaveLength(120);
    expect(lib.listBookmarks()).toHaveLength(24);
  });

  it('sees what another process wrote after a refresh, and keeps it on its own next write', async () => {
    const dir = await tempDir();
    const app = await LibraryStore.open(dir);
    expect(await together(dir, [['a', 3]])).toEqual([0]);
    expect(app.listAnnotations()).toHaveLength(0);
    await app.refresh();
    expect(app.listAnnotations()).toHaveLength(3);
    const other = await tempDir();
    const stale = await LibraryStore.open(other);
    expect(await together(other, [['b', 2]])).toEqual([0]);
    // No refresh: the write itself must catch up with the other process's records.
    await stale.setBookmark('1111111111111111');
    expect((await LibraryStore.open(other)).listAnnotations()).toHaveLength(2);
  });
});
