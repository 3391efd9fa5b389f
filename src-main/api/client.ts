/**
 * The contract as a typed function, for the shells that live in the same process as the core (the
 * CLI, the desktop menu's actions): they go through `dispatch()` like the renderer does, so requests
 * are validated by the same schemas and answered by the same handlers.
 */
import type { Channel, Envelope, ErrorCode, Request, Response } from './contract.js';
import { dispatch } from './dispatch.js';
import type { Handlers } from './handlers.js';

export type Invoke = <C extends Channel>(channel: C, request: Request<C>) => Promise<Envelope<Response<C>>>;

/** An error answer of the contract, thrown by `call`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function invoker(handlers: Handlers): Invoke {
  return (channel, request) =>
    dispatch(handlers, channel, request) as Promise<Envelope<Response<typeof channel>>>;
}

/** Ask a channel; resolves with its answer, or throws an ApiError with its error. */
export async function call<C extends Channel>(
  invoke: Invoke,
  channel: C,
  request: Request<C>,
): Promise<Response<C>> {
  const reply = await invoke(channel, request);
  if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message);
  return reply.value;
}
