/**
 * The lists' pages across a catalog (`npx tsx bench/list-pages.ts DATA-DIR [--runs N]`): each order
 * of All articles, folded and readable only, a page of 100 at its start, a quarter, the middle, three
 * quarters and its end, timed as the app asks them (catalog-lists.ts's listPage). The median of the
 * runs is printed per page, in ms; the first run's reads may come from disk.
 */
import { parseArgs } from 'node:util';
import { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { listPage } from '../src-main/archive/catalog/catalog-lists.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' } },
});
const data = positionals[0];
if (!data) throw new Error('usage: npx tsx bench/list-pages.ts DATA-DIR [--runs N]');
const runs = Number(values.runs);
const catalog = await CatalogStore.open(data);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const readable of [false, true])
  for (const sort of ['newest', 'oldest'] as const) {
    const { total } = listPage(catalog, { offset: 0, limit: 1, sort, readable });
    const cells: string[] = [];
    for (const at of [0, 0.25, 0.5, 0.75, 1]) {
      const offset = Math.max(0, Math.floor(total * at) - (at === 1 ? 100 : 0));
      const ms: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        const page = listPage(catalog, { offset, limit: 100, sort, readable });
        ms.push(performance.now() - t);
        if (page.articles.length === 0) throw new Error(`empty page at ${offset} of ${total}`);
      }
      cells.push(`${at * 100}% ${median(ms).toFixed(1)}`);
    }
    console.log(`${readable ? 'readable' : 'folded'} ${sort} (${total} rows): ${cells.join(', ')} ms`);
  }
catalog.close();
