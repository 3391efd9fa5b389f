/**
 * A search index build in a process of its own, to be killed (tests/search/index-resume.test.ts).
 * Builds synthetic articles 1..n into `<dir>/search` in chunks of 40, writing `commit <seq>` after
 * each commit; with `stuckAt` > 0 the body read of that article never returns, and it writes `stuck`.
 * Arguments: dir n stuckAt.
 */
import { join } from 'node:path';
import { SearchIndex } from '../../src-main/archive/search/search-index.js';
import { updateIndex } from '../../src-main/archive/search/index-build.js';
import { MemoryFeed } from '../helpers/memory-feed.js';

const [dir, n, stuckAt] = process.argv.slice(2);
const feed = MemoryFeed.of(Number(n));
if (Number(stuckAt)) {
  feed.hangOn = `s${stuckAt}`;
  feed.onHang = () => process.stdout.write('stuck\n');
}
const index = await SearchIndex.open(join(dir!, 'search'));
await updateIndex(index, feed, { chunkDocs: 40, onCommit: (seq) => process.stdout.write(`commit ${seq}\n`) });
process.stdout.write('done\n');
