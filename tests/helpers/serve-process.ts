/**
 * The serve shell as a real child process on a port of its own: from the source through tsx (no build
 * needed) for the reliability tests, or the built `out/main/serve.js` for the end-to-end specs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Reply<T> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** The URL it printed to open, with its token. */
  url: string;
  token: string;
  call<T = unknown>(channel: string, body: unknown): Promise<{ status: number; json: Reply<T> }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServe(
  dataDir: string,
  token = 'reliability-token-0123456789abcdef',
  { built = false }: { built?: boolean } = {},
): Promise<ServeProcess> {
  const entry = built
    ? [join(process.cwd(), 'out/main/serve.js')]
    : ['--import', 'tsx', join(process.cwd(), 'src-main/serve.ts')];
  const child = spawn(
    process.execPath,
    [...entry, '--data', dataDir, '--port', '0'],
    // The token in the environment (at least 128 bits), where `ps` does not show it.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, YUELAN_TOKEN: token } },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const { port, url } = await new Promise<{ port: number; url: string }>((resolve, reject) => {
    let out = '';
    const onData = (d: unknown): void => {
      out += String(d);
      const m = /Open (http:\/\/127\.0\.0\.1:(\d+)\/\S*)\r?\n/.exec(out);
      if (m) {
        // Read on, so a chatty shell never blocks on a full pipe, but keep nothing more.
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ url: m[1]!, port: Number(m[2]) });
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve shell exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
    url,
    token,
    async call<T>(channel: string, body: unknown) {
      const res = await fetch(`http://127.0.0.1:${port}/api/call/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': token },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Reply<T> };
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
