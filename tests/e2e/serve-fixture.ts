/**
 * Where the end-to-end tests find the serve shell: playwright.config.ts starts it on this port with
 * this token over a fresh data folder (tests/e2e/start-serve.mjs).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 5183);
// At least 128 bits (22 base64url characters): the serve shell refuses shorter tokens.
export const E2E_TOKEN = process.env.E2E_TOKEN ?? 'e2e-token-0123456789abcdefghij';
if (!/^[A-Za-z0-9_-]{22,}$/.test(E2E_TOKEN)) {
  throw new Error(
    'E2E_TOKEN must be at least 22 base64url characters (128 bits): the serve shell refuses it',
  );
}
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? join(tmpdir(), 'yuelan-e2e-data');

/** A path of the app with the token, e.g. appUrl('/') for the home page (the page then drops it). */
export function appUrl(path = '/'): string {
  return `${path}${path.includes('?') ? '&' : '?'}token=${E2E_TOKEN}`;
}
