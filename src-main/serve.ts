/**
 * Serve shell entry: `npm run serve -- [--port N] [--data DIR]`. Opens the data folder, serves the
 * built renderer and the contract on 127.0.0.1, and prints the URL to open (with its per-run token).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveCore } from './archive/archive-core.js';
import { appVersion, findRendererDir } from './archive/app-paths.js';
import { resolveDataDir } from './archive/data-dir.js';
import { createHandlers } from './api/handlers.js';
import { startServeServer, type RunningServer } from './serve/serve-server.js';

export async function runServeShell(argv: string[]): Promise<RunningServer> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const rendererDir = findRendererDir();
  const built = Boolean(rendererDir && existsSync(join(rendererDir, 'index.html')));
  // Without a built renderer the API still serves (the CLI-side tests drive it); pages say to build.
  if (!built) console.warn('Yuelan: the renderer is not built (run `npm run build`); serving the API only.');
  const dataDir = resolveDataDir(values.data);
  const core = await ArchiveCore.open(dataDir, { indexInBackground: true });
  await core.startWatching((err) =>
    console.warn(`Yuelan: watching an archive folder failed: ${String(err)}`),
  );
  const running = await startServeServer({
    core,
    handlers: createHandlers(core, appVersion()),
    rendererDir: built && rendererDir ? rendererDir : undefined,
    port,
    ...(values.token ? { token: values.token } : {}),
  });
  const recovery = core.recoveryMessage();
  if (recovery) console.warn(`Yuelan: ${recovery}`);
  console.log(`Yuelan serve shell: data folder ${dataDir}`);
  console.log(`Open ${running.url}`);
  return running;
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
      process.exit(1);
    },
  );
}
