import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'src-main/main.ts'),
          serve: resolve(__dirname, 'src-main/serve.ts'),
          cli: resolve(__dirname, 'src-main/cli.ts'),
          // Files are parsed in worker threads (archive/ingest/parse-pool.ts), which load this entry.
          'parse-worker': resolve(__dirname, 'src-main/archive/ingest/parse-worker.ts'),
          // ...and a large index build analyses articles in these (archive/search/index-workers.ts).
          'index-worker': resolve(__dirname, 'src-main/archive/search/index-worker.ts'),
          // An older catalog's list index is built in this one (archive/catalog/list-index-upgrade.ts).
          'list-index-worker': resolve(__dirname, 'src-main/archive/catalog/list-index-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Types only (erased in the build); see tsconfig.web.json.
    resolve: { alias: { $contract: resolve(__dirname, 'src-main/api/contract.ts') } },
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.js') })],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
