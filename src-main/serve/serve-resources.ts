/**
 * The serve shell's route for the archive's own resources (api/archive-resources.ts):
 * `GET /archive/media/<name>?token=…` and `GET /archive/original/<key>?token=…`. An `<img>` or an
 * `<iframe>` cannot set the token header, so the token rides in the URL, as for the event stream.
 * A picture may be asked for by the sandboxed original (whose origin is opaque, so the browser calls
 * it cross-site): the token is its gate. An original is a frame of the app's own page only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ARCHIVE_PATH } from '../api/bridge.js';
import { parseResourcePath, type ResourceServer } from '../api/archive-resources.js';

export interface ResourceRouteContext {
  resources: ResourceServer;
  tokenOk(given: string | null | undefined): boolean;
  /** The app's own origin as this request reached it (`http://127.0.0.1:PORT`). */
  origin: string;
  sameOrigin: boolean;
}

/** True when the path is this route's (answered here, whatever the answer). */
export function isResourcePath(pathname: string): boolean {
  return pathname.startsWith(`${ARCHIVE_PATH}/`);
}

export async function serveResource(
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  context: ResourceRouteContext,
): Promise<void> {
  const refuse = (status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'Method not allowed');
  const token = url.searchParams.get('token');
  if (!context.tokenOk(token)) return refuse(401, 'Missing or wrong token.');
  const request = parseResourcePath(url.pathname.slice(ARCHIVE_PATH.length));
  if (!request || [...url.searchParams.keys()].some((k) => k !== 'token')) return refuse(404, 'Not found');
  if (request.kind === 'original' && !context.sameOrigin) return refuse(403, 'Only the app shows originals.');
  const answer = await context.resources.answer(request, {
    mediaBase: `${context.origin}${ARCHIVE_PATH}/media/`,
    mediaSuffix: `?token=${encodeURIComponent(token ?? '')}`,
    mediaSource: `${context.origin}${ARCHIVE_PATH}/media/`,
    frameAncestors: "'self'",
  });
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}
