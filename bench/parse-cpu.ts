/**
 * The parse worker's CPU per text page (`npx tsx bench/parse-cpu.ts DIR [pages] [runs]`): DIR holds
 * folders of `.txt` pages (a scale corpus, `--corpus`). Each run parses `pages` pages it has not
 * parsed before (half from each of two folders) as the worker does (`parseBytes`), on this thread,
 * then structured-clones each outcome (about what the worker's postMessage costs). Times are this
 * process's CPU time, not wall time (a shared machine's wall time varies twofold); it prints the
 * median and range over the runs, in milliseconds per page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBytes } from '../src-main/archive/ingest/parse-bytes.js';
import type { ParseOutcome } from '../src-main/archive/ingest/parse-pool.js';

const [dir, pagesArg = '1500', runsArg = '3'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npx tsx bench/parse-cpu.ts DIR [pages] [runs]');
  process.exit(2);
}
const pages = Number(pagesArg);
const runs = Number(runsArg);
const folders = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => join(dir, e.name))
  .sort();
if (folders.length < 2 * runs + 1) throw new Error(`${dir}: needs ${2 * runs + 1} folders of pages`);

function load(folder: string, n: number): Buffer[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, n)
    .map((f) => readFileSync(join(folder, f)));
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

// Warm-up on a folder no run reads (the code compiled, opencc's dictionaries loaded).
for (const bytes of load(folders[folders.length - 1]!, 300)) parseBytes(bytes);
const parse: number[] = [];
const clone: number[] = [];
for (let r = 0; r < runs; r++) {
  const files = [...load(folders[2 * r]!, pages / 2), ...load(folders[2 * r + 1]!, pages / 2)];
  const outcomes: ParseOutcome[] = [];
  let t = process.cpuUsage();
  for (const bytes of files) outcomes.push(parseBytes(bytes));
  parse.push(cpuMs(t) / files.length);
  t = process.cpuUsage();
  for (const o of outcomes) structuredClone(o);
  clone.push(cpuMs(t) / files.length);
}
const show = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)]!.toFixed(3)} [${s[0]!.toFixed(3)}–${s[s.length - 1]!.toFixed(3)}]`;
};
console.log(`ms per page over ${runs} runs of ${pages} pages: parse ${show(parse)}, clone ${show(clone)}`);
