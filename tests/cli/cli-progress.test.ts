/**
 * On a terminal the CLI shows a progress line while it builds a missing or stale search index (as
 * after an update that changed the index format), and clears it; with --json it prints none.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli.js';
import { tempDir } from '../helpers/tmp.js';

function io(isTTY: boolean): { out: string[]; status: string[]; io: Parameters<typeof runCli>[1] } {
  const out: string[] = [];
  const status: string[] = [];
  return {
    out,
    status,
    io: { out: (t) => out.push(t), err: () => undefined, status: (t) => status.push(t), isTTY },
  };
}

describe('CLI index progress', () => {
  it('shows and clears a progress line while the index is rebuilt, on a terminal only', async () => {
    const data = await tempDir();
    expect(await runCli(['list', '--data', data, '--json'], io(false).io)).toBe(0);
    await rm(join(data, 'search'), { recursive: true, force: true });

    const tty = io(true);
    expect(await runCli(['search', '党建', '--data', data], tty.io)).toBe(0);
    expect(tty.status).toContain('Building the search index 0/35');
    expect(tty.status.at(-1)).toBe('');
    expect(tty.out.join('\n')).toContain('打造近邻党建');

    await rm(join(data, 'search'), { recursive: true, force: true });
    const json = io(true);
    expect(await runCli(['search', '党建', '--data', data, '--json'], json.io)).toBe(0);
    expect(json.status).toEqual([]);
  });
});
