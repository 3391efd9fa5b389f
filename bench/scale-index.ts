/**
 * `node --import tsx bench/scale-index.ts --data DIR`: the scale bench's index build on a data folder
 * imported earlier with `--import-only` (a run in stages: see scale.ts). Opens the folder as the CLI
 * does, which builds the search index (or goes on with a build that was stopped), and prints one JSON
 * line: whether it built, the seconds and CPU seconds of the open, the peak RSS, the docs indexed and
 * what the All articles view would show.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { asker } from './bench-docs.js';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
if (!values.data) throw new Error('--data DIR is required');

const load = loadavg()[0]!;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let built = false;
let lastNote = 0;
const core = await ArchiveCore.open(values.data, {
  onIndexProgress: (p) => {
    built = true;
    const now = performance.now();
    if (now - lastNote > 30_000 || p.done === p.total) {
      lastNote = now;
      console.error(`  index: ${p.done} of ${p.total} articles, ${((now - t0) / 1000).toFixed(0)} s`);
    }
  },
});
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const list = await asker(core)('archive:list', { limit: 1 });
await core.close();
console.log(
  JSON.stringify({
    built,
    indexSeconds: seconds,
    indexCpuSeconds: (cpu.user + cpu.system) / 1e6,
    indexPeakRssMB: process.resourceUsage().maxRSS / 1024,
    indexed: core.search.size,
    listRows: list.total,
    counts: list.counts,
    loadAvg1m: [load, loadavg()[0]],
  }),
);
