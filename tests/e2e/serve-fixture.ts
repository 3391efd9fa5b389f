/**
 * The serve shell each end-to-end spec file runs against: its own process (the built
 * `out/main/serve.js`, on a port the system picks) over its own fresh data folder, where the first-use
 * import of the bundled seed runs as for a new user, with a random 128-bit token in YUELAN_TOKEN.
 *
 * Specs take `test` and `expect` from here. `baseURL` is their shell's origin (so `page.goto('/')`
 * and `request.post('/api/...')` reach it), `appUrl('/')` is a path carrying the token (the page then
 * drops it), and `token` is for API calls. The shell starts with the first test of a file that needs
 * it; the tests of that file share it, in order; it is stopped and its folder removed when the worker
 * moves on to another file or ends. So specs never tidy up for each other, and files run in parallel.
 */
import { test as base, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { fixedDataDir } from './fixed-data-dir';

export { expect };

export interface E2EServe {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  origin: string;
  token: string;
  dataDir: string;
}

/** The shell of the spec file a worker is running, started on demand; one at a time per worker. */
class FileShells {
  #current: { file: string; shell: ServeProcess; info: E2EServe; temporary: boolean } | undefined;

  constructor() {
    // Should the worker exit without its teardown, the shell still goes with it.
    process.once('exit', () => this.#current?.shell.child.kill());
  }

  async forFile(file: string): Promise<E2EServe> {
    if (this.#current?.file === file) return this.#current.info;
    await this.stop();
    const fixed = fixedDataDir();
    let dataDir: string;
    if (fixed) {
      // As before: a fixed folder is emptied, so the seed is imported as for a new user.
      rmSync(fixed, { recursive: true, force: true });
      mkdirSync(fixed, { recursive: true });
      dataDir = fixed;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'yuelan-e2e-'));
    }
    // 32 hex digits: 128 bits, the least the shell accepts.
    const token = randomBytes(16).toString('hex');
    const shell = await startServe(dataDir, token, { built: true });
    const info = { origin: new URL(shell.url).origin, token, dataDir };
    this.#current = { file, shell, info, temporary: !fixed };
    return info;
  }

  async stop(): Promise<void> {
    const current = this.#current;
    if (!current) return;
    this.#current = undefined;
    await current.shell.kill();
    if (current.temporary) rmSync(current.info.dataDir, { recursive: true, force: true });
  }
}

export const test = base.extend<
  { serve: E2EServe; token: string; appUrl: (path?: string) => string },
  { fileShells: FileShells }
>({
  fileShells: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const shells = new FileShells();
      await use(shells);
      await shells.stop();
    },
    { scope: 'worker' },
  ],
  // Its own time limit: the first test of a file waits for the shell and the seed import.
  serve: [
    async ({ fileShells }, use, testInfo) => use(await fileShells.forFile(testInfo.file)),
    { timeout: 60_000 },
  ],
  baseURL: async ({ serve }, use) => use(serve.origin),
  token: async ({ serve }, use) => use(serve.token),
  appUrl: async ({ serve }, use) =>
    use((path = '/') => `${path}${path.includes('?') ? '&' : '?'}token=${serve.token}`),
});
