/**
 * Electron's route for the archive's own resources (api/archive-resources.ts): the
 * `yuelan-archive://media/<name>` and `yuelan-archive://original/<key>` protocol. The scheme is
 * registered as standard (so its URLs have a host and a path) and secure (so a secure page may load
 * it), and nothing more: no fetch or CORS, no bypassing of the CSP, no service workers. Every request
 * is validated by the resource schemas; the answers carry the same strict headers as the serve shell's.
 * A saved original may only be shown inside the app's page (its subframe), never navigated to.
 */
import type { Protocol, WebContents } from 'electron';
import { ARCHIVE_SCHEME } from '../api/bridge.js';
import { parseResourcePath, type ResourceServer } from '../api/archive-resources.js';

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const ARCHIVE_SCHEME_PRIVILEGES = {
  scheme: ARCHIVE_SCHEME,
  privileges: { standard: true, secure: true },
};

const MEDIA_BASE = `${ARCHIVE_SCHEME}://media/`;

/** The resource a protocol URL asks for, validated, or undefined. */
export function resourceFromUrl(url: string): ReturnType<typeof parseResourcePath> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${ARCHIVE_SCHEME}:` || parsed.search || parsed.hash) return undefined;
  return parseResourcePath(`/${parsed.host}${parsed.pathname}`);
}

/** Answer the protocol from the data folder's stores (on the session the window uses). */
export function handleArchiveProtocol(protocol: Protocol, resources: ResourceServer): void {
  protocol.handle(ARCHIVE_SCHEME, async (request) => {
    const resource = request.method === 'GET' ? resourceFromUrl(request.url) : undefined;
    if (!resource)
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    // The whole scheme, not `yuelan-archive://media/`: whether Chromium matches a path in a CSP
    // source of a custom scheme could not be tried here (no Electron binary), and the scheme serves
    // nothing an <img> could run (an original loaded as a picture is no picture).
    const answer = await resources.answer(resource, {
      mediaBase: MEDIA_BASE,
      mediaSource: `${ARCHIVE_SCHEME}:`,
    });
    const body = typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}

/** True for the only URL a subframe may show: a saved original of the archive. */
export function isOriginalUrl(url: string): boolean {
  return resourceFromUrl(url)?.kind === 'original';
}

/**
 * The app's page may hold one kind of frame: a saved original. Any other navigation of a subframe
 * (a link in it, were one left; a redirect) is refused, so nothing in an original can leave.
 */
export function guardSubframes(contents: WebContents): void {
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame) return;
    if (!isOriginalUrl(details.url)) details.preventDefault();
  });
}
