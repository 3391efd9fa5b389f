/**
 * `npm run bench [-- --pages N]`: for each size (default 1,000 and 10,000 pages) make the corpus,
 * import it with the real importer into a temp data folder, then run every engine in its own process
 * on the same corpus and queries. Prints a table and writes bench/results.json, then the parser's
 * growth on hostile pages (`parse-growth.ts`). `--parse-growth` prints only that table; `--saved-pages
 * [--warc-mb N]` runs only the saved-page import bench (`saved-pages.ts`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../src-main/archive/ingest/import-files.js';
import { writeCorpus } from './corpus.js';
import { ENGINES, type EngineName } from './engines.js';
import { printParseGrowth } from './parse-growth.js';
import { runSavedPagesBench } from './saved-pages.js';
import { QUERIES } from './queries.js';
import { exactTruth } from './truth.js';

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(import.meta.dirname, 'results.json');
/** The built CLI starts without tsx transpiling the sources (`npx electron-vite build` makes it). */
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');
/** Above this size plain fuse.js is timed on a sample of queries only. */
const FUSE_FULL_MAX = 2000;

interface Run {
  pages: number;
  engine: EngineName;
  importMBps: number;
  indexSeconds: number;
  coldStartSeconds: number;
  p50ms: number;
  p95ms: number;
  peakRssMB: number;
  recallExact: number;
  /** Extra facts: articles, timed queries, corpus size, first results. */
  notes?: Record<string, unknown>;
}

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    keep: { type: 'boolean', default: false },
    engines: { type: 'string' },
    corpus: { type: 'string' },
    'parse-growth': { type: 'boolean', default: false },
    'saved-pages': { type: 'boolean', default: false },
    'warc-mb': { type: 'string' },
  },
});
const sizes = values.pages ? [Number(values.pages)] : [1000, 10000];
// `--engines yuelan,minisearch` runs a subset (a slow engine at a large size); default: all.
const engines = values.engines ? ENGINES.filter((e) => values.engines!.split(',').includes(e)) : ENGINES;

function runNode(args: string[]): Promise<{ stdout: string; stderr: string; seconds: number; code: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ stdout, stderr, seconds: (performance.now() - t0) / 1000, code: code ?? 1 }),
    );
  });
}

