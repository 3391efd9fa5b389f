/**
 * One import in a process of its own (see saved-pages.ts): `--path FILE --data DIR`. Prints one JSON
 * line: seconds, the report's counts, articles, and the process's peak RSS in MB (main thread and
 * parse worker together), sampled from `process.resourceUsage().maxRSS` after the import.
 */
import { parseArgs } from 'node:util';
import { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../src-main/archive/ingest/import-files.js';

const { values } = parseArgs({ options: { path: { type: 'string' }, data: { type: 'string' } } });
const catalog = await CatalogStore.open(values.data!);
const t0 = performance.now();
const report = await importPaths(catalog, [values.path!]);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    seconds: Math.round(seconds * 10) / 10,
    files: report.files,
    partial: report.partial ?? [],
    articles: catalog.size,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
  }),
);
process.exit(0);
