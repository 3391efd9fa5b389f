// Starts the built serve shell for the end-to-end tests over a fresh, empty data folder (so the
// first-use import of the bundled seed runs, as for a new user).
import { rmSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';

const dir = process.env.E2E_DATA_DIR;
if (!dir) throw new Error('E2E_DATA_DIR is not set');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// The token goes in the environment, not the command line, where `ps` would show it.
const child = spawn(process.execPath, ['out/main/serve.js', '--port', process.env.E2E_PORT, '--data', dir], {
  stdio: 'inherit',
  env: { ...process.env, YUELAN_TOKEN: process.env.E2E_TOKEN },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
