/**
 * The scale bench (issue #15): `npm run bench -- --pages 100000 --corpus DIR` (also 300,000 and
 * 1,000,000; `--mode scale` at any size). The corpus is the scale corpus (scale-corpus.ts: 30
 * headlines a page, most named by no other page), written to DIR once. Each step runs in a process of
 * its own so its memory is its own:
 *
 * 1. import (scale-import.ts): `ArchiveCore.importPaths`, as `yuelan import` runs it; import MB/s,
 *    index build seconds, peak RSS while importing and at the end of the index build;
 * 2. the data folder's size on disk, by part;
 * 3. open to first result: the built CLI's `search` in a fresh process, spawn to exit, three times;
 * 4. serving (scale-serve.ts): the bench's queries through the contract, p50/p95 wall and CPU, the
 *    first page of All articles, the timeline's days, and the process's peak RSS;
 * 5. with `--engines yuelan,flexsearch`: FlexSearch on the same articles, its cold start from its own
 *    export.
 *
 * In stages, for a size whose run is longer than a sitting (a million pages: about an hour of import
 * and two of index build): `--stage import` imports only and keeps the data folder (its row says
 * so); `--data DIR` later builds the index there (scale-index.ts: its seconds and peak RSS go in the
 * row) and measures the rest. Each figure is still one process's, whole.
 *
 * One row per size and engine in results.json's `scale`, with the machine's load average at each step.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus, type CorpusOnDisk } from './corpus-dir.js';
import { readSeed } from './corpus.js';
import { diskUsageMB, sqliteTablesMB } from './disk-usage.js';
import { cliHits, coldStartCli, lastJson, runNode, servingScript, type NodeRun } from './node-process.js';
import { FIRST_QUERY } from './queries.js';
import { round, saveScaleRow, scaleRowOf, type ScaleRow } from './results.js';
import { makeScalePage, scaleParams, scaleSeed } from './scale-corpus.js';
import { checkGoals } from './scale-goals.js';

/** From this size `npm run bench -- --pages N` runs the scale bench rather than the engines. */
export const SCALE_FROM = 100_000;
const COLD_RUNS = 3;

export interface ScaleOptions {
  pages: number;
  root: string;
  keep: boolean;
  corpusOnly: boolean;
  /** Where the corpus is written once and reused; a temp folder otherwise. */
  corpus?: string;
  /** A data folder an earlier run imported and kept: measure from step 2 on, keep its import figures. */
  data?: string;
  /** 'import': import only and keep the data folder (the index build and the rest: `data` later). */
  stage?: 'import';
  engines: readonly string[];
  reps?: number;
}

const load = (): number => round(loadavg()[0]!, 2);
/** Why a step failed, in a line: its last progress line and its error (not a native stack). */
function tail(run: NodeRun): string {
  const lines = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const progress = lines.filter((l) => /^(import|index):/.test(l)).pop();
  const error = lines.find((l) => /FATAL ERROR|Error\b/.test(l)) ?? lines.slice(-3).join(' | ');
  return [progress, error].filter(Boolean).join(' | ');
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Every number of a child's figures rounded, nested records too. */
function rounded(record: Record<string, unknown>): Record<string, unknown> {
  const r = (v: unknown): unknown =>
    typeof v === 'number'
      ? round(v)
      : v && typeof v === 'object' && !Array.isArray(v)
        ? rounded(v as Record<string, unknown>)
        : v;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, r(v)]));
}

type Child = (
  script: string,
  args: string[],
  onLine?: (line: string, peak: number) => void,
) => Promise<NodeRun>;

/** The figures of the import step: a run on a kept data folder (`--data`) takes them from its row. */
const IMPORT_FIGURES = [
  'corpusMB',
  'importMBps',
  'importSeconds',
  'indexSeconds',
  'importWithIndexMBps',
  'importCpuSeconds',
  'importPeakRssMB',
  'indexPeakRssMB',
  'articles',
  'indexed',
  'listRows',
  'counts',
  'files',
  'stage',
  'stages',
  'indexCpuSeconds',
];

