/**
 * The one data folder every serve shell of a run uses, when there must be one: E2E_DATA_DIR if set,
 * else, for screenshot runs (YUELAN_SCREENSHOT_DIR), tmpdir()/yuelan-e2e-data, because the Settings
 * view shows the data folder's path and the screenshots must not change from run to run. Otherwise
 * undefined: each spec file gets a fresh temporary folder. With a fixed folder the run takes one worker
 * (playwright.config.ts), so two shells never share it. No Playwright import: the config reads it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function fixedDataDir(): string | undefined {
  if (process.env.E2E_DATA_DIR) return process.env.E2E_DATA_DIR;
  if (process.env.YUELAN_SCREENSHOT_DIR) return join(tmpdir(), 'yuelan-e2e-data');
  return undefined;
}
