/**
 * The renderer's one door to the core. In Electron the preload exposes `window.yuelan`; in the serve
 * shell the same YuelanBridge is implemented over HTTP (POST /api/call/<channel>) and Server-Sent
 * Events (/api/events), authorised by the per-run token from the page URL: read once, kept in session
 * storage, taken out of the address bar (and so out of the history), sent in the X-Yuelan-Token header
 * on every call and in the URL only for the event stream, which cannot set headers. Components never
 * see the difference: they call `call(channel, request)` and `onEvent(name, listener)`.
 */
import type {
  YuelanBridge,
  ApiErrorBody,
  ArchiveResourceKind,
  Channel,
  Envelope,
  EventName,
  Events,
  Request,
  Response,
} from '$contract';

declare global {
  interface Window {
    yuelan?: YuelanBridge;
  }
}

/** A failed call: the core's `{code, message}`, or a transport failure (code 'NETWORK'). */
export class ApiError extends Error {
  readonly code: ApiErrorBody['code'] | 'NETWORK' | 'UNAUTHORIZED';

  constructor(code: ApiError['code'], message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

const TOKEN_KEY = 'yuelan.token';

/**
 * The serve shell's token. The first read takes `?token=` out of the page URL (history.replaceState,
 * so neither the address bar nor the history keeps it) and remembers it in session storage, for
 * reloads of this tab; later reads come from there.
 */
export function readToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl === null) {
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      return '';
    }
  }
  try {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
  } catch {
    // Storage may be unavailable (privacy settings): this page still works; a reload will not.
  }
  params.delete('token');
  const query = params.toString();
  try {
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${query ? `?${query}` : ''}${location.hash}`,
    );
  } catch {
    // A page that cannot rewrite its URL keeps working with the token it read.
  }
  return fromUrl;
}

/** The HTTP implementation of the bridge, for the serve shell. */
export function createHttpBridge(base = ''): YuelanBridge {
  const token = readToken();
  let source: EventSource | undefined;

  async function invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Envelope<Response<C>>> {
    let res: globalThis.Response;
    try {
      res = await fetch(`${base}/api/call/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': token },
        body: JSON.stringify(request),
      });
    } catch (err) {
      throw new ApiError('NETWORK', err instanceof Error ? err.message : String(err));
    }
    if (res.status === 401 || res.status === 403) {
      throw new ApiError('UNAUTHORIZED', `HTTP ${res.status}`);
    }
    try {
      return (await res.json()) as Envelope<Response<C>>;
    } catch {
      throw new ApiError('NETWORK', `HTTP ${res.status}: not a JSON answer`);
    }
  }

  function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    if (typeof EventSource === 'undefined') return () => {};
    source ??= new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    const handler = (message: MessageEvent<string>): void => {
      try {
        listener(JSON.parse(message.data) as Events[E]);
      } catch {
        // A malformed event is dropped; the next one may be fine.
      }
    };
    source.addEventListener(event, handler);
    return () => source?.removeEventListener(event, handler);
  }

  /** The archive's pictures and originals: `<img>` and `<iframe>` cannot send headers, so the token rides along. */
  function resourceUrl(kind: ArchiveResourceKind, name: string): string {
    return `${base}/archive/${kind}/${encodeURIComponent(name)}?token=${encodeURIComponent(token)}`;
  }

  return { invoke, on, shell: 'serve', resourceUrl };
}

let bridge: YuelanBridge | undefined;

function getBridge(): YuelanBridge {
  bridge ??= window.yuelan ?? createHttpBridge();
  return bridge;
}

/** For tests: use this bridge instead of the preload's or the HTTP one. */
export function setBridge(next: YuelanBridge | undefined): void {
  bridge = next;
}

/** Calls a channel; resolves with its value or throws an ApiError. */
export async function call<C extends Channel>(channel: C, req: Request<C>): Promise<Response<C>> {
  const envelope = await getBridge().invoke(channel, req);
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error.code, envelope.error.message);
}

/** Subscribes to a push event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, cb: (payload: Events[E]) => void): () => void {
  return getBridge().on(name, cb);
}

/** The URL of a picture of the archive or of a saved original: the shell's own route, never the network. */
export function resourceUrl(kind: ArchiveResourceKind, name: string): string {
  return getBridge().resourceUrl(kind, name);
}

export function shellKind(): YuelanBridge['shell'] {
  return getBridge().shell;
}
