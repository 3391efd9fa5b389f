/**
 * The boundary: one function that every shell calls with whatever arrived (an IPC message, an HTTP
 * body). It checks the channel and validates the request against the contract's schema, runs the
 * handler, and turns every outcome into an Envelope, so a bad request can never crash the process.
 */
import { z } from 'zod';
import { BusyError } from '../archive/archive-core.js';
import { isChannel, requests, type ApiErrorBody, type Envelope } from './contract.js';
import { BadRequestError, NotFoundError, type Handlers } from './handlers.js';

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return fail('BAD_CHANNEL', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`);
  }
  const parsed = requests[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    return fail('BAD_REQUEST', `Invalid request for ${channel}: ${z.prettifyError(parsed.error)}`);
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorBody(err) };
  }
}

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof NotFoundError) return { code: 'NOT_FOUND', message: err.message };
  if (err instanceof BadRequestError) return { code: 'BAD_REQUEST', message: err.message };
  if (err instanceof BusyError) return { code: 'BUSY', message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

function fail(code: ApiErrorBody['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message: message.replace(/\s+/g, ' ').trim() } };
}
