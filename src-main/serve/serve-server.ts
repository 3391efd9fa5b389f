/**
 * The serve shell's HTTP server: the built renderer plus the contract's channels, on 127.0.0.1 only.
 * It stands in for Electron where no Electron binary can run (and drives the end-to-end tests), so it
 * guards the same boundary a desktop app has: a per-run token of at least 128 bits on every API call
 * (in the X-Yuelan-Token header; in the URL only for the event stream, which cannot set headers), a
 * Host check against DNS rebinding, same-origin-only API requests (Origin / Sec-Fetch-Site) with a
 * JSON Content-Type on every call, no path outside the renderer folder, bounded request bodies
 * (refused on Content-Length before any byte is read), and the CSP and nosniff on every response.
 * The archive's pictures and saved originals have their own route (serve-resources.ts).
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
import { ResourceServer } from '../api/archive-resources.js';
import { isResourcePath, serveResource } from './serve-resources.js';

// Large enough for an exported library coming back in (library:importLibrary takes up to 50 MiB).
export const MAX_BODY_BYTES = 56 * 1024 * 1024;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Set on every response. (Assigned by name: electronegativity's CSP check looks for that form.) */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
SECURITY_HEADERS['Content-Security-Policy'] = CSP;

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

/** The least a token must carry: 22 base64url characters or 32 hex digits. */
export const MIN_TOKEN_BITS = 128;

/** Why a caller-chosen token is refused, or undefined when it is good enough. */
export function tokenProblem(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(token)) {
    return 'the token may hold only the base64url characters A-Z a-z 0-9 - _';
  }
  const bitsPerChar = /^[0-9a-fA-F]+$/.test(token) ? 4 : 6;
  if (token.length * bitsPerChar < MIN_TOKEN_BITS) {
    return (
      `the token is too short: ${token.length} characters carry under ${MIN_TOKEN_BITS} bits ` +
      '(use at least 22 base64url characters or 32 hex digits, e.g. `openssl rand -hex 16`)'
    );
  }
  return undefined;
}

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
  if (options.token !== undefined) {
    const problem = tokenProblem(options.token);
    if (problem) throw new Error(problem);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const sse = new Set<ServerResponse>();
  const resources = new ResourceServer(options.core.dataDir);
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
    // Every answer, whatever it is (a page, JSON, an error, the event stream), carries these.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!hostAllowed(req.headers.host, port)) {
      refuseText(req, res, 403, 'Forbidden: this server answers only to 127.0.0.1 and localhost.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (isResourcePath(url.pathname)) {
      await serveResource(url, req, res, {
        resources,
        tokenOk,
        origin: `http://${req.headers.host}`,
        sameOrigin: sameOrigin(req, port),
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      await handleApi(url, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuseText(req, res, 405, 'Method not allowed');
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
    // Another page in the browser (another local port, a web site) may send requests here; only the
    // app's own page, or a client that is no browser page at all, gets past this.
    if (!sameOrigin(req, port)) {
      refuseJson(req, res, 403, 'BAD_REQUEST', 'Cross-origin API requests are refused.');
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      // EventSource cannot set headers: the event stream alone takes the token from the URL.
      if (!tokenOk(req.headers['x-yuelan-token'] ?? url.searchParams.get('token'))) {
        refuseJson(req, res, 401, 'BAD_REQUEST', 'Missing or wrong token: open the URL the server printed.');
        return;
      }
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
    if (url.searchParams.has('token')) {
      refuseJson(
        req,
        res,
        401,
        'BAD_REQUEST',
        'The token goes in the X-Yuelan-Token header; a token in the URL is refused here.',
      );
      return;
    }
    if (!tokenOk(req.headers['x-yuelan-token'])) {
      refuseJson(req, res, 401, 'BAD_REQUEST', 'Missing or wrong token: open the URL the server printed.');
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
      refuseJson(req, res, 404, 'BAD_CHANNEL', 'No such API route.');
      return;
    }
    if (!isJsonType(req.headers['content-type'])) {
      refuseJson(req, res, 415, 'BAD_REQUEST', 'API calls must be sent as Content-Type: application/json.');
      return;
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
      // Refused on the declared size: not one byte of the body is read.
      refuseJson(req, res, 413, 'BAD_REQUEST', `Request body over ${MAX_BODY_BYTES} bytes.`);
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      refuseJson(req, res, 413, 'BAD_REQUEST', `Request body over ${MAX_BODY_BYTES} bytes.`);
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
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A request still open (an event stream the page reopened on a kept-alive socket) must not hold
      // the shutdown: seen as a serve process that outlived SIGTERM by a minute.
      const cut = setTimeout(() => server.closeAllConnections(), 1000);
      cut.unref();
      await closed;
      clearTimeout(cut);
    },
  };
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Only the app's own page or a client that is no browser page: the Origin, when sent, must be this
 * server's own, and Sec-Fetch-Site, when sent, must say same-origin (or none: typed by the user).
 * Node and curl send neither; a page on another port sends `same-site`, a web site `cross-site`.
 */
function sameOrigin(req: IncomingMessage, port: number): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** application/json, with or without parameters such as `; charset=utf-8`. */
function isJsonType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Stops at MAX_BODY_BYTES while streaming (a chunked body declares no length). */
function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        chunks.length = 0;
        resolve('too-large');
      } else chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData);
    req.on('end', onEnd);
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

/** The request still has a body we will not read: answer, then close rather than drain it. */
function unreadBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function refuseJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: ApiErrorBody['code'],
  message: string,
): void {
  if (unreadBody(req)) res.setHeader('Connection', 'close');
  sendJson(res, status, errorEnvelope(code, message));
}

function refuseText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  if (unreadBody(req)) res.setHeader('Connection', 'close');
  sendText(res, status, text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