/** Step 1: import the corpus in a child, with the index build that ends it; false if it failed. */
async function importStep(
  child: Child,
  data: string,
  corpus: CorpusOnDisk,
  row: ScaleRow,
  loadAvg1m: Record<string, unknown>,
  importOnly: boolean,
): Promise<boolean> {
  let sampledImportPeak = 0;
  const args = ['--data', data, '--corpus', corpus.dir, ...(importOnly ? ['--import-only'] : [])];
  const imp = await child('scale-import.ts', args, (line, peak) => {
    if (line.startsWith('{"phase":"index"')) sampledImportPeak = peak;
  });
  if (imp.code !== 0) {
    // A failed import is a figure too (the issue's archive died of heap exhaustion in the index build).
    const phase = sampledImportPeak ? 'index build' : 'import';
    Object.assign(row, {
      failed: `${phase}: exited with ${imp.code} after ${imp.seconds.toFixed(0)} s: ${tail(imp)}`,
      ...(sampledImportPeak
        ? { importPeakRssMB: round(sampledImportPeak), indexPeakRssMB: round(imp.sampledPeakRssMB) }
        : { importPeakRssMB: round(imp.sampledPeakRssMB) }),
    });
    loadAvg1m.import = load();
    return false;
  }
  const ir = lastJson(imp.stdout);
  loadAvg1m.import = ir.loadAvg1m as number[];
  Object.assign(row, {
    importMBps: round(corpus.bytes / 1e6 / (ir.importSeconds as number)),
    importSeconds: round(ir.importSeconds as number),
    // The import's CPU up to the index build (older scale-import.ts: the whole process's).
    importCpuSeconds: round((ir.importCpuSeconds ?? ir.cpuSeconds) as number),
    articles: ir.articles,
    files: ir.files,
  });
  if (importOnly) {
    Object.assign(row, {
      stage: 'imported only: the index build and the rest with --data',
      importPeakRssMB: round(Math.max(ir.peakRssMB as number, imp.sampledPeakRssMB)),
    });
    return true;
  }
  Object.assign(row, {
    indexSeconds: round(ir.indexSeconds as number),
    indexCpuSeconds: round((ir.cpuSeconds as number) - (ir.importCpuSeconds as number)),
    importWithIndexMBps: round(corpus.bytes / 1e6 / (ir.totalSeconds as number)),
    importPeakRssMB: round(Math.max(ir.importPeakRssMB as number, sampledImportPeak)),
    indexPeakRssMB: round(Math.max(ir.peakRssMB as number, imp.sampledPeakRssMB)),
    indexed: ir.indexed,
    listRows: ir.listRows,
    counts: ir.counts,
  });
  return true;
}

/**
 * The index build on a kept data folder (a run in stages): its figures go in the row when the open
 * built it (a folder indexed already keeps the earlier ones); false if it failed.
 */
async function indexStep(
  child: Child,
  data: string,
  row: ScaleRow,
  loadAvg1m: Record<string, unknown>,
): Promise<boolean> {
  const run = await child('scale-index.ts', ['--data', data]);
  if (run.code !== 0) {
    row.failed = `index build exited with ${run.code} after ${run.seconds.toFixed(0)} s: ${tail(run)}`;
    return false;
  }
  const r = lastJson(run.stdout);
  if (!r.built) return true;
  loadAvg1m.index = r.loadAvg1m as number[];
  delete row.stage;
  Object.assign(row, {
    stages: 'import, then the index build and the rest in a later run',
    indexSeconds: round(r.indexSeconds as number),
    indexCpuSeconds: round(r.indexCpuSeconds as number),
    indexPeakRssMB: round(Math.max(r.indexPeakRssMB as number, run.sampledPeakRssMB)),
    indexed: r.indexed,
    listRows: r.listRows,
    counts: r.counts,
  });
  return true;
}

