/**
 * `node --import tsx bench/scale-import.ts --data DIR --corpus DIR`: the scale bench's import, in a
 * process of its own (scale.ts samples its memory). The data folder is opened as the CLI opens it and
 * the corpus imported with `ArchiveCore.importPaths`, which ends by bringing the search index up to
 * date. Prints one JSON line when the index build starts (`{"phase":"index"}`, so the parent reads the
 * import's peak memory there) and one with the figures at the end.
 *
 * `--import-only`: the import alone (the same import, through `importPaths` without the core's index
 * update at its end), for a run in stages: the index is built by scale-index.ts on the kept folder.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { importPaths } from '../src-main/archive/ingest/import-files.js';
import { asker } from './bench-docs.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    corpus: { type: 'string' },
    'import-only': { type: 'boolean', default: false },
  },
});
if (!values.data || !values.corpus) throw new Error('--data DIR and --corpus DIR are required');

const mb = (): number => process.resourceUsage().maxRSS / 1024;
const core = await ArchiveCore.open(values.data);
const t0 = performance.now();
let indexStart: number | undefined;
let importPeakRssMB: number | undefined;
/** The process's CPU time when the index build started (the import's own share ends there). */
let cpuAtIndex: NodeJS.CpuUsage | undefined;
let articles = 0;
let lastNote = 0;
function onImportProgress(p: { done: number; total: number }): void {
  const now = performance.now();
  if (now - lastNote > 30_000) {
    lastNote = now;
    console.error(
      `  import: ${p.done} of ${p.total} files, ${((now - t0) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
  }
}
core.onEvent((event, payload) => {
  const now = performance.now();
  if (event === 'search:indexing') {
    if (indexStart === undefined) {
      indexStart = now;
      importPeakRssMB = mb();
      cpuAtIndex = process.cpuUsage(cpu0);
      console.log(JSON.stringify({ phase: 'index', importPeakRssMB }));
    }
    const p = payload as { done: number; total: number };
    if (now - lastNote > 30_000 || p.done === p.total) {
      lastNote = now;
      console.error(`  index: ${p.done} of ${p.total} articles, ${((now - indexStart) / 1000).toFixed(0)} s`);
    }
  } else if (event === 'import:progress') onImportProgress(payload as { done: number; total: number });
  else if (event === 'archive:changed') {
    articles = (payload as { articles: number }).articles;
  }
});
const cpu0 = process.cpuUsage();
const load = loadavg()[0]!;
const report = values['import-only']
  ? await importPaths(core.catalog, [values.corpus], {}, onImportProgress)
  : await core.importPaths([values.corpus]);
const end = performance.now();
const cpu = process.cpuUsage(cpu0);
const split = indexStart ?? end;
// What the All articles view would show: rows (headline-only entries of one title fold into one).
// (Not after an import alone: the list would build the index.)
const list = values['import-only'] ? undefined : await asker(core)('archive:list', { limit: 1 });
await core.close();
console.log(
  JSON.stringify({
    importSeconds: (split - t0) / 1000,
    indexSeconds: (end - split) / 1000,
    totalSeconds: (end - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    importCpuSeconds: ((cpuAtIndex ?? cpu).user + (cpuAtIndex ?? cpu).system) / 1e6,
    files: report.files,
    added: report.articles,
    articles: articles || core.catalog.size,
    indexed: core.search.size,
    ...(list ? { listRows: list.total, counts: list.counts } : {}),
    importPeakRssMB: importPeakRssMB ?? mb(),
    peakRssMB: mb(),
    loadAvg1m: [load, loadavg()[0]],
  }),
);
