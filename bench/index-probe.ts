/**
 * Probe of the search index at millions of entries (not a test, not part of `npm run bench`): builds
 * the index of N synthetic headline entries (bench/synthetic-feed.ts, made from the seed page) from a
 * change feed, then, in a fresh process, opens it and times the bench's queries. Prints build time and
 * peak RSS, disk size, open-to-first-result, serving RSS and query p50/p95 (wall and CPU).
 *
 *   npx tsx bench/index-probe.ts --docs 3000000 [--dir DIR] [--keep] [--reuse]
 *
 * `--reuse` skips the build when DIR already holds an index of N entries; `--keep` keeps a temp DIR.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SearchIndex } from '../src-main/archive/search/search-index.js';
import { updateIndex } from '../src-main/archive/search/index-build.js';
import { SearchService } from '../src-main/archive/search/search-service.js';
import { SyntheticFeed } from './synthetic-feed.js';
import { QUERIES } from './queries.js';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '3000000' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    phase: { type: 'string' },
    reps: { type: 'string', default: '5' },
  },
});
const docs = Number(values.docs);
const mb = (bytes: number): number => Math.round(bytes / 1048576);

if (values.phase === 'build') {
  const t0 = performance.now();
  const index = await SearchIndex.open(join(values.dir!, 'search'));
  let last = 0;
  await updateIndex(index, new SyntheticFeed(docs), {
    onProgress: (p) => {
      if (p.done - last >= 250_000 || p.done === p.total) {
        last = p.done;
        const s = ((performance.now() - t0) / 1000).toFixed(0);
        process.stderr.write(
          `  indexed ${p.done}/${p.total} in ${s} s, rss ${mb(process.memoryUsage().rss)} MB\n`,
        );
      }
    },
  });
  index.close();
  console.log(
    JSON.stringify({
      buildSeconds: (performance.now() - t0) / 1000,
      buildPeakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    }),
  );
  process.exit(0);
}

if (values.phase === 'serve') {
  // Time since this process started: module loading is part of a cold start.
  const started = performance.now();
  const feed = new SyntheticFeed(docs);
  const service = await SearchService.open(feed, values.dir!, { defer: true });
  const opened = performance.now();
  const first = await service.search({ q: '近邻党建', limit: 20 });
  const firstAt = performance.now();
  const rssOpen = process.memoryUsage().rss;
  const reps = Number(values.reps);
  const times: number[] = [];
  const cpu: number[] = [];
  const perQuery: Record<string, number> = {};
  for (const q of QUERIES) await service.search({ q: q.q, limit: 20 }); // warm-up
  for (let r = 0; r < reps; r++)
    for (const q of QUERIES) {
      const s = performance.now();
      const c = process.cpuUsage();
      await service.search({ q: q.q, limit: 20 });
      const dc = process.cpuUsage(c);
      const t = performance.now() - s;
      times.push(t);
      cpu.push((dc.user + dc.system) / 1000);
      perQuery[q.q] = Math.max(perQuery[q.q] ?? 0, t);
    }
  const pct = (list: number[], p: number): number =>
    [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))]!;
  const totals: Record<string, number> = {};
  for (const q of QUERIES) totals[q.q] = (await service.search({ q: q.q, limit: 1 })).total;
  console.log(
    JSON.stringify({
      size: service.size,
      // Process start to the modules loaded (tsx transpiling included), then open and first query.
      loadSeconds: started / 1000,
      openSeconds: (opened - started) / 1000,
      openToFirstResultSeconds: (firstAt - started) / 1000,
      firstHits: first.total,
      rssAfterFirstMB: mb(rssOpen),
      p50ms: pct(times, 0.5),
      p95ms: pct(times, 0.95),
      cpuP50ms: pct(cpu, 0.5),
      cpuP95ms: pct(cpu, 0.95),
      servingRssMB: mb(process.memoryUsage().rss),
      servingPeakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      slowestMs: Object.fromEntries(
        Object.entries(perQuery)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5),
      ),
      totals,
    }),
  );
  process.exit(0);
}

const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'yuelan-index-probe-'));
const self = join(import.meta.dirname, 'index-probe.ts');
const run = (phase: string): Record<string, unknown> => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', self, '--phase', phase, '--docs', String(docs), '--dir', dir, '--reps', values.reps!],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) throw new Error(`${phase} failed (${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
};

let built: Record<string, unknown> = {};
const existing = values.reuse ? await SearchIndex.open(join(dir, 'search')) : undefined;
if (existing && existing.size === docs) console.error(`reusing the index in ${dir}`);
else {
  existing?.close();
  console.error(`building ${docs} entries in ${dir}`);
  built = run('build');
}
existing?.close();
const files = readdirSync(join(dir, 'search'));
const diskMB = mb(files.reduce((n, f) => n + statSync(join(dir, 'search', f)).size, 0));
const served = run('serve');
console.log(JSON.stringify({ docs, ...built, diskMB, ...served }, null, 2));
if (!values.dir && !values.keep) rmSync(dir, { recursive: true, force: true });
