#!/usr/bin/env node
// The `yuelan` command. In a checkout it runs the TypeScript source through tsx, so `npx yuelan` works
// without a build; an installed package runs the built file.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src-main', 'cli.ts');
const built = join(root, 'out', 'main', 'cli.js');

if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  process.argv[1] = source;
  await import(pathToFileURL(source).href);
} else if (existsSync(built)) {
  process.argv[1] = built;
  await import(pathToFileURL(built).href);
} else {
  console.error('yuelan: neither the source nor the build was found; run `npm run build`.');
  process.exit(1);
}
