/**
 * `yuelan search --scope both` with filters answers what the app gets for the same request: the
 * filters apply to the notes too (through their article), in the core, before the limit.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { openCore } from '../helpers/core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { call, invoker } from '../../src-main/api/client.js';
import type { Request } from '../../src-main/api/contract.js';

const BIN = join(process.cwd(), 'bin', 'yuelan.mjs');

function yuelan(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

interface Scoped {
  articles: { id: string }[];
  notes: { annotation: { id: string; articleId: string } }[];
}

describe('yuelan search: notes with filters, as the app', () => {
  it('applies kind and date filters to notes, and agrees with the contract', async () => {
    const data = await tempDir();
    const list = JSON.parse(yuelan(['list', '--json', '--data', data]).out) as {
      id: string;
      kind: string;
      publishedAt: string;
    }[];
    const main = (
      JSON.parse(yuelan(['search', '近邻党建', '--json', '--limit', '1', '--data', data]).out) as {
        id: string;
      }[]
    )[0]!;
    expect(
      yuelan(['annotate', main.id, '--quote', '有困难找组织', '--note', '共同标记', '--data', data]).code,
    ).toBe(0);
    const mainDay = list.find((a) => a.id === main.id)!.publishedAt.slice(0, 10);

    const cli = (...args: string[]): Scoped =>
      JSON.parse(yuelan(['search', '共同标记', '--scope', 'both', ...args, '--json', '--data', data]).out);
    const core = await openCore(data);
    const invoke = invoker(createHandlers(core, ''));
    const app = (request: Omit<Request<'archive:search'>, 'q' | 'scope'>) =>
      call(invoke, 'archive:search', { q: '共同标记', scope: 'both', limit: 20, ...request });
    const noteIds = (r: { notes?: Scoped['notes'] }) => (r.notes ?? []).map((n) => n.annotation.id);

    const full = cli('--kind', 'full');
    expect(full.notes.map((n) => n.annotation.articleId)).toEqual([main.id]);
    expect(noteIds(full)).toEqual(noteIds(await app({ kinds: ['full'] })));

    const brief = cli('--kind', 'brief');
    expect(brief.notes).toEqual([]);
    expect(noteIds(await app({ kinds: ['brief'] }))).toEqual([]);

    expect(noteIds(cli('--from', mainDay, '--to', mainDay))).toEqual(noteIds(full));
    expect(cli('--from', '2000-01-01', '--to', '2000-01-02').notes).toEqual([]);
    expect(noteIds(await app({ from: '2000-01-01', to: '2000-01-02' }))).toEqual([]);
    await core.close();
  });
});
