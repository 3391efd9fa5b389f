/**
 * bench/results.json: `runs`, the engines compared at 1,000 and 10,000 pages (run.ts), and `scale`,
 * Yuelan on the large archives of issue #15 (scale.ts), one row per size and engine. Every writer
 * reads the file again first and replaces only its own rows, so a run stopped part-way keeps what it
 * measured and a run of one size keeps the others.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const RESULTS = join(import.meta.dirname, 'results.json');

export interface Run {
  pages: number;
  engine: string;
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

export interface ScaleRow {
  pages: number;
  engine: string;
  [figure: string]: unknown;
}

interface Results {
  runs: Run[];
  scale?: ScaleRow[];
}

async function read(): Promise<Results> {
  try {
    return JSON.parse(await readFile(RESULTS, 'utf8')) as Results;
  } catch {
    return { runs: [] };
  }
}

const bySize = <T extends { pages: number }>(a: T, b: T): number => a.pages - b.pages;

/** Replace the engine rows `replaced` picks with `fresh`; returns every row. */
export async function saveRuns(fresh: Run[], replaced: (r: Run) => boolean): Promise<Run[]> {
  const results = await read();
  results.runs = [...results.runs.filter((r) => !replaced(r)), ...fresh].sort(bySize);
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
  return results.runs;
}

/** The scale row of a size and engine, if results.json has one. */
export async function scaleRowOf(pages: number, engine: string): Promise<ScaleRow | undefined> {
  return (await read()).scale?.find((r) => r.pages === pages && r.engine === engine);
}

/** Put one scale row in place of the row of its size and engine. */
export async function saveScaleRow(row: ScaleRow): Promise<void> {
  const results = await read();
  const others = (results.scale ?? []).filter((r) => r.pages !== row.pages || r.engine !== row.engine);
  results.scale = [...others, row].sort(bySize);
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
