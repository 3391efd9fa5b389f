/**
 * `npm run bench [-- --pages N]`: below 100,000 pages (default 1,000 and 10,000) the engines compared:
 * make the corpus, import it into a temp data folder as the app does (`ArchiveCore.importPaths`), dump
 * its articles as text, then run every engine in its own process on the same articles and queries.
 * From 100,000 pages (or with `--mode scale`) the scale bench of issue #15 (scale.ts). Prints a table
 * and writes bench/results.json, then the parser's growth on hostile pages (`parse-growth.ts`).
 * `--parse-growth` prints only that table; `--saved-pages [--warc-mb N]` runs only the saved-page
 * import bench (`saved-pages.ts`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { dumpDocs, readDocs } from './bench-docs.js';
import { CorpusError, ensureCorpus } from './corpus-dir.js';
import { makePage, readSeed } from './corpus.js';
import { ENGINES, type EngineName } from './engines.js';
import { cliHits, coldStartCli, lastJson, ROOT, runNode } from './node-process.js';
import { printParseGrowth } from './parse-growth.js';
import { FIRST_QUERY, QUERIES } from './queries.js';
import { round, saveRuns, type Run } from './results.js';
import { runSavedPagesBench } from './saved-pages.js';
import { runScaleBench, SCALE_FROM } from './scale.js';
import { exactTruthOfDocs } from './truth.js';

/** Above this size plain fuse.js is timed on a sample of queries only. */
const FUSE_FULL_MAX = 2000;

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    keep: { type: 'boolean', default: false },
    engines: { type: 'string' },
    corpus: { type: 'string' },
    data: { type: 'string' },
    stage: { type: 'string' },
    'corpus-only': { type: 'boolean', default: false },
    mode: { type: 'string' },
    reps: { type: 'string' },
    'parse-growth': { type: 'boolean', default: false },
    'saved-pages': { type: 'boolean', default: false },
    'warc-mb': { type: 'string' },
  },
});
const sizes = values.pages ? values.pages.split(',').map(Number) : [1000, 10000];
// `--engines yuelan,minisearch` runs a subset (a slow engine at a large size); default: all.
const engines = values.engines ? ENGINES.filter((e) => values.engines!.split(',').includes(e)) : ENGINES;

/** `--stage import`: the scale bench's import alone, its data folder kept (see scale.ts). */
function scaleStage(stage: string): 'import' {
  if (stage !== 'import') throw new CorpusError(`--stage is import (then --data DIR), not ${stage}`);
  return stage;
}

/** `--corpus DIR` is the corpus itself for one size, DIR/<pages> for several. */
function corpusDir(pages: number, tmp: string): string {
  if (!values.corpus) return join(tmp, 'corpus');
  return sizes.length === 1 ? values.corpus : join(values.corpus, String(pages));
}

/** Import as the app does; the split between import and index build is the index's first event. */
async function importCorpus(data: string, corpus: string) {
  const core = await ArchiveCore.open(data);
  let indexStart: number | undefined;
  let articles = 0;
  core.onEvent((event, payload) => {
    if (event === 'search:indexing') indexStart ??= performance.now();
    if (event === 'archive:changed') articles = (payload as { articles: number }).articles;
  });
  const t0 = performance.now();
  const report = await core.importPaths([corpus]);
  const end = performance.now();
  await core.close();
  const split = indexStart ?? end;
  return { report, articles, importSeconds: (split - t0) / 1000, indexSeconds: (end - split) / 1000 };
}

