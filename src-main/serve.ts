/**
 * Serve shell entry: `npm run serve -- [--port N] [--data DIR]`. Opens the data folder, serves the
 * built renderer and the contract on 127.0.0.1, and prints the URL to open (with its per-run token).
 * A fixed token comes from the YUELAN_TOKEN environment variable (not shown by `ps`, unlike
 * `--token`, which is still accepted); either must carry at least 128 bits or the shell refuses to
 * start (exit code 2).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveCore } from './archive/archive-core.js';
import { appVersion, findRendererDir, findSeedsDir } from './app-paths.js';
import { resolveDataDir } from './archive/data-dir.js';
import { createHandlers } from './api/handlers.js';
import { startBackgroundSync } from './api/sync-handlers.js';
import { startServeServer, tokenProblem, type RunningServer } from './serve/serve-server.js';
import { recoveryText } from '../src-shared/recovery.js';

/** A wrong command line: one line on stderr and exit code 2. */
export class UsageError extends Error {}

export async function runServeShell(argv: string[]): Promise<RunningServer> {
  let values: { port?: string; data?: string; token?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        token: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port}`);
  const token = chosenToken(values.token);
  const rendererDir = findRendererDir();
  const built = Boolean(rendererDir && existsSync(join(rendererDir, 'index.html')));
  // Without a built renderer the API still serves (the CLI-side tests drive it); pages say to build.
  if (!built) console.warn('Yuelan: the renderer is not built (run `npm run build`); serving the API only.');
  const dataDir = resolveDataDir(values.data);
  const seedsDir = findSeedsDir();
  const core = await ArchiveCore.open(dataDir, {
    indexInBackground: true,
    ...(seedsDir ? { seedsDir } : {}),
  });
  await core.startWatching((err) =>
    console.warn(`Yuelan: watching an archive folder failed: ${String(err)}`),
  );
  const running = await startServeServer({
    core,
    handlers: createHandlers(core, appVersion()),
    rendererDir: built && rendererDir ? rendererDir : undefined,
    port,
    ...(token ? { token } : {}),
  });
  startBackgroundSync(core);
  for (const notice of core.recoveryNotices()) console.warn(`Yuelan: ${recoveryText('en', notice)}`);
  console.log(`Yuelan serve shell: data folder ${dataDir}`);
  console.log(`Open ${running.url}`);
  return running;
}

/** --token, else YUELAN_TOKEN, else none (a random one); refused under 128 bits. */
function chosenToken(flag: string | undefined): string | undefined {
  const fromEnv = process.env.YUELAN_TOKEN || undefined;
  // Children (none today) should not inherit it.
  delete process.env.YUELAN_TOKEN;
  const token = flag ?? fromEnv;
  if (token === undefined) return undefined;
  const name = flag === undefined ? 'YUELAN_TOKEN' : '--token';
  const problem = tokenProblem(token);
  if (problem) throw new UsageError(`${name}: ${problem}`);
  if (flag !== undefined) {
    console.warn('Yuelan: --token is visible to other users in `ps`; prefer the YUELAN_TOKEN variable.');
  }
  return token;
}

const isEntry = process.argv[1] && /serve\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  runServeShell(process.argv.slice(2)).then(
    (running) => {
      const stop = (): void => {
        void running.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(`yuelan serve: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
