/**
 * Syncing processes killed with SIGKILL at random points (while adding, recording, merging, writing
 * the state or uploading), on two devices at once, ten times each: after recovery both devices
 * converge, and no note acknowledged before a kill is lost.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { device, reopen, type Device } from './helpers.js';

const CHILD = join(process.cwd(), 'tests', 'sync', 'sync-child.ts');
const KILLS_EACH = 10;

/** Run the child until `ms` after it is ready, then SIGKILL it; the notes it acknowledged. */
function runAndKill(dir: string, prefix: string, ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, prefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), ms);
        else if (line.startsWith('added ')) acknowledged.push(line.slice(6));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`the child exited by itself (${code}): ${err}`));
    });
  });
}

describe('SIGKILL while syncing', () => {
  it(`loses no acknowledged change at ${KILLS_EACH * 2} random points, and the devices converge`, async () => {
    const folder = await tempDir('yuelan-sync-kill-');
    const a = await device();
    const b = await device();
    await a.sync.setup({ target: { type: 'folder', path: folder }, passphrase: 'k' });
    await b.sync.setup({ target: { type: 'folder', path: folder }, passphrase: 'k' });
    let seed = 20261201;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const killed = async (d: Device, name: string): Promise<string[]> => {
      const acknowledged: string[] = [];
      for (let i = 0; i < KILLS_EACH; i++) {
        acknowledged.push(...(await runAndKill(d.dir, `${name}${i}`, Math.floor(random() * 250))));
      }
      return acknowledged;
    };
    const [fromA, fromB] = await Promise.all([killed(a, 'a'), killed(b, 'b')]);
    expect(fromA.length + fromB.length).toBeGreaterThan(KILLS_EACH);
    const a2 = await reopen(a);
    const b2 = await reopen(b);
    for (const d of [a2, b2, a2]) expect(await d.sync.sync()).toMatchObject({ ok: true });
    const notes = (d: Device): string[] => d.library.listAnnotations().map((x) => x.note!);
    for (const note of [...fromA, ...fromB]) expect(notes(a2)).toContain(note);
    expect(notes(b2).sort()).toEqual(notes(a2).sort());
  }, 180_000);
});