function lastJson(out: string): Record<string, unknown> {
  const line = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

async function truthFor(catalog: CatalogStore): Promise<{ q: string; kind: string; truth?: string[] }[]> {
  const exact = QUERIES.filter((q) => q.kind === 'exact').map((q) => q.q);
  const truth = await exactTruth(catalog, exact);
  return QUERIES.map((q) => (truth.has(q.q) ? { ...q, truth: truth.get(q.q)! } : { ...q }));
}

async function benchSize(pages: number): Promise<Run[]> {
  const tmp = await mkdtemp(join(tmpdir(), `yuelan-bench-${pages}-`));
  // `--corpus DIR` writes the corpus there once and reuses it (it is deterministic): for large sizes.
  const corpus = values.corpus ? join(values.corpus, String(pages)) : join(tmp, 'corpus');
  const data = join(tmp, 'data');
  console.log(`\n[${pages} pages] corpus in ${corpus}, data in ${tmp}`);
  const bytes =
    values.corpus && existsSync(join(corpus, 'complete'))
      ? Number(await readFile(join(corpus, 'complete'), 'utf8'))
      : await writeCorpus(corpus, pages);
  if (values.corpus) await writeFile(join(corpus, 'complete'), String(bytes));
  const catalog = await CatalogStore.open(data);
  const t0 = performance.now();
  const report = await importPaths(catalog, [corpus]);
  const importSeconds = (performance.now() - t0) / 1000;
  const importMBps = bytes / 1e6 / importSeconds;
  console.log(
    `imported ${(bytes / 1e6).toFixed(1)} MB in ${importSeconds.toFixed(1)} s: ${JSON.stringify(report.files)}, ${catalog.size} articles`,
  );
  const truthFile = join(tmp, 'truth.json');
  const queries = await truthFor(catalog);
  await writeFile(truthFile, JSON.stringify({ queries }));

  const runs: Run[] = [];
  for (const engine of engines) {
    const engineRun = (...args: string[]) =>
      runNode(['--import', 'tsx', 'bench/engine-run.ts', '--engine', engine, '--data', data, ...args]);
    const sample = engine === 'fuse' && pages > FUSE_FULL_MAX;
    const args = ['--truth', truthFile, '--reps', engine === 'fuse' ? '1' : '5'];
    if (sample) args.push('--sample');
    const res = await engineRun(...args);
    if (res.code !== 0) {
      console.error(`${engine} failed:\n${res.stderr.slice(-2000)}`);
      continue;
    }
    const r = lastJson(res.stdout);
    // Cold start: a fresh process on the folder already on disk, start to first result.
    const cli = existsSync(BUILT_CLI) ? BUILT_CLI : 'bin/yuelan.mjs';
    const cold =
      engine === 'yuelan'
        ? await runNode([cli, 'search', '近邻党建', '--data', data, '--json', '--limit', '20'])
        : await engineRun('--cold', '近邻党建');
    if (cold.code !== 0) console.error(`${engine} cold start failed: ${cold.stderr.slice(-500)}`);
    const run: Run = {
      pages,
      engine,
      importMBps: round(importMBps),
      indexSeconds: round(r.indexSeconds as number),
      coldStartSeconds: round(cold.seconds),
      p50ms: round(r.p50ms as number),
      p95ms: round(r.p95ms as number),
      peakRssMB: round(r.peakRssMB as number),
      recallExact: round(r.recallExact as number, 4),
      notes: {
        articles: catalog.size,
        corpusMB: round(bytes / 1e6),
        timedQueries: r.timedQueries,
        cpuP50ms: round(r.cpuP50ms as number),
        cpuP95ms: round(r.cpuP95ms as number),
        loadAvg1m: round(r.loadAvg as number, 2),
        importSeconds: round(importSeconds),
        ...(engine === 'yuelan'
          ? { coldStart: cli === BUILT_CLI ? 'node out/main/cli.js search' : 'bin/yuelan.mjs search (tsx)' }
          : { coldStart: 'fresh process: read catalog and bodies, build in memory, one query' }),
      },
    };
    runs.push(run);
    await save([...done, ...runs]);
    console.log(`  ${engine}: ${JSON.stringify(run)}`);
  }
  if (!values.keep) await rm(tmp, { recursive: true, force: true });
  return runs;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function table(runs: Run[]): string {
  const cols = [
    'pages',
    'engine',
    'importMBps',
    'indexSeconds',
    'coldStartSeconds',
    'p50ms',
    'p95ms',
    'peakRssMB',
    'recallExact',
  ] as const;
  const rows = [cols.map(String), ...runs.map((r) => cols.map((c) => String(r[c])))];
  const widths = cols.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padStart(widths[i]!)).join('  ')).join('\n');
}

/**
 * Write results.json after every engine (a long run stopped part-way keeps what it measured). A run
 * replaces the rows of its sizes (and, with --engines, only those engines') and keeps the others, as
 * read at each save (another size may be running at the same time).
 */
async function save(fresh: Run[]): Promise<Run[]> {
  let previous: Run[];
  try {
    previous = (JSON.parse(await readFile(RESULTS, 'utf8')) as { runs: Run[] }).runs;
  } catch {
    previous = [];
  }
  const replaced = (r: Run): boolean => sizes.includes(r.pages) && engines.includes(r.engine);
  const runs = [...previous.filter((r) => !replaced(r)), ...fresh].sort((a, b) => a.pages - b.pages);
  await writeFile(RESULTS, JSON.stringify({ runs }, null, 2) + '\n');
  return runs;
}

const done: Run[] = [];
if (values['parse-growth']) {
  if (!printParseGrowth()) process.exitCode = 1;
} else if (values['saved-pages']) {
  await runSavedPagesBench({ warcMb: Number(values['warc-mb'] ?? 1024), keep: values.keep });
} else {
  for (const n of sizes) done.push(...(await benchSize(n)));
  console.log('\n' + table(await save(done)));
  printParseGrowth();
}
