/**
 * Devices and servers for the sync tests: a device is a data folder with its library and sync service;
 * the WebDAV server is Debian's rclone (`rclone serve webdav`) on 127.0.0.1, on a folder the test can
 * read to see what the server holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { LibraryStore } from '../../src-main/archive/library/library-store.js';
import { SyncService } from '../../src-main/archive/sync/sync-service.js';
import type { AnnotationTarget } from '../../src-main/archive/library/library-types.js';
import { tempDir } from '../helpers/tmp.js';

export interface Device {
  dir: string;
  library: LibraryStore;
  sync: SyncService;
}

export async function device(): Promise<Device> {
  const dir = await tempDir('yuelan-sync-dev-');
  const library = await LibraryStore.open(dir);
  return { dir, library, sync: new SyncService(dir, library) };
}

/** The same data folder opened again, as after a restart (or by another process). */
export async function reopen(d: Device): Promise<Device> {
  const library = await LibraryStore.open(d.dir);
  return { dir: d.dir, library, sync: new SyncService(d.dir, library) };
}

export const ARTICLE = '0123456789abcdef';
export const ARTICLE2 = 'fedcba9876543210';

export function target(exact = '近邻党建'): AnnotationTarget {
  return {
    position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: exact.length },
    quote: { exact, prefix: '', suffix: '' },
  };
}

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
  const root = dir ?? (await tempDir('yuelan-dav-'));
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
