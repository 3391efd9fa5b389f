/**
 * The serve shell's boundary over real HTTP on 127.0.0.1: token, Host check, same-origin and JSON-only
 * calls, path traversal, body size, the CSP and nosniff on every answer, validation, and the same
 * channels as the desktop app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type ClientRequest } from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../helpers/core.js';
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
  const { req, reply } = open(path, init);
  if (init.body !== undefined) req.write(init.body);
  req.end();
  return reply;
}

/** A request left open for the caller to write; `reply` settles on the answer's end. */
function open(
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): { req: ClientRequest; reply: Promise<Reply> } {
  let req!: ClientRequest;
  const reply = new Promise<Reply>((resolve, reject) => {
    let answered = false;
    req = request(
      { host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => {});
        const done = (): void =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          });
        res.on('end', done);
        res.on('close', done);
      },
    );
    // A refused body is not read: the server answers and closes while this side may still be writing.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
  });
  return { req, reply };
}

/** Settles with the promise, or with 'timeout' after ms. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
}

async function fontSize(): Promise<number> {
  return JSON.parse((await call('library:settings', {})).body).value.fontSize as number;
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
  const core = await openCore(dataDir);
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

  it('answers 401 to a call with the token in the URL, even the right one, and changes nothing', async () => {
    const before = await fontSize();
    const inUrl = await send(`/api/call/library:updateSettings?token=${server.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fontSize: before === 31 ? 30 : 31 }),
    });
    expect(inUrl.status).toBe(401);
    expect(JSON.parse(inUrl.body).error.message).toContain('X-Yuelan-Token');
    // Both at once is refused too: a URL token is never part of a call.
    const both = await send(`/api/call/app:info?token=${server.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': server.token },
      body: '{}',
    });
    expect(both.status).toBe(401);
    expect(await fontSize()).toBe(before);
  });

  it('takes the token from the URL on the event stream alone (EventSource cannot set headers)', async () => {
    const { req, reply } = open(`/api/events?token=${server.token}`);
    req.end();
    const first = await new Promise<{ status: number; type: string | undefined }>((resolve) =>
      req.on('response', (res) =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }),
      ),
    );
    expect(first).toEqual({ status: 200, type: 'text/event-stream; charset=utf-8' });
    req.destroy();
    await reply;
    expect((await send('/api/events')).status).toBe(401);
    expect((await send('/api/events?token=wrong')).status).toBe(401);
  });

  it.each([
    ['no Content-Type', undefined],
    ['text/plain (what a no-cors page can send)', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON look-alike', 'application/jsonp'],
  ])('answers 415 to a call sent as %s, even with the token, and changes nothing', async (_, type) => {
    const before = await fontSize();
    const headers: Record<string, string> = { 'X-Yuelan-Token': server.token };
    if (type) headers['Content-Type'] = type;
    const res = await send('/api/call/library:updateSettings', {
      method: 'POST',
      headers,
      body: JSON.stringify({ fontSize: before === 31 ? 30 : 31 }),
    });
    expect(res.status).toBe(415);
    expect(await fontSize()).toBe(before);
  });

  it('takes application/json with parameters', async () => {
    const res = await call('app:info', {}, { 'Content-Type': 'Application/JSON; charset=utf-8' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a page on another local port', { Origin: 'http://127.0.0.1:1', 'Sec-Fetch-Site': 'same-site' }],
    ['a page on localhost, another port', { Origin: 'http://localhost:1', 'Sec-Fetch-Site': 'cross-site' }],
    ['a web site', { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }],
    ['an opaque origin (sandbox, file:)', { Origin: 'null' }],
    ['a same-site fetch without Origin', { 'Sec-Fetch-Site': 'same-site' }],
    ['a cross-site fetch without Origin', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('answers 403 to a call from %s, even with the token, and changes nothing', async (_, headers) => {
    const before = await fontSize();
    const res = await call('library:updateSettings', { fontSize: before === 31 ? 30 : 31 }, headers);
    expect(res.status).toBe(403);
    expect(await fontSize()).toBe(before);
    const events = await send(`/api/events?token=${server.token}`, { headers });
    expect(events.status).toBe(403);
  });

  it('replays the leaked-token attack (no-cors text/plain POST with ?token=) and gets 403, nothing changed', async () => {
    const before = await fontSize();
    const res = await send(`/api/call/library:updateSettings?token=${server.token}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/plain;charset=UTF-8',
        Origin: 'http://127.0.0.1:1',
        'Sec-Fetch-Site': 'same-site',
      },
      body: JSON.stringify({ fontSize: before === 31 ? 30 : 31 }),
    });
    expect(res.status).toBe(403);
    expect(await fontSize()).toBe(before);
  });

  it('answers 403 without CORS headers to the preflight of a cross-origin call', async () => {
    const res = await send('/api/call/library:updateSettings', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:1',
        'Sec-Fetch-Site': 'same-site',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-yuelan-token',
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("takes calls from the app's own page (either host name) and from clients that send no Origin", async () => {
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      const res = await call('app:info', {}, { Origin: origin, 'Sec-Fetch-Site': 'same-origin' });
      expect(res.status).toBe(200);
    }
    expect((await call('app:info', {})).status).toBe(200);
    expect((await call('app:info', {}, { 'Sec-Fetch-Site': 'none' })).status).toBe(200);
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

  it('answers 413 on the declared Content-Length, before one byte of the body is sent', async () => {
    const { req, reply } = open('/api/call/archive:search', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Yuelan-Token': server.token,
        'Content-Length': String(MAX_BODY_BYTES + 1),
      },
    });
    req.flushHeaders();
    const res = await within(reply, 3000);
    req.destroy();
    expect(res).not.toBe('timeout');
    expect((res as Reply).status).toBe(413);
    expect((res as Reply).headers.connection).toBe('close');
    expect((res as Reply).headers['content-security-policy']).toContain("default-src 'self'");
    expect((await call('app:info', {})).status).toBe(200);
  });

  it('answers 413 to a chunked body as soon as it passes the limit, without waiting for its end', async () => {
    const { req, reply } = open('/api/call/archive:search', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': server.token },
    });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let answered = false;
    void reply.then(() => (answered = true));
    let sent = 0;
    // Past the limit, then the request is left open: the answer must not wait for an end that never comes.
    while (sent <= MAX_BODY_BYTES && !answered && !req.destroyed) {
      sent += chunk.length;
      if (!req.write(chunk)) await new Promise((r) => setTimeout(r, 1));
    }
    const res = await within(reply, 3000);
    req.destroy();
    expect(res).not.toBe('timeout');
    expect((res as Reply).status).toBe(413);
    expect((await call('app:info', {})).status).toBe(200);
  });

  it('puts the CSP and nosniff on every answer: pages, JSON, errors and the event stream', async () => {
    const answers: Reply[] = [
      await send('/'),
      await send('/nope.js'),
      await send('/', { method: 'POST' }),
      await send('/', { headers: { Host: `evil.example:${server.port}` } }),
      await call('app:info', {}),
      await call('archive:get', { id: '0000000000000000' }),
      await call('app:info', {}, { 'X-Yuelan-Token': 'wrong' }),
      await call('app:info', {}, { Origin: 'http://127.0.0.1:1' }),
      await call('app:info', {}, { 'Content-Type': 'text/plain' }),
      await send('/api/nope', { headers: { 'X-Yuelan-Token': server.token } }),
      await call('archive:search', { q: 'x'.repeat(MAX_BODY_BYTES + 10) }),
    ];
    const { req, reply } = open(`/api/events?token=${server.token}`);
    req.end();
    const sse = await new Promise<Reply>((resolve) =>
      req.on('response', (res) => resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers })),
    );
    req.destroy();
    await reply;
    answers.push(sse);
    expect(answers.map((a) => a.status)).toEqual([
      200, 404, 405, 403, 200, 404, 401, 403, 415, 404, 413, 200,
    ]);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toContain("default-src 'self'");
      expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(a.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers typed errors to malformed requests and keeps serving', async () => {
    const bad = await send('/api/call/archive:search', {
      method: 'POST',
      headers: { 'X-Yuelan-Token': server.token, 'Content-Type': 'application/json' },
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

describe('serve shell token', () => {
  it.each([
    ['a', 'one character'],
    ['e2e-token-0123456789', '20 base64url characters (120 bits)'],
    ['0123456789abcdef0123456789abcde', '31 hex digits (124 bits)'],
    ['a token with spaces in it, long enough', 'characters outside base64url'],
    ['', 'empty'],
  ])('refuses %j (%s)', async (token) => {
    const core = await openCore(await tempDir());
    await expect(
      startServeServer({ core, handlers: createHandlers(core, 'test'), rendererDir: undefined, token }),
    ).rejects.toThrow(/token/);
  });

  it.each(['abcdefghijklmnopqrstuv', '0123456789abcdef0123456789abcdef'])('takes %j', async (token) => {
    const core = await openCore(await tempDir());
    const running = await startServeServer({
      core,
      handlers: createHandlers(core, 'test'),
      rendererDir: undefined,
      token,
    });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/?token=${token}`);
    await running.close();
  });

  function runShell(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string; cmdline: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(process.cwd(), 'src-main/serve.ts'), '--port', '0', ...args],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
      );
      let stdout = '';
      let stderr = '';
      let cmdline = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.stdout.on('data', (d) => {
        stdout += String(d);
        if (/Open http/.test(stdout) && !cmdline) {
          // What `ps` shows: the process's command line.
          cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
          child.kill('SIGTERM');
        }
      });
      child.on('exit', (code) => resolve({ code, stdout, stderr, cmdline }));
    });
  }

  it('refuses a short --token or YUELAN_TOKEN with one line and exit code 2', async () => {
    const data = await tempDir();
    for (const [args, env, name] of [
      [['--data', data, '--token', 'a'], {}, '--token'],
      [['--data', data], { YUELAN_TOKEN: 'short-token' }, 'YUELAN_TOKEN'],
    ] as const) {
      const run = await runShell([...args], { ...env });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`yuelan serve: ${name}: the token is too short`);
    }
  });

  it.skipIf(process.platform !== 'linux')(
    'takes the token from YUELAN_TOKEN, so `ps` does not show it',
    async () => {
      const token = 'env-token-0123456789abcdefghij';
      const run = await runShell(['--data', await tempDir()], { YUELAN_TOKEN: token });
      expect(run.stdout).toMatch(new RegExp(`Open http://127\\.0\\.0\\.1:\\d+/\\?token=${token}`));
      expect(run.cmdline).toContain('serve.ts');
      expect(run.cmdline).not.toContain(token);
    },
  );
});
