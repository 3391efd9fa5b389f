import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fixedDataDir } from './tests/e2e/fixed-data-dir.js';

/** The system's Chromium or Chrome: the tests never download a browser. */
function findBrowser(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found: install one (Debian: apt-get install chromium) or set CHROME_PATH.',
    );
  }
  return found;
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // Each spec file runs against a serve shell and data folder of its own (tests/e2e/serve-fixture.ts),
  // so files run side by side; the tests of one file share its shell and run in order. A fixed data
  // folder (E2E_DATA_DIR, or a screenshot run) is one folder for every shell: one worker then.
  fullyParallel: false,
  workers: fixedDataDir() ? 1 : 2,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    launchOptions: {
      executablePath: findBrowser(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});
