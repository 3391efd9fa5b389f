/**
 * The serve shell's boundary over real HTTP on 127.0.0.1: token, Host check, path traversal, body
 * size, validation, and the same channels as the desktop app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { startServeServer, MAX_BODY_BYTES, type RunningServer } from '../../src-main/serve/serve-server.js';
import { tempDir } from '../helpers/tmp.js';

let server: RunningServer;

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

function call(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(`/api/call/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': server.token, ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  const dataDir = await tempDir();
  const rendererDir = join(await tempDir(), 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Yuelan</title>');
  await writeFile(join(await tempDir(), 'secret.txt'), 'secret');
  const core = await ArchiveCore.open(dataDir);
  server = await startServeServer({ core, handlers: createHandlers(core, 'test'), rendererDir });
});

afterAll(() => server.close());

describe('serve shell', () => {
  it('binds 127.0.0.1 on a random free port and prints a URL with the token', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await send('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Yuelan</title>');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers 401 to an API call without the token or with a wrong one', async () => {
    expect((await send('/api/call/app:info', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('app:info', {}, { 'X-Yuelan-Token': 'wrong' })).status).toBe(401);
  });

  it('answers 403 to a Host that is not 127.0.0.1 or localhost', async () => {
    const res = await send('/', { headers: { Host: `evil.example:${server.port}` } });
    expect(res.status).toBe(403);
    const ok = await send('/', { headers: { Host: `localhost:${server.port}` } });
    expect(ok.status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/nope.js',
  ])('answers 404 to %s', async (path) => {
    const res = await send(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret');
  });

  it('answers 413 to an oversized body', async () => {
    const res = await call('archive:search', { q: 'x'.repeat(MAX_BODY_BYTES + 10) });
    expect(res.status).toBe(413);
  });

  it('answers typed errors to malformed requests and keeps serving', async () => {
    const bad = await send('/api/call/archive:search', {
      method: 'POST',
      headers: { 'X-Yuelan-Token': server.token },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await call('archive:drop', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'BAD_CHANNEL' } });
    const wrongType = await call('archive:search', { q: 42 });
    expect(JSON.parse(wrongType.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const missing = await call('archive:get', { id: '0000000000000000' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await call('app:info', {})).status).toBe(200);
  });

  it('searches the seed and bookmarks through the same channels as the app', async () => {
    const found = JSON.parse((await call('archive:search', { q: '近邻党建' })).body);
    expect(found.ok).toBe(true);
    const first = found.value.hits[0].article;
    expect(first.title).toBe('福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”');
    const set = JSON.parse(
      (await call('library:setBookmark', { articleId: first.id, bookmarked: true })).body,
    );
    expect(set).toMatchObject({ ok: true, value: { bookmarked: true } });
    const list = JSON.parse((await call('library:bookmarks', {})).body);
    expect(list.value.map((b: { articleId: string }) => b.articleId)).toEqual([first.id]);
  });
});
