/**
 * `npx tsx bench/query-times.ts --data DIR [--reps N] [--fresh]`: per-query wall and CPU times of
 * Yuelan's engine on a data folder already imported (e.g. one kept by `npm run bench -- --keep`), to
 * see which query kind sets the p95. `--fresh` rebuilds the index in this process first (as the
 * bench's `yuelan` row does); otherwise the stored index is opened, as the app does.
 */
import { parseArgs } from 'node:util';
import { openEngine } from './engines.js';
import { QUERIES } from './queries.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    reps: { type: 'string', default: '9' },
    fresh: { type: 'boolean', default: false },
    q: { type: 'string' },
  },
});
if (!values.data) throw new Error('--data DIR is required');
const t0 = performance.now();
const engine = await openEngine('yuelan', values.data, { fresh: values.fresh });
console.log(`open: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
const queries = values.q ? [{ q: values.q, kind: 'given' }] : QUERIES;
for (const q of queries) await engine.search(q.q, 20); // warm-up
const rows: { q: string; kind: string; wall: number[]; cpu: number[] }[] = queries.map((q) => ({
  q: q.q,
  kind: q.kind,
  wall: [],
  cpu: [],
}));
for (let r = 0; r < Number(values.reps); r++) {
  for (const row of rows) {
    const c = process.cpuUsage();
    const s = performance.now();
    await engine.search(row.q, 20);
    row.wall.push(performance.now() - s);
    const dc = process.cpuUsage(c);
    row.cpu.push((dc.user + dc.system) / 1000);
  }
}
const med = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const all = rows.flatMap((r) => r.wall).sort((a, b) => a - b);
for (const r of rows)
  console.log(
    `${r.kind.padEnd(12)} ${r.q.padEnd(12, '　')} median ${med(r.wall).toFixed(2).padStart(7)} ms  max ${Math.max(
      ...r.wall,
    )
      .toFixed(2)
      .padStart(7)} ms  cpu ${med(r.cpu).toFixed(2).padStart(7)} ms`,
  );
console.log(
  `p50 ${all[Math.floor(all.length * 0.5)]!.toFixed(2)} ms, p95 ${all[Math.floor(all.length * 0.95)]!.toFixed(2)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
