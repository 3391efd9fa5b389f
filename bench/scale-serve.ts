/**
 * `node --import tsx bench/scale-serve.ts --data DIR [--reps N]`: the scale bench's serving process.
 * Opens the data folder as the app does and asks the contract's `archive:search` (the channel the
 * app and the CLI ask) the bench's queries: time from process start to the first result, per-query
 * wall and CPU time (CPU time is what waiting for a core on a busy machine does not inflate), the
 * first page of All articles and the timeline's days, and the process's peak RSS. One JSON line.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { asker } from './bench-docs.js';
import { FIRST_QUERY, QUERIES } from './queries.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, reps: { type: 'string', default: '5' } },
});
if (!values.data) throw new Error('--data DIR is required');

const load = loadavg()[0]!;
let rebuiltOnOpen = false;
const core = await ArchiveCore.open(values.data, { onIndexProgress: () => (rebuiltOnOpen = true) });
// performance.now() counts from the process's start: Node's and tsx's start-up are in these figures.
const openSeconds = performance.now() / 1000;
const ask = asker(core);
const first = await ask('archive:search', { q: FIRST_QUERY, limit: 20 });
const firstResultSeconds = performance.now() / 1000;

const timed = async <T>(task: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> => {
  const c = process.cpuUsage();
  const s = performance.now();
  const value = await task();
  const ms = performance.now() - s;
  const dc = process.cpuUsage(c);
  return { ms, cpuMs: (dc.user + dc.system) / 1000, value };
};

for (const q of QUERIES) await ask('archive:search', { q: q.q, limit: 20 }); // warm-up
const wall: number[] = [];
const cpu: number[] = [];
const perQuery: Record<string, number> = {};
for (let r = 0; r < Number(values.reps); r++) {
  for (const q of QUERIES) {
    const t = await timed(() => ask('archive:search', { q: q.q, limit: 20 }));
    wall.push(t.ms);
    cpu.push(t.cpuMs);
    perQuery[q.q] = Math.max(perQuery[q.q] ?? 0, t.ms);
  }
}
const list = await timed(() => ask('archive:list', { limit: 100 }));
const days = await timed(() => ask('archive:days', {}));
const pct = (list: number[], p: number): number => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};
console.log(
  JSON.stringify({
    openSeconds,
    firstResultSeconds,
    firstHits: first.total,
    rebuiltOnOpen,
    p50ms: pct(wall, 0.5),
    p95ms: pct(wall, 0.95),
    cpuP50ms: pct(cpu, 0.5),
    cpuP95ms: pct(cpu, 0.95),
    slowestMs: perQuery,
    timedQueries: wall.length,
    listFirstPageMs: list.ms,
    daysMs: days.ms,
    days: days.value.length,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    loadAvg1m: [load, loadavg()[0]],
  }),
);
process.exit(0);