async function benchSize(pages: number): Promise<Run[]> {
  const tmp = await mkdtemp(join(tmpdir(), `yuelan-bench-${pages}-`));
  const data = join(tmp, 'data');
  const seed = readSeed();
  const corpus = ensureCorpus(
    corpusDir(pages, tmp),
    { generator: 'bench', version: 1, pages },
    (p) => makePage(seed, p, pages),
    console.log,
  );
  console.log(`\n[${pages} pages] corpus in ${corpus.dir}, data in ${tmp}`);
  if (values['corpus-only']) return [];
  const imported = await importCorpus(data, corpus.dir);
  const importMBps = corpus.bytes / 1e6 / imported.importSeconds;
  console.log(
    `imported ${(corpus.bytes / 1e6).toFixed(1)} MB in ${imported.importSeconds.toFixed(1)} s (index ${imported.indexSeconds.toFixed(1)} s): ${JSON.stringify(imported.report.files)}, ${imported.articles} articles`,
  );
  const docs = join(tmp, 'docs.jsonl');
  await dumpDocs(data, docs);
  const exact = QUERIES.filter((q) => q.kind === 'exact').map((q) => q.q);
  const truth = await exactTruthOfDocs(readDocs(docs), exact);
  const truthFile = join(tmp, 'truth.json');
  await writeFile(
    truthFile,
    JSON.stringify({ queries: QUERIES.map((q) => (truth.has(q.q) ? { ...q, truth: truth.get(q.q)! } : q)) }),
  );

  const runs: Run[] = [];
  const cli = await coldStartCli();
  for (const engine of engines) {
    const flex = join(tmp, 'flexsearch');
    const engineRun = (...args: string[]) =>
      runNode(
        [
          '--import',
          'tsx',
          'bench/engine-run.ts',
          '--engine',
          engine,
          '--data',
          data,
          '--docs',
          docs,
          '--flex',
          flex,
          ...args,
        ],
        { cwd: ROOT },
      );
    const args = ['--truth', truthFile, '--reps', values.reps ?? (engine === 'fuse' ? '1' : '5')];
    if (engine === 'fuse' && pages > FUSE_FULL_MAX) args.push('--sample');
    const res = await engineRun(...args);
    if (res.code !== 0) {
      console.error(`${engine} failed:\n${res.stderr.slice(-2000)}`);
      continue;
    }
    const r = lastJson(res.stdout);
    // Cold start: a fresh process on what is on disk, start to first result. Yuelan's figure is its
    // built CLI; every engine also reports the time inside the process (after Node and tsx started).
    const cold = await engineRun('--cold', FIRST_QUERY);
    if (cold.code !== 0) console.error(`${engine} cold start failed: ${cold.stderr.slice(-500)}`);
    const coldIn = cold.code === 0 ? lastJson(cold.stdout) : {};
    const cliRun =
      engine === 'yuelan'
        ? await runNode([cli.path, 'search', FIRST_QUERY, '--data', data, '--json', '--limit', '20'], {
            cwd: ROOT,
          })
        : undefined;
    if (cliRun && (cliRun.code !== 0 || cliHits(cliRun.stdout) === 0))
      console.error(`yuelan cold start answered nothing (${cliRun.code}): ${cliRun.stderr.slice(-500)}`);
    const run: Run = {
      pages,
      engine,
      importMBps: round(importMBps),
      indexSeconds: round(r.indexSeconds as number),
      coldStartSeconds: round((cliRun ?? cold).seconds),
      p50ms: round(r.p50ms as number),
      p95ms: round(r.p95ms as number),
      peakRssMB: round(r.peakRssMB as number),
      recallExact: round(r.recallExact as number, 4),
      notes: {
        articles: imported.articles,
        corpusMB: round(corpus.bytes / 1e6),
        timedQueries: r.timedQueries,
        cpuP50ms: round(r.cpuP50ms as number),
        cpuP95ms: round(r.cpuP95ms as number),
        loadAvg1m: round(r.loadAvg as number, 2),
        importSeconds: round(imported.importSeconds),
        importIndexSeconds: round(imported.indexSeconds),
        coldOpenSeconds: round(coldIn.openSeconds as number),
        coldPeakRssMB: round(coldIn.peakRssMB as number),
        coldStart: engine === 'yuelan' ? cli.note : coldStartNote(engine),
        ...(r.persistedMB !== undefined
          ? { exportMB: round(r.persistedMB as number), exportSeconds: round(r.persistSeconds as number) }
          : {}),
      },
    };
    runs.push(run);
    await saveRuns([...done, ...runs], replaced);
    console.log(`  ${engine}: ${JSON.stringify(run)}`);
  }
  if (!values.keep) await rm(tmp, { recursive: true, force: true });
  return runs;
}

function coldStartNote(engine: EngineName): string {
  if (engine === 'flexsearch') return 'fresh process: FlexSearch import of its own export, one query';
  return 'fresh process: read the articles, build in memory, one query';
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

/** A run replaces the rows of its sizes (and, with --engines, only those engines'). */
const replaced = (r: Run): boolean =>
  sizes.includes(r.pages) && (engines as readonly string[]).includes(r.engine);

const done: Run[] = [];

async function main(): Promise<void> {
  if (values['parse-growth']) {
    if (!printParseGrowth()) process.exitCode = 1;
    return;
  }
  if (values['saved-pages']) {
    await runSavedPagesBench({ warcMb: Number(values['warc-mb'] ?? 1024), keep: values.keep });
    return;
  }
  if (values.mode && values.mode !== 'scale' && values.mode !== 'engines')
    throw new CorpusError(`--mode is scale or engines, not ${values.mode}`);
  const scale = (pages: number): boolean => (values.mode ? values.mode === 'scale' : pages >= SCALE_FROM);
  for (const n of sizes) {
    if (!scale(n)) {
      done.push(...(await benchSize(n)));
      continue;
    }
    await runScaleBench({
      pages: n,
      root: ROOT,
      keep: values.keep,
      corpusOnly: values['corpus-only'],
      ...(values.corpus ? { corpus: corpusDir(n, '') } : {}),
      ...(values.data ? { data: values.data } : {}),
      ...(values.stage ? { stage: scaleStage(values.stage) } : {}),
      // The scale bench runs Yuelan, and FlexSearch when asked.
      engines: values.engines ? engines : ['yuelan'],
      ...(values.reps ? { reps: Number(values.reps) } : {}),
    });
  }
  if (done.length) {
    console.log('\n' + table(await saveRuns(done, replaced)));
    printParseGrowth();
  }
}

await main().catch((err: unknown) => {
  // A folder or option the bench cannot use is said in one line; anything else with its stack.
  if (!(err instanceof CorpusError)) throw err;
  console.error(`bench: ${err.message}`);
  process.exitCode = 2;
});
