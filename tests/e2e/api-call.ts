/**
 * A channel called straight over the serve shell's HTTP API, for a spec's setup and checks (the
 * token in its header, as the renderer sends it). Fails the test when the call answers an error.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect } from './serve-fixture';

export async function api<T>(
  request: APIRequestContext,
  token: string,
  channel: string,
  data: object,
): Promise<T> {
  const res = await request.post(`/api/call/${channel}`, { headers: { 'X-Yuelan-Token': token }, data });
  const body = (await res.json()) as { ok: boolean; value: T };
  expect(body.ok).toBe(true);
  return body.value;
}
