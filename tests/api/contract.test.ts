/**
 * The contract at the boundary: every channel validates its request with its schema, unknown
 * channels and bad payloads come back as typed errors, and a rejected request changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { openCore } from '../helpers/core.js';
import { createHandlers, type Handlers } from '../../src-main/api/handlers.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import { isChannel, requests } from '../../src-main/api/contract.js';
import { EVENT_NAMES } from '../../src-main/api/bridge.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

let handlers: Handlers;
let core: ArchiveCore;

beforeAll(async () => {
  core = await openCore(await tempDir());
  handlers = createHandlers(core, 'test');
});

/** The `'domain:name'` strings in the files under `dir` (the names the code there uses). */
async function namesUsedIn(dir: string, exts = ['.ts', '.svelte']): Promise<Set<string>> {
  const found = new Set<string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !exts.some((e) => entry.name.endsWith(e))) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/'((?:app|archive|library|import|search|sync):[a-zA-Z]+)'/g))
      found.add(m[1]!);
  }
  return found;
}

const RENDERER = join(process.cwd(), 'src-renderer', 'src');
const SHELLS = [join(process.cwd(), 'src-main', 'cli'), join(process.cwd(), 'src-main', 'desktop')];

describe('contract', () => {
  it('has a handler for every channel and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(requests).sort());
  });

  it('has a channel for every name the renderer invokes, and no channel nobody calls', async () => {
    const renderer = await namesUsedIn(RENDERER);
    const events = new Set<string>(EVENT_NAMES);
    const invoked = [...renderer].filter((n) => !events.has(n));
    expect(invoked.filter((n) => !isChannel(n))).toEqual([]);
    const shells = new Set<string>();
    for (const dir of SHELLS) for (const n of await namesUsedIn(dir)) shells.add(n);
    const unused = Object.keys(requests).filter((c) => !renderer.has(c) && !shells.has(c));
    expect(unused).toEqual([]);
  });

  it('lists every event the core emits and the desktop sends, and the renderer listens to each', async () => {
    const events = new Set<string>(EVENT_NAMES);
    const emitted = new Set<string>();
    const stop = core.onEvent((event) => emitted.add(event));
    await core.importPaths([join(process.cwd(), 'tests', 'fixtures', 'pages', 'single-headline.txt')]);
    stop();
    expect([...emitted]).toEqual(expect.arrayContaining(['archive:changed', 'import:progress']));
    const desktop = await namesUsedIn(join(process.cwd(), 'src-main', 'desktop'));
    const sent = [...desktop].filter((n) => !isChannel(n));
    expect(sent.sort()).toEqual(['app:command', 'app:notice']);
    for (const name of [...emitted, ...sent]) expect(events.has(name), name).toBe(true);
    const renderer = await namesUsedIn(RENDERER);
    expect(EVENT_NAMES.filter((name) => !renderer.has(name))).toEqual([]);
    expect(EVENT_NAMES).toHaveLength(events.size);
  });

  it.each([
    ['archive:get', { id: 'x' }],
    ['archive:get', { id: '../../etc/passwd' }],
    ['archive:get', {}],
    ['archive:search', { q: 5 }],
    ['archive:search', { q: 'a', limit: -1 }],
    ['archive:search', { q: 'a', from: '13/09/2022' }],
    ['archive:search', { q: 'a', from: '2022-02-30' }],
    ['archive:search', { q: 'a', kinds: ['video'] }],
    ['archive:search', { q: 'a', extra: true }],
    ['archive:list', { limit: 1.5 }],
    ['archive:import', { paths: [] }],
    ['archive:import', { paths: 'seeds' }],
    ['archive:sourcesPage', { limit: 5000 }],
    ['archive:sourcesPage', { status: 'lost' }],
    ['archive:removeFolder', { folder: 'no-separator' }],
    ['archive:removeFolder', {}],
    ['library:setBookmark', { articleId: 'abcdef0123456789' }],
    ['library:setBookmark', { articleId: 'abcdef0123456789', bookmarked: 'yes' }],
    ['library:updateSettings', { theme: 'neon' }],
    ['library:updateSettings', { fontSize: 400 }],
    ['app:info', { verbose: true }],
  ])('rejects %s %j with BAD_REQUEST', async (channel, payload) => {
    const res = await dispatch(handlers, channel, payload);
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!res.ok) expect(res.error.message).toContain(channel);
  });

  it.each([undefined, 42, '__proto__', 'constructor', 'toString', 'archive:get '])(
    'rejects channel %j with BAD_CHANNEL',
    async (name) => {
      expect(await dispatch(handlers, name, {})).toMatchObject({ ok: false, error: { code: 'BAD_CHANNEL' } });
    },
  );

  it('answers NOT_FOUND for an unknown article and leaves the library untouched', async () => {
    const before = JSON.stringify(core.library.data);
    const res = await dispatch(handlers, 'library:setBookmark', {
      articleId: '0123456789abcdef',
      bookmarked: true,
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(core.library.data)).toBe(before);
  });

  it('runs valid requests: list, get, search, bookmark', async () => {
    const list = await dispatch(handlers, 'archive:list', { limit: 5 });
    expect(list.ok && (list.value as { total: number }).total).toBe(35);
    const search = await dispatch(handlers, 'archive:search', { q: '党建', limit: 3 });
    expect(search.ok).toBe(true);
    const id = search.ok ? (search.value as { hits: { article: { id: string } }[] }).hits[0]!.article.id : '';
    const got = await dispatch(handlers, 'archive:get', { id });
    expect(got).toMatchObject({ ok: true, value: { id, kind: 'full', bookmarked: false } });
    await dispatch(handlers, 'library:setBookmark', { articleId: id, bookmarked: true, tags: ['党建'] });
    expect(await dispatch(handlers, 'archive:get', { id })).toMatchObject({
      ok: true,
      value: { bookmarked: true },
    });
    const onlyBookmarked = await dispatch(handlers, 'archive:search', { q: '', bookmarked: true });
    expect(
      onlyBookmarked.ok &&
        (onlyBookmarked.value as { hits: { article: { id: string } }[] }).hits.map((h) => h.article.id),
    ).toEqual([id]);
  });
});

