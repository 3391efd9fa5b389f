/**
 * One engine in its own process (so its peak RSS is its own): build from the data folder (Yuelan) or
 * the articles' text dump (`--docs`, the others), time the query set, measure recall against the
 * truth file, print one JSON line; FlexSearch then writes its export to `--flex DIR`. `--cold Q`
 * instead opens the engine as a fresh process would (Yuelan's stored index, FlexSearch's export, the
 * others by building from the dump) and answers one query.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openEngine, type EngineName } from './engines.js';
import { FUSE_SAMPLE, QUERIES, type BenchQuery } from './queries.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    data: { type: 'string' },
    truth: { type: 'string' },
    reps: { type: 'string', default: '5' },
    sample: { type: 'boolean', default: false },
    cold: { type: 'string' },
    docs: { type: 'string' },
    flex: { type: 'string' },
  },
});
const engine = values.engine as EngineName;
const dataDir = values.data!;
const options = {
  ...(values.docs ? { docs: values.docs } : {}),
  ...(values.flex ? { flexDir: values.flex } : {}),
};

if (values.cold !== undefined) {
  const s = performance.now();
  const e = await openEngine(engine, dataDir, { ...options, fresh: false });
  const ids = await e.search(values.cold, 20);
  // From this script's first line (after Node and tsx started) to the first result.
  const openSeconds = (performance.now() - s) / 1000;
  console.log(
    JSON.stringify({ first: ids[0] ?? null, openSeconds, peakRssMB: process.resourceUsage().maxRSS / 1024 }),
  );
  process.exit(0);
}

// Without a truth file (the scale bench) the queries are timed and recall is not measured.
const truth = (values.truth ? JSON.parse(readFileSync(values.truth, 'utf8')) : { queries: QUERIES }) as {
  queries: (BenchQuery & { truth?: string[] })[];
};
const t0 = performance.now();
const e = await openEngine(engine, dataDir, { ...options, fresh: true });
const indexSeconds = (performance.now() - t0) / 1000;

// Plain fuse.js takes seconds a query at 10,000 pages: it is timed on a fixed sample only.
const queries = values.sample ? truth.queries.filter((q) => FUSE_SAMPLE.includes(q.q)) : truth.queries;
const reps = Number(values.reps);
const times: number[] = [];
// CPU time per query as well: on a shared machine the wall clock also counts waiting for a core.
const cpu: number[] = [];
for (const q of queries) await e.search(q.q, 20); // warm-up
for (let r = 0; r < reps; r++) {
  for (const q of queries) {
    const s = performance.now();
    const c = process.cpuUsage();
    await e.search(q.q, 20);
    const dc = process.cpuUsage(c);
    times.push(performance.now() - s);
    cpu.push((dc.user + dc.system) / 1000);
  }
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const pctOf = (list: number[], p: number): number =>
  list[Math.min(list.length - 1, Math.floor(p * list.length))]!;
const pct = (p: number): number => pctOf(times, p);

let found = 0;
let wanted = 0;
for (const q of queries) {
  if (q.kind !== 'exact' || !q.truth) continue;
  const got = new Set(await e.searchAll(q.q));
  wanted += q.truth.length;
  for (const id of q.truth) if (got.has(id)) found++;
}
const firsts: Record<string, string | null> = {};
for (const q of queries) firsts[q.q] = (await e.search(q.q, 1))[0] ?? null;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
// The engine's own persisted form for the cold start, written after the figures above.
const p0 = performance.now();
const persistedMB = e.persist ? e.persist() / 1e6 : undefined;
const persistSeconds = e.persist ? (performance.now() - p0) / 1000 : undefined;

console.log(
  JSON.stringify({
    indexSeconds,
    p50ms: pct(0.5),
    p95ms: pct(0.95),
    peakRssMB,
    recallExact: values.truth ? (wanted ? found / wanted : 1) : null,
    timedQueries: queries.length,
    cpuP50ms: pctOf(cpu, 0.5),
    cpuP95ms: pctOf(cpu, 0.95),
    loadAvg: loadavg()[0],
    firsts,
    ...(persistedMB !== undefined ? { persistedMB, persistSeconds } : {}),
  }),
);
