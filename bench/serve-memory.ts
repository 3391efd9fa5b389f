/**
 * `npx tsx bench/serve-memory.ts DIR`: where a serving process's memory goes, query by query: RSS,
 * V8 heap, external and ArrayBuffer memory, and the peak so far (MiB), after opening the data folder
 * and after each of the bench's queries, the first page of All articles and the timeline.
 */
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { asker } from './bench-docs.js';
import { QUERIES } from './queries.js';
const m = (label: string): void => {
  const u = process.memoryUsage();
  const f = (x: number): string => (x / 1e6).toFixed(0);
  console.log(
    label.padEnd(28),
    'rss',
    f(u.rss),
    'heap',
    f(u.heapUsed),
    'ext',
    f(u.external),
    'ab',
    f(u.arrayBuffers),
    'peak',
    (process.resourceUsage().maxRSS / 1024).toFixed(0),
  );
};
m('start');
const core = await ArchiveCore.open(process.argv[2]!);
m('open');
const ask = asker(core);
for (const q of QUERIES) {
  await ask('archive:search', { q: q.q, limit: 20 });
  m(`${q.kind} ${q.q}`);
}
await ask('archive:list', { limit: 100 });
m('list');
await ask('archive:days', {});
m('days');
process.exit(0);
