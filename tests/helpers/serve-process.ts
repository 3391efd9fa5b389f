/** The serve shell as a real child process (through tsx, so no build is needed), for reliability tests. */
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
  token: string;
  call<T = unknown>(channel: string, body: unknown): Promise<{ status: number; json: Reply<T> }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServe(
  dataDir: string,
  token = 'reliability-token-0123456789abcdef',
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(process.cwd(), 'src-main/serve.ts'), '--data', dataDir, '--port', '0'],
    // The token in the environment (at least 128 bits), where `ps` does not show it.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, YUELAN_TOKEN: token } },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Open http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve shell exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
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
