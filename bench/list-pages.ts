/**
 * The lists' pages across a catalog (`npx tsx bench/list-pages.ts DATA-DIR [--runs N] [--cold]`): each order
 * of All articles, folded and readable only, at its start, a quarter, the middle, three quarters and
 * its end, timed as the app asks them (catalog-lists.ts's listPage), in pages of 100. At each place:
 * the jump there (the first page read at it, with no page read near it before), then scrolling on
 * (the median of the next N pages, read one after another, towards the list's end or, at the end,
 * back towards its start). The first pages' reads may come from disk. `--cold` (Linux): the catalog's
 * file is dropped from the page cache before each jump (GNU dd's `iflag=nocache`), as after a restart.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { listPage } from '../src-main/archive/catalog/catalog-lists.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, cold: { type: 'boolean', default: false } },
});
const data = positionals[0];
if (!data) throw new Error('usage: npx tsx bench/list-pages.ts DATA-DIR [--runs N] [--cold]');
const evict = (): void => {
  if (values.cold)
    execFileSync('dd', [`if=${join(data, 'catalog.db')}`, 'iflag=nocache', 'count=0', 'status=none']);
};
const runs = Number(values.runs);
const catalog = await CatalogStore.open(data);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const PAGE = 100;
for (const readable of [false, true])
  for (const sort of ['newest', 'oldest'] as const) {
    const { total } = listPage(catalog, { offset: 0, limit: 1, sort, readable });
    const cells: string[] = [];
    for (const at of [0, 0.25, 0.5, 0.75, 1]) {
      const step = at === 1 ? -PAGE : PAGE;
      let offset = Math.max(0, Math.floor(total * at) - (at === 1 ? PAGE : 0));
      const ms: number[] = [];
      evict();
      for (let r = 0; r <= runs; r++, offset += step) {
        const t = performance.now();
        const page = listPage(catalog, { offset, limit: PAGE, sort, readable });
        ms.push(performance.now() - t);
        if (page.articles.length === 0) throw new Error(`empty page at ${offset} of ${total}`);
      }
      cells.push(`${at * 100}% ${ms[0]!.toFixed(1)} / ${median(ms.slice(1)).toFixed(1)}`);
    }
    console.log(
      `${readable ? 'readable' : 'folded'} ${sort} (${total} rows), jump / on: ${cells.join(', ')} ms`,
    );
  }
catalog.close();
