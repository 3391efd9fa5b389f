/**
 * A bench step in a Node process of its own, so its memory is its own: wall time from spawn to exit,
 * and its peak RSS read from /proc/<pid>/status (VmHWM, the high-water mark of the whole process, its
 * worker threads included) every `sampleMs` and whenever it prints a line. The sampled peak survives a
 * child that dies of an out-of-memory error, which is a figure too.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** The bench's own build of the app (main process and CLI), apart from the shared `out/`. */
const BENCH_BUILD = join(ROOT, 'node_modules', '.cache', 'yuelan-bench', 'out');

/**
 * The CLI the cold start runs, built by the bench from the sources its other steps run (the shared
 * `out/` may be older than them, and an older build may not even read the data folder the sources
 * wrote): `electron-vite build` into node_modules/.cache/yuelan-bench (about 8 s). If the build fails,
 * the sources through tsx (`bin/yuelan.mjs`, slower to start), and the note says so.
 */
export async function coldStartCli(): Promise<{ path: string; note: string }> {
  const build = await runNode(
    [
      join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--outDir',
      BENCH_BUILD,
    ],
    { cwd: ROOT },
  );
  const cli = join(BENCH_BUILD, 'main', 'cli.js');
  if (build.code === 0 && existsSync(cli))
    return { path: cli, note: 'node cli.js search (electron-vite build of the sources measured)' };
  console.log(`cold start through bin/yuelan.mjs (tsx): the build failed: ${build.stderr.slice(-300)}`);
  return { path: 'bin/yuelan.mjs', note: 'bin/yuelan.mjs search (tsx; the build failed)' };
}

/**
 * The serving step's script as plain JavaScript: `scale-serve.ts` and the app modules it imports
 * bundled by esbuild (its packages left to node_modules), so the serving process's memory and start
 * are the app's code under Node, not tsx transpiling the sources (about 80 MB more RSS, and slower to
 * start). If the bundle fails, the script through tsx, and the note says so.
 */
export async function servingScript(): Promise<{ args: string[]; note: string }> {
  const out = join(BENCH_BUILD, '..', 'serve', 'scale-serve.mjs');
  try {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(ROOT, 'bench', 'scale-serve.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: out,
      logLevel: 'error',
    });
    return { args: [out], note: 'node scale-serve.mjs (the sources bundled by esbuild)' };
  } catch (err) {
    console.log(`serving through tsx: the bundle failed: ${String(err).slice(0, 300)}`);
    return {
      args: ['--import', 'tsx', 'bench/scale-serve.ts'],
      note: 'tsx bench/scale-serve.ts (the bundle failed)',
    };
  }
}

/** How many hits a `yuelan search --json` printed (0 when it printed no JSON array). */
export function cliHits(stdout: string): number {
  try {
    const parsed = JSON.parse(stdout) as unknown;
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
}

export interface NodeRun {
  stdout: string;
  stderr: string;
  seconds: number;
  code: number;
  /** Highest VmHWM seen, in MB (0 where /proc is not there). */
  sampledPeakRssMB: number;
}

export interface RunOptions {
  cwd: string;
  /** Each line the child prints on stdout, with its peak RSS so far (MB) when the line came. */
  onLine?: (line: string, peakRssMB: number) => void;
  /** Pass the child's stderr through (progress of a long step). */
  echoStderr?: boolean;
  sampleMs?: number;
}

/** VmHWM of a live process, in MB; 0 once it has gone. */
export function highWaterMB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function runNode(args: string[], options: RunOptions): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const sample = (): number => {
      if (child.pid !== undefined) peak = Math.max(peak, highWaterMB(child.pid));
      return peak;
    };
    const timer = setInterval(sample, options.sampleMs ?? 250);
    let partial = '';
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      stdout += text;
      if (!options.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line, sample());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.echoStderr) process.stderr.write(d);
    });
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (partial && options.onLine) options.onLine(partial, peak);
      resolve({
        stdout,
        stderr,
        seconds: (performance.now() - t0) / 1000,
        code: code ?? 1,
        sampledPeakRssMB: peak,
      });
    });
  });
}

/** The last line a step printed, as JSON (its result). */
export function lastJson(out: string): Record<string, unknown> {
  const line = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}
