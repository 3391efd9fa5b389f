/**
 * Where Yuelan's own files are (the bundled seeds/, the built renderer), whether the code runs from
 * source, from the build output or from a packaged app: walk up to the folder holding package.json.
 * The shells' business (the core is given its seeds folder and never knows where the app is built).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findAppRoot(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The archive bundled with Yuelan, imported on the first use of an empty data folder. */
export function findSeedsDir(): string | undefined {
  if (process.env.YUELAN_SEEDS) return process.env.YUELAN_SEEDS;
  const root = findAppRoot();
  return root && join(root, 'seeds');
}

/** The built renderer (electron-vite build output). */
export function findRendererDir(): string | undefined {
  const root = findAppRoot();
  return root && join(root, 'out', 'renderer');
}

/** The app's version, from its package.json. */
export function appVersion(): string {
  const root = findAppRoot();
  try {
    return root
      ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
      : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