describe('search scope and filters over the library', () => {
  it('finds my notes and highlighted quotes with scope notes or both, and filters annotated articles', async () => {
    const c = await openCore(await tempDir());
    const h = createHandlers(c, 'test');
    const main = c.catalog.listArticles().find((a) => a.kind === 'full')!;
    const added = await dispatch(h, 'library:addAnnotation', {
      articleId: main.id,
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 7 },
      color: 'blue',
      note: '城市治理的要点',
    });
    expect(added).toMatchObject({ ok: true, value: { target: { quote: { exact: '城市是改革开放' } } } });

    const notes = await dispatch(h, 'archive:search', { q: '治理的要点', scope: 'notes' });
    expect(notes.ok && notes.value).toMatchObject({
      hits: [],
      notes: [{ annotation: { note: '城市治理的要点' } }],
    });
    const both = await dispatch(h, 'archive:search', { q: '改革开放', scope: 'both' });
    expect(both.ok && (both.value as { notes: unknown[] }).notes).toHaveLength(1);
    expect(both.ok && (both.value as { hits: unknown[] }).hits.length).toBeGreaterThan(0);

    const annotated = await dispatch(h, 'archive:search', { q: '', annotated: true });
    expect(
      annotated.ok &&
        (annotated.value as { hits: { article: { id: string } }[] }).hits.map((x) => x.article.id),
    ).toEqual([main.id]);
  });

  it('rejects a selection outside the text and an annotation on an unknown article', async () => {
    const c = await openCore(await tempDir());
    const h = createHandlers(c, 'test');
    const main = c.catalog.listArticles().find((a) => a.kind === 'full')!;
    const outside = await dispatch(h, 'library:addAnnotation', {
      articleId: main.id,
      position: { startBlock: 0, startOffset: 0, endBlock: 999, endOffset: 1 },
      color: 'blue',
    });
    expect(outside).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const backwards = await dispatch(h, 'library:addAnnotation', {
      articleId: main.id,
      position: { startBlock: 2, startOffset: 0, endBlock: 1, endOffset: 1 },
      color: 'blue',
    });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(c.library.listAnnotations()).toEqual([]);
  });
});