export async function runScaleBench(o: ScaleOptions): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), `yuelan-scale-${o.pages}-`));
  const params = scaleParams(o.pages);
  const row: ScaleRow = {
    pages: o.pages,
    engine: 'yuelan',
    date: new Date().toISOString().slice(0, 10),
    headlinesPerPage: params.headlines,
  };
  const loadAvg1m: Record<string, unknown> = {};
  const data = o.data ?? join(tmp, 'data');
  const finish = async (): Promise<void> => {
    row.loadAvg1m = loadAvg1m;
    await saveScaleRow(row);
    console.log(JSON.stringify(row, null, 1));
    const keep = o.keep || o.stage === 'import';
    if (keep || o.data) console.log(`data folder kept in ${data}`);
    await rm(keep && !o.data ? join(tmp, 'corpus') : tmp, { recursive: true, force: true });
  };
  const child: Child = (script, args, onLine) =>
    runNode(['--import', 'tsx', `bench/${script}`, ...args], {
      cwd: o.root,
      echoStderr: true,
      ...(onLine ? { onLine } : {}),
    });

  if (o.data) {
    // Serving measured again on a data folder an earlier run kept: its import figures stay.
    const earlier = await scaleRowOf(o.pages, 'yuelan');
    for (const k of IMPORT_FIGURES) if (earlier && k in earlier) row[k] = earlier[k];
    row.importedBy = earlier ? `the run of ${String(earlier.date)}` : 'an earlier run (no row)';
    if (earlier && typeof earlier.loadAvg1m === 'object' && earlier.loadAvg1m)
      loadAvg1m.import = (earlier.loadAvg1m as Record<string, unknown>).import;
    console.log(`\n[scale, ${o.pages} pages] on the data folder ${o.data}, load ${load()}`);
    if (!(await indexStep(child, data, row, loadAvg1m))) return finish();
  } else {
    const seed = scaleSeed(readSeed());
    console.log(`\n[scale, ${o.pages} pages] corpus in ${o.corpus ?? join(tmp, 'corpus')}, load ${load()}`);
    const corpus = ensureCorpus(
      o.corpus ?? join(tmp, 'corpus'),
      params,
      (p) => makeScalePage(seed, params, p),
      console.log,
    );
    console.log(
      `corpus: ${(corpus.bytes / 1e6).toFixed(0)} MB, ${corpus.written ? `written in ${corpus.seconds.toFixed(0)} s` : 'reused'}`,
    );
    if (o.corpusOnly) {
      await rm(tmp, { recursive: true, force: true });
      return;
    }
    row.corpusMB = round(corpus.bytes / 1e6);
    const importOnly = o.stage === 'import';
    if (!(await importStep(child, data, corpus, row, loadAvg1m, importOnly)) || importOnly) {
      if (importOnly && !row.failed) row.diskMB = rounded(await diskUsageMB(data));
      return finish();
    }
  }

  // 2. The data folder on disk.
  row.diskMB = rounded(await diskUsageMB(data));
  if (existsSync(join(data, 'catalog.db')))
    row.catalogTablesMB = rounded(sqliteTablesMB(join(data, 'catalog.db')));

  // 3. Open to first result: a fresh CLI process, spawn to exit.
  const cli = await coldStartCli();
  const cold: number[] = [];
  loadAvg1m.coldStart = load();
  for (let i = 0; i < COLD_RUNS; i++) {
    const run = await runNode([cli.path, 'search', FIRST_QUERY, '--data', data, '--json', '--limit', '20'], {
      cwd: o.root,
    });
    // A start that answers nothing did not read this archive: no figure.
    if (run.code !== 0 || cliHits(run.stdout) === 0) {
      row.failed = `cold start exited with ${run.code} and ${cliHits(run.stdout)} hits: ${tail(run)}`;
      return finish();
    }
    cold.push(round(run.seconds));
  }
  Object.assign(row, {
    coldStartSeconds: median(cold),
    coldStartRuns: cold,
    coldStart: cli.note,
  });

  // 4. Serving.
  const script = await servingScript();
  row.serving = script.note;
  const serve = await runNode(
    [...script.args, '--data', data, ...(o.reps ? ['--reps', String(o.reps)] : [])],
    {
      cwd: o.root,
      echoStderr: true,
    },
  );
  if (serve.code !== 0) {
    row.failed = `serving exited with ${serve.code}: ${tail(serve)}`;
    return finish();
  }
  const sr = lastJson(serve.stdout);
  loadAvg1m.serve = sr.loadAvg1m as number[];
  const { loadAvg1m: _, peakRssMB, ...serving } = sr;
  Object.assign(row, rounded(serving), {
    servePeakRssMB: round(Math.max(peakRssMB as number, serve.sampledPeakRssMB)),
  });
  for (const line of checkGoals(row)) console.log(line);

  // 5. FlexSearch on the same articles.
  if (o.engines.includes('flexsearch')) await flexRow(o, data, tmp, child, row.corpusMB as number);
  return finish();
}

/** FlexSearch on the imported articles: built from their text dump, cold start from its export. */
async function flexRow(
  o: ScaleOptions,
  data: string,
  tmp: string,
  child: (script: string, args: string[]) => Promise<NodeRun>,
  corpusMB: number,
): Promise<void> {
  const docs = join(tmp, 'docs.jsonl');
  const flexDir = join(tmp, 'flexsearch');
  const row: ScaleRow = {
    pages: o.pages,
    engine: 'flexsearch',
    date: new Date().toISOString().slice(0, 10),
    corpusMB,
  };
  const dump = await child('dump-docs.ts', ['--data', data, '--out', docs]);
  const base = ['--engine', 'flexsearch', '--data', data, '--docs', docs, '--flex', flexDir];
  const built =
    dump.code === 0 ? await child('engine-run.ts', [...base, '--reps', String(o.reps ?? 5)]) : dump;
  if (built.code !== 0) {
    Object.assign(row, {
      failed: `exited with ${built.code}: ${tail(built)}`,
      peakRssMB: round(built.sampledPeakRssMB),
    });
    await saveScaleRow(row);
    return;
  }
  const r = lastJson(built.stdout);
  const cold = await child('engine-run.ts', [...base, '--cold', FIRST_QUERY]);
  const c = cold.code === 0 ? lastJson(cold.stdout) : {};
  Object.assign(row, {
    articles: (lastJson(dump.stdout).docs as number) ?? null,
    indexSeconds: round(r.indexSeconds as number),
    p50ms: round(r.p50ms as number),
    p95ms: round(r.p95ms as number),
    cpuP50ms: round(r.cpuP50ms as number),
    cpuP95ms: round(r.cpuP95ms as number),
    peakRssMB: round(Math.max(r.peakRssMB as number, built.sampledPeakRssMB)),
    exportMB: round(r.persistedMB as number),
    exportSeconds: round(r.persistSeconds as number),
    coldStartSeconds: cold.code === 0 ? round(cold.seconds) : null,
    coldOpenSeconds: round(c.openSeconds as number),
    servePeakRssMB: round((c.peakRssMB as number) ?? cold.sampledPeakRssMB),
    coldStart: 'fresh process (tsx): FlexSearch import of its own export, one query',
    loadAvg1m: round(r.loadAvg as number, 2),
    ...(cold.code !== 0 ? { failed: `cold start exited with ${cold.code}: ${tail(cold)}` } : {}),
  });
  await saveScaleRow(row);
  console.log(JSON.stringify(row));
}
