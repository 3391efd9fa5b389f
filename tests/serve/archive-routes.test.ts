/**
 * The serve shell's route for the archive's pictures and saved originals, over real HTTP: the token,
 * strict validation of the names, the headers of each answer (sniffed type, nosniff, a CSP under which
 * nothing runs; the original's CSP lets in only this server's media route), and the media names in an
 * original turned into this route's URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { startServeServer, type RunningServer } from '../../src-main/serve/serve-server.js';
import { MediaStore } from '../../src-main/archive/catalog/media-store.js';
import { OriginalsStore } from '../../src-main/archive/catalog/originals-store.js';
import { tempDir } from '../helpers/tmp.js';
import { PNG } from '../fixtures/pictures.js';

let server: RunningServer;
let core: ArchiveCore;
let picture: string;
let original: string;

interface Reply {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const dir = await tempDir();
  core = await ArchiveCore.open(dir);
  server = await startServeServer({ core, handlers: createHandlers(core, 'test'), rendererDir: undefined });
  picture = (await new MediaStore(dir).put(PNG, 'image/png'))!;
  original = (await new OriginalsStore(dir).put(
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>原文</p><img src="yuelan-media:${picture}" alt="图"><img src="yuelan-media:../../catalog.json"></body></html>`,
  ))!;
});

afterAll(async () => {
  await server.close();
  await core.close();
});

const token = (): string => `token=${server.token}`;

describe('GET /archive/media/<name>', () => {
  it('answers the picture with its sniffed type, nosniff and a CSP under which nothing runs', async () => {
    const reply = await get(`/archive/media/${picture}?${token()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(Buffer.from(PNG));
    expect(reply.headers['content-type']).toBe('image/png');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('is asked for by the sandboxed original, whose origin is opaque: the token is its gate', async () => {
    const reply = await get(`/archive/media/${picture}?${token()}`, { 'Sec-Fetch-Site': 'cross-site' });
    expect(reply.status).toBe(200);
    expect((await get(`/archive/media/${picture}`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(401);
  });

  it('refuses a missing or wrong token', async () => {
    expect((await get(`/archive/media/${picture}`)).status).toBe(401);
    expect((await get(`/archive/media/${picture}?token=${'x'.repeat(32)}`)).status).toBe(401);
    const header = await get(`/archive/media/${picture}`, { 'X-Yuelan-Token': server.token });
    expect(header.status).toBe(401);
  });

  it('refuses every name the store could not have made, and other methods', async () => {
    const hex = picture.slice(0, 64);
    for (const bad of [
      '..%2Fcatalog.json',
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e/catalog.json',
      `${hex}.svg`,
      `${hex.toUpperCase()}.png`,
      `${picture}/x`,
      `x/${picture}`,
      `${picture}%00`,
      `${'0'.repeat(64)}.png`,
    ]) {
      const reply = await get(`/archive/media/${bad}?${token()}`);
      expect(reply.status, bad).toBe(404);
      expect(reply.headers['x-content-type-options'], bad).toBe('nosniff');
    }
    expect((await get(`/archive/media/${picture}?${token()}&x=1`)).status).toBe(404);
    expect((await get(`/archive/other/${picture}?${token()}`)).status).toBe(404);
    expect((await get(`/archive/media/${picture}?${token()}`, {}, 'POST')).status).toBe(405);
    const head = await get(`/archive/media/${picture}?${token()}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers only to 127.0.0.1 and localhost (DNS rebinding)', async () => {
    const reply = await get(`/archive/media/${picture}?${token()}`, { Host: `evil.example:${server.port}` });
    expect(reply.status).toBe(403);
  });
});

describe('GET /archive/original/<key>', () => {
  it('answers the page sandboxed, with pictures only from this server’s media route', async () => {
    const reply = await get(`/archive/original/${original}?${token()}`, { 'Sec-Fetch-Site': 'same-origin' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const route = `http://127.0.0.1:${server.port}/archive/media/`;
    const csp = String(reply.headers['content-security-policy']);
    expect(csp.split(/;\s*/)).toEqual([
      "default-src 'none'",
      `img-src ${route}`,
      "style-src 'unsafe-inline'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'self'",
      'sandbox',
    ]);
    const html = reply.body.toString('utf8');
    expect(html).toContain('<p>原文</p>');
    expect(html).toContain(`<img src="${route}${picture}?${token()}" alt="图">`);
    // A placeholder that names no media stays inert: it is no URL the page could load.
    expect(html).toContain('<img src="yuelan-media:../../catalog.json">');
  });

  it('is a frame of the app’s own page only, and needs the token', async () => {
    const path = `/archive/original/${original}`;
    expect((await get(`${path}?${token()}`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await get(`${path}?${token()}`, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await get(`${path}?${token()}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(path, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(401);
    for (const bad of [`${original}.html`, original.slice(1), '..%2Fcatalog', original.toUpperCase()]) {
      expect((await get(`/archive/original/${bad}?${token()}`)).status, bad).toBe(404);
    }
    expect((await get(`/archive/original/${'0'.repeat(64)}?${token()}`)).status).toBe(404);
  });
});
