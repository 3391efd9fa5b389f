/**
 * A real WebDAV server for the sync tests: Debian's rclone (`rclone serve webdav`) on 127.0.0.1, on a
 * folder the test can read to see what the server holds. Started by the tests (vitest and Playwright).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DavServer {
  url: string;
  dir: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `rclone serve webdav` on a fresh folder (or `dir`, to bring a stopped server back); resolves once it answers. */
export async function startWebDav(
  dir?: string,
  port?: number,
  login = { user: 'u', password: 'p' },
): Promise<DavServer> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'yuelan-dav-')));
  const at = port ?? (await freePort());
  const child: ChildProcess = spawn(
    'rclone',
    [
      'serve',
      'webdav',
      root,
      '--addr',
      `127.0.0.1:${at}`,
      '--user',
      login.user,
      '--pass',
      login.password,
      '--config',
      '/dev/null',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${at}/`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`rclone exited: ${log}`);
    const ok = await fetch(url, { method: 'OPTIONS' }).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (i > 200) throw new Error(`rclone did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    dir: root,
    ...login,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
