/**
 * The serve shell's HTTP server: the built renderer plus the contract's channels, on 127.0.0.1 only.
 * It stands in for Electron where no Electron binary can run (and drives the end-to-end tests), so it
 * guards the same boundary a desktop app has: a per-run token on every API call, a Host check against
 * DNS rebinding, no path outside the renderer folder, bounded request bodies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ArchiveCore } from '../archive/archive-core.js';
import { dispatch } from '../api/dispatch.js';
import type { Handlers } from '../api/handlers.js';
import type { ApiErrorBody, Envelope } from '../api/contract.js';

// Large enough for an exported library coming back in (library:importLibrary takes up to 50 MiB).
export const MAX_BODY_BYTES = 56 * 1024 * 1024;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface ServeOptions {
  core: ArchiveCore;
  handlers: Handlers;
  /** The built renderer; without it, pages answer 503 and the API still works. */
  rendererDir: string | undefined;
  port?: number;
  token?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

export async function startServeServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const sse = new Set<ServerResponse>();
  let port = options.port ?? 0;

  const unsubscribe = options.core.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorEnvelope('INTERNAL', String(err)));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, port)) {
      sendText(res, 403, 'Forbidden: this server answers only to 127.0.0.1 and localhost.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!tokenOk(req.headers['x-yuelan-token'] ?? url.searchParams.get('token'))) {
        sendJson(
          res,
          401,
          errorEnvelope('BAD_REQUEST', 'Missing or wrong token: open the URL the server printed.'),
        );
        return;
      }
      await handleApi(url, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed');
      return;
    }
    await serveStatic(url.pathname, res);
  }

  function tokenOk(given: string | string[] | null | undefined): boolean {
    if (typeof given !== 'string') return false;
    const bytes = Buffer.from(given);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  async function handleApi(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    const match = /^\/api\/call\/([^/]{1,256})$/.exec(url.pathname);
    let channel: string | undefined;
    try {
      channel = match ? decodeURIComponent(match[1]!) : undefined;
    } catch {
      channel = undefined;
    }
    if (channel === undefined || req.method !== 'POST') {
      sendJson(res, 404, errorEnvelope('BAD_CHANNEL', 'No such API route.'));
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      sendJson(res, 413, errorEnvelope('BAD_REQUEST', `Request body over ${MAX_BODY_BYTES} bytes.`));
      return;
    }
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, errorEnvelope('BAD_REQUEST', 'Request body is not valid JSON.'));
      return;
    }
    const envelope = await dispatch(options.handlers, channel, payload);
    sendJson(res, envelope.ok ? 200 : statusFor(envelope.error), envelope);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rendererDir = options.rendererDir;
    if (!rendererDir) {
      sendText(
        res,
        503,
        'The Yuelan renderer is not built: run `npm run build`, then start the serve shell again.',
      );
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 404, 'Not found');
      return;
    }
    const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
    const file = join(rendererDir, rel);
    if (decoded.includes('\0') || rel.startsWith('..') || !file.startsWith(rendererDir + sep)) {
      sendText(res, 404, 'Not found');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const data = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
      res.writeHead(200, headers);
      res.end(data);
    } catch {
      sendText(res, 404, 'Not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe();
      for (const res of sse) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function statusFor(error: ApiErrorBody): number {
  switch (error.code) {
    case 'NOT_FOUND':
      return 404;
    case 'BUSY':
      return 409;
    case 'INTERNAL':
      return 500;
    default:
      return 400;
  }
}

function errorEnvelope(code: ApiErrorBody['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
