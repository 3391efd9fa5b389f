/**
 * How the parser's time grows with the size of a hostile page (issue #18, finding 2): for each shape of
 * `hostile-shapes.ts`, `parsePage` is timed at 100 KB, 200 KB and 400 KB and the ratio 400/100 printed;
 * linear parsing gives about 4, and a ratio over 5 is flagged ✗ (quadratic parsing gives 16).
 *
 * Each figure is the best of 3 samples (wall-clock); a sample repeats the parse until it has run 50 ms
 * (and takes the mean), so a parse of a millisecond is not all timer noise. The three sizes are
 * sampled in turn (a burst of load from another process then hits all of them, not one). The texts
 * are made before timing. A shape over ×5 is sampled 3 more times, twice at most, before it
 * is flagged (each figure then the best of all its samples): on a shared machine a burst of another
 * process's work can land in one figure, while a quadratic shape (×16) fails every time.
 *
 * `npm run bench -- --parse-growth` prints only this table (exit code 1 if a row is flagged);
 * `npm run bench` prints it after the search bench; `npx tsx bench/parse-growth.ts` runs it alone.
 */
import { pathToFileURL } from 'node:url';
import { parsePage } from '../src-main/archive/ingest/parse-page.js';
import { SHAPES } from './hostile-shapes.js';

export const GROWTH_SIZES_KB = [100, 200, 400] as const;
/** Above this ratio of the 400 KB time to the 100 KB time a shape is flagged. */
export const MAX_GROWTH = 5;
const SAMPLES = 3;
/** Measurements again of a shape over MAX_GROWTH before it is flagged. */
const CONFIRMATIONS = 2;
const SAMPLE_MIN_MS = 50;

export interface GrowthRow {
  shape: string;
  /** Milliseconds per parse at each of GROWTH_SIZES_KB. */
  ms: number[];
  ratio: number;
  ok: boolean;
  /** What the parser answered at the largest size. */
  outcome: string;
}

/** Milliseconds per parse of each text: best of SAMPLES more samples (and of those in `best`). */
function timeParses(texts: string[], best = texts.map(() => Infinity)): number[] {
  for (let s = 0; s < SAMPLES; s++) {
    texts.forEach((text, i) => {
      let runs = 0;
      const t0 = performance.now();
      let elapsed: number;
      do {
        parsePage(text);
        runs++;
        elapsed = performance.now() - t0;
      } while (elapsed < SAMPLE_MIN_MS);
      best[i] = Math.min(best[i]!, elapsed / runs);
    });
  }
  return best;
}

function outcomeOf(text: string): string {
  const r = parsePage(text);
  if (!r.ok) return `rejected: ${r.reason}`;
  const skipped = r.page.skipped ? `, ${r.page.skipped} skipped` : '';
  return `imported: ${r.page.articles.length} articles${skipped}`;
}

export function measureGrowth(log: (line: string) => void = () => {}): GrowthRow[] {
  const rows: GrowthRow[] = [];
  for (const shape of SHAPES) {
    const texts = GROWTH_SIZES_KB.map((kb) => shape.make(kb * 1000));
    parsePage(texts[0]!); // warm up
    const ms = timeParses(texts);
    let ratio = ms[ms.length - 1]! / ms[0]!;
    for (let again = 0; again < CONFIRMATIONS && ratio > MAX_GROWTH; again++) {
      timeParses(texts, ms);
      ratio = ms[ms.length - 1]! / ms[0]!;
    }
    const row = { shape: shape.name, ms, ratio, ok: ratio <= MAX_GROWTH, outcome: outcomeOf(texts.at(-1)!) };
    rows.push(row);
    log(`  ${row.shape}: ${ms.map((m) => m.toFixed(2)).join(' / ')} ms, ×${ratio.toFixed(2)}`);
  }
  return rows;
}

export function growthTable(rows: GrowthRow[]): string {
  const head = ['shape', ...GROWTH_SIZES_KB.map((kb) => `${kb} KB ms`), '400/100', '', 'at 400 KB'];
  const body = rows.map((r) => [
    r.shape,
    ...r.ms.map((m) => m.toFixed(2)),
    r.ratio.toFixed(2),
    r.ok ? '✓' : '✗',
    r.outcome,
  ]);
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row) =>
      row
        .map((cell, i) =>
          i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Measure, print the table; true when no shape grows more than MAX_GROWTH times from 100 to 400 KB. */
export function printParseGrowth(): boolean {
  console.log(`\nParser time on hostile pages, 100 → 400 KB (flagged ✗ above ×${MAX_GROWTH}):`);
  const rows = measureGrowth();
  console.log(growthTable(rows));
  return rows.every((r) => r.ok);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!printParseGrowth()) process.exitCode = 1;
}
