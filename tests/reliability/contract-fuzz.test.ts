/**
 * Contract fuzzing: 10,000 random payloads (random JSON, random channel names, and near-valid
 * requests with one field broken), each sent through the Electron IPC handler and through the serve
 * shell's HTTP route. Only typed errors come back, both stay up, and a rejected request changes no
 * data (library.json's bytes and the catalog's revision are the same after it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import type { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { openCore } from '../helpers/core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { channels } from '../../src-main/api/contract.js';
import { IPC_INVOKE } from '../../src-main/api/bridge.js';
import { registerIpc } from '../../src-main/desktop/ipc.js';
import { startServeServer, type RunningServer } from '../../src-main/serve/serve-server.js';
import { tempDir } from '../helpers/tmp.js';

const RUNS = 10_000;
const ERROR_CODES = ['BAD_CHANNEL', 'BAD_REQUEST', 'NOT_FOUND', 'BUSY', 'INTERNAL'];

let core: ArchiveCore;
let server: RunningServer;
let ipc: (channel: unknown, payload: unknown) => Promise<unknown>;
let articleId: string;

beforeAll(async () => {
  core = await openCore(await tempDir('yuelan-fuzz-'));
  const handlers = createHandlers(core, 'fuzz');
  let handler: ((event: unknown, channel: unknown, payload: unknown) => Promise<unknown>) | undefined;
  const fakeIpcMain = { handle: (_name: string, fn: typeof handler) => (handler = fn) } as unknown as IpcMain;
  registerIpc(fakeIpcMain, handlers, 'file://');
  const appFrame = { senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } };
  ipc = (channel, payload) => handler!(appFrame, channel, payload);
  server = await startServeServer({ core, handlers, rendererDir: undefined });
  articleId = core.catalog.listArticles()[0]!.id;
  expect(IPC_INVOKE).toBe('yuelan:invoke');
});

afterAll(() => server.close());

/** Valid-looking requests per channel, for mutation into near-misses. */
function templates(): Record<string, Record<string, unknown>> {
  return {
    'archive:get': { id: articleId },
    'archive:search': { q: '党建', limit: 5, kinds: ['full'], from: '2022-09-01', sort: 'newest' },
    'archive:list': { offset: 0, limit: 5 },
    'library:setBookmark': { articleId, bookmarked: true, tags: ['x'] },
    'library:addAnnotation': {
      articleId,
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 2 },
      color: 'yellow',
    },
    'library:updateAnnotation': { id: 'x', note: 'n' },
    'library:updateSettings': { theme: 'dark', fontSize: 18 },
    'library:removeBookmarks': { articleIds: [articleId] },
    'library:restore': { bookmarks: [] },
    'library:importLibrary': { content: '{}' },
    'archive:removeSource': { path: '/nonexistent' },
    'archive:sourcesPage': { offset: 0, limit: 5, status: 'imported', folder: '/nonexistent/', q: 'seed' },
    'archive:removeFolder': { folder: '/nonexistent/' },
  };
}

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constant('<script>alert(1)</script>'),
  fc.constant('../../etc/passwd'),
  fc.constant('\u202e\u200b'),
  fc.constant({ __proto__: { polluted: true } }),
);

/** A near-valid request: a valid template with one field replaced by junk, dropped, or one field added. */
const nearValid = fc
  .tuple(
    fc.constantFrom(...Object.keys(templates())),
    fc.nat(),
    junk,
    fc.constantFrom('replace', 'drop', 'add'),
  )
  .map(([channel, pick, value, how]) => {
    const t = { ...templates()[channel]! };
    const keys = Object.keys(t);
    const key = keys[pick % keys.length]!;
    if (how === 'replace') t[key] = value;
    else if (how === 'drop') delete t[key];
    else t[`extra${pick % 3}`] = value;
    return { channel, payload: t as unknown };
  });

const randomCall = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ channel: fc.constantFrom(...channels) as fc.Arbitrary<unknown>, payload: junk }),
  },
  { weight: 1, arbitrary: fc.record({ channel: junk, payload: junk }) },
  { weight: 3, arbitrary: nearValid },
);

async function http(channel: unknown, payload: unknown): Promise<{ status: number; body: unknown }> {
  const name = typeof channel === 'string' ? encodeURIComponent(channel) : 'x';
  const res = await fetch(`http://127.0.0.1:${server.port}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': server.token },
    body: JSON.stringify(payload) ?? 'null',
  });
  return { status: res.status, body: await res.json() };
}

function isTypedError(e: unknown): boolean {
  const err = (e as { ok?: unknown; error?: { code?: unknown; message?: unknown } }) ?? {};
  return (
    err.ok === false &&
    typeof err.error?.message === 'string' &&
    ERROR_CODES.includes(String(err.error?.code))
  );
}

describe('contract fuzzing', () => {
  it(`answers ${RUNS} random payloads on both transports with data or a typed error, changing nothing when it refuses`, async () => {
    const libraryFile = join(core.dataDir, 'library.json');
    const snapshot = async () =>
      `${await readFile(libraryFile, 'utf8').catch(() => '')}#${core.catalog.revision}`;
    let rejected = 0;
    let accepted = 0;
    let internal = 0;
    await fc.assert(
      fc.asyncProperty(randomCall, async ({ channel, payload }) => {
        for (const send of [ipc, async (c: unknown, p: unknown) => (await http(c, p)).body]) {
          const before = await snapshot();
          const reply = await send(channel, payload);
          const ok = (reply as { ok?: unknown }).ok === true;
          if (ok) {
            accepted++;
            continue;
          }
          expect(isTypedError(reply), JSON.stringify(reply)).toBe(true);
          if ((reply as { error: { code: string } }).error.code === 'INTERNAL') internal++;
          rejected++;
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: 42 },
    );
    console.log(
      `contract fuzzing: ${RUNS} payloads x 2 transports, ${accepted} accepted, ${rejected} rejected, ${internal} internal`,
    );
    await mkdir(join(process.cwd(), 'test-results', 'reliability'), { recursive: true });
    await writeFile(
      join(process.cwd(), 'test-results', 'reliability', 'fuzz.json'),
      JSON.stringify({ payloads: RUNS, transports: 2, accepted, rejected, internal, seed: 42 }, null, 2),
    );
    expect(internal).toBe(0);
    // Both transports still answer.
    expect(await ipc('app:info', {})).toMatchObject({ ok: true });
    expect((await http('app:info', {})).status).toBe(200);
  }, 600_000);
});
