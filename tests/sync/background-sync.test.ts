/**
 * The app's background sync through the contract, as the shells run it: after a change (debounced) a
 * run sends it without anyone asking; the other device receives it; a target that went away makes a
 * failed result, never an exception, and the change stays.
 */
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { call, invoker } from '../../src-main/api/client.js';
import { startBackgroundSync } from '../../src-main/api/sync-handlers.js';
import type { Channel, Request, Response } from '../../src-main/api/contract.js';
import { tempDir } from '../helpers/tmp.js';
import { join } from 'node:path';

const PAGE = join(process.cwd(), 'tests', 'fixtures', 'pages', 'single-headline.txt');

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

async function app(): Promise<{
  core: ArchiveCore;
  ask: <C extends Channel>(c: C, r: Request<C>) => Promise<Response<C>>;
}> {
  const core = await ArchiveCore.open(await tempDir());
  const invoke = invoker(createHandlers(core, 'test'));
  return { core, ask: (channel, request) => call(invoke, channel, request) };
}

describe('background sync', () => {
  it('sends a change shortly after it is made, and keeps going when the target is gone', async () => {
    const folder = await tempDir();
    const a = await app();
    const b = await app();
    const setup = { target: { type: 'folder' as const, path: folder }, passphrase: '口令' };
    await a.ask('sync:setup', setup);
    await b.ask('sync:setup', setup);
    await a.core.importPaths([PAGE]);
    const ARTICLE = (await a.ask('archive:list', {})).articles[0]!.id;
    stops.push(startBackgroundSync(a.core, { startMs: 0, debounceMs: 20, everyMs: 60_000 }));

    await a.ask('library:setBookmark', { articleId: ARTICLE, bookmarked: true, tags: ['后台'] });
    await vi.waitFor(
      async () => expect((await a.ask('sync:status', {})).lastSync).toMatchObject({ ok: true, sent: 1 }),
      {
        timeout: 15_000,
        interval: 50,
      },
    );
    expect(await b.ask('sync:run', {})).toMatchObject({ ok: true, received: 1 });
    expect(await b.ask('library:bookmarks', {})).toEqual([
      expect.objectContaining({ articleId: ARTICLE, tags: ['后台'] }),
    ]);
    // B has not imported the article: the bookmark waits, and is whole once the article arrives.
    expect((await b.ask('sync:status', {})).waiting).toBe(1);
    await b.core.importPaths([PAGE]);
    expect((await b.ask('sync:status', {})).waiting).toBe(0);
    expect((await b.ask('library:bookmarks', {}))[0]!.article?.id).toBe(ARTICLE);

    await rm(folder, { recursive: true });
    await a.ask('library:setBookmark', { articleId: ARTICLE, bookmarked: true, tags: ['后台', '离线'] });
    await vi.waitFor(
      async () => expect((await a.ask('sync:status', {})).lastSync).toMatchObject({ ok: false }),
      {
        timeout: 15_000,
        interval: 50,
      },
    );
    expect((await a.ask('library:bookmarks', {}))[0]!.tags).toEqual(['后台', '离线']);
  });
});
