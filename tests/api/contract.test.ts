/**
 * The contract at the boundary: every channel validates its request with its schema, unknown
 * channels and bad payloads come back as typed errors, and a rejected request changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { createHandlers, type Handlers } from '../../src-main/api/handlers.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import { channels, requests } from '../../src-main/api/contract.js';
import { tempDir } from '../helpers/tmp.js';

let handlers: Handlers;
let core: ArchiveCore;

beforeAll(async () => {
  core = await ArchiveCore.open(await tempDir());
  handlers = createHandlers(core, 'test');
});

describe('contract', () => {
  it('has one handler per channel and one schema per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
    expect(Object.keys(requests).sort()).toEqual([...channels].sort());
  });

  it.each([
    ['archive:get', { id: 'x' }],
    ['archive:get', { id: '../../etc/passwd' }],
    ['archive:get', {}],
    ['archive:search', { q: 5 }],
    ['archive:search', { q: 'a', limit: -1 }],
    ['archive:search', { q: 'a', from: '13/09/2022' }],
    ['archive:search', { q: 'a', kinds: ['video'] }],
    ['archive:search', { q: 'a', extra: true }],
    ['archive:list', { limit: 1.5 }],
    ['archive:import', { paths: [] }],
    ['archive:import', { paths: 'seeds' }],
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
