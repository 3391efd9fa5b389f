/**
 * One typed stand-in for the core in renderer tests: `fakeBridge({ 'archive:list': (req) => … })`
 * answers the channels it is given (a handler may return a value or a promise, or throw an ApiError
 * body's worth: `fail('NOT_FOUND', '…')`), refuses every other channel with NOT_FOUND, records each
 * call, and lets the test push events. `useFakeBridge` also installs it as the renderer's bridge.
 */
import type { ApiErrorBody, Channel, EventName, Events, Request, Response, YuelanBridge } from '$contract';
import { setBridge } from '../../src-renderer/src/lib/api';

export type Handlers = {
  [C in Channel]?: (request: Request<C>) => Response<C> | Promise<Response<C>>;
};

export interface FakeBridge extends YuelanBridge {
  /** Every call made, in order. */
  readonly calls: { channel: Channel; request: unknown }[];
  /** The requests made to one channel, in order. */
  requests<C extends Channel>(channel: C): Request<C>[];
  /** Pushes an event to the renderer's listeners. */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

/** Thrown by a handler to answer with a typed error envelope. */
export class FakeFailure extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

export function fail(code: ApiErrorBody['code'], message: string): never {
  throw new FakeFailure({ code, message });
}

export function fakeBridge(handlers: Handlers = {}, shell: YuelanBridge['shell'] = 'serve'): FakeBridge {
  const calls: { channel: Channel; request: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  return {
    shell,
    calls,
    resourceUrl: (kind, name) => `/archive/${kind}/${encodeURIComponent(name)}?token=fake`,
    async invoke(channel, request) {
      calls.push({ channel, request });
      const handler = handlers[channel] as ((r: typeof request) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'NOT_FOUND', message: `no fake for ${channel}` } };
      try {
        return { ok: true, value: (await handler(request)) as Response<typeof channel> };
      } catch (err) {
        if (err instanceof FakeFailure) return { ok: false, error: err.body };
        throw err;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    requests<C extends Channel>(channel: C): Request<C>[] {
      return calls.filter((c) => c.channel === channel).map((c) => c.request as Request<C>);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
  };
}

/** Installs a fake bridge for the renderer; `setBridge(undefined)` (or `resetBridge`) takes it out. */
export function useFakeBridge(handlers: Handlers = {}): FakeBridge {
  const bridge = fakeBridge(handlers);
  setBridge(bridge);
  return bridge;
}

export function resetBridge(): void {
  setBridge(undefined);
}
