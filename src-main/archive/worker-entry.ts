/**
 * Starting a worker thread on one of Yuelan's own entries (the parse and index workers). Built, the
 * entry is its own bundle (`<name>.js`, see electron.vite.config.ts) beside the bundle that starts it
 * (or one folder up, from a shared chunk); run from the TypeScript sources (tsx, vitest), it is the
 * source file itself, loaded through tsx.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * @param callerUrl `import.meta.url` of the module starting the worker, which sits beside the entry's
 *   source (`<name>.ts`)
 * @param name the entry's name (`parse-worker`, `index-worker`)
 */
export function spawnWorker(callerUrl: string, name: string, resourceLimits?: ResourceLimits): Worker {
  const here = fileURLToPath(callerUrl);
  const options = resourceLimits ? { resourceLimits } : {};
  if (here.endsWith('.ts')) {
    const entry = pathToFileURL(join(dirname(here), `${name}.ts`)).href;
    // tsx's ESM API (its CommonJS twin cannot register from an eval'd worker): `--import tsx` in
    // execArgv does not apply to a worker's entry module; registering first does.
    const api = createRequire(callerUrl)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    const boot =
      `import(${JSON.stringify(pathToFileURL(api).href)})` +
      `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, ...options });
  }
  const built = [join(dirname(here), `${name}.js`), join(dirname(here), '..', `${name}.js`)].find((p) =>
    existsSync(p),
  );
  if (!built) throw new Error(`${name}.js not found beside ${here}: rebuild Yuelan`);
  return new Worker(built, options);
}
