/**
 * Where the end-to-end tests find the serve shell: playwright.config.ts starts it on this port with
 * this token over a fresh data folder (tests/e2e/start-serve.mjs).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 5183);
export const E2E_TOKEN = process.env.E2E_TOKEN ?? 'e2e-token-0123456789';
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? join(tmpdir(), 'yuelan-e2e-data');

/** A path of the app with the token, e.g. appUrl('/') for the home page. */
export function appUrl(path = '/'): string {
  return `${path}${path.includes('?') ? '&' : '?'}token=${E2E_TOKEN}`;
}
