/**
 * `node --import tsx bench/dump-docs.ts --data DIR --out FILE`: every article of a data folder as JSON
 * lines (bench-docs.ts), in a process of its own so a large archive's dump does not weigh on the
 * bench's own process. Prints `{"docs": N}`.
 */
import { parseArgs } from 'node:util';
import { dumpDocs } from './bench-docs.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (!values.data || !values.out) throw new Error('--data DIR and --out FILE are required');
console.log(JSON.stringify({ docs: await dumpDocs(values.data, values.out) }));
