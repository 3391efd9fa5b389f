// `npm start`: build, then launch Electron. Where the Electron binary cannot be obtained or launched
// (no network for its first-launch download, no display), say why in one line and start the serve
// shell instead, so the app is still usable in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const extra = process.argv.slice(2);
let electronPath = '';

const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const reason = electronUnavailable();
if (reason) {
  console.log(`Electron cannot run here (${reason}); starting the serve shell instead.`);
  serve();
} else {
  const started = Date.now();
  const child = spawn(electronPath, ['.', ...extra], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  child.on('exit', (code) => {
    // A launch that dies at once (missing libraries, no display) falls back; a normal quit does not.
    if (code !== 0 && Date.now() - started < 5000) {
      const line = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`;
      console.log(
        `Electron failed to launch (${line.trim().slice(0, 160)}); starting the serve shell instead.`,
      );
      serve();
    } else process.exit(code ?? 0);
  });
}

function electronUnavailable() {
  // Resolving the path triggers electron's first-launch download in a child, so a failure is caught.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (probe.status !== 0 || !probe.stdout) {
    const text =
      `${probe.stderr ?? ''}`.split('\n').find((l) => /Error|failed/i.test(l)) ?? 'download failed';
    return `the Electron binary is missing and could not be downloaded: ${text.trim().slice(0, 140)}`;
  }
  electronPath = probe.stdout.trim();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
  }
  return undefined;
}

function serve() {
  const child = spawn(process.execPath, ['out/main/serve.js', ...extra], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
