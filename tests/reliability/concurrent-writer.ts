// A separate process writing to a shared data folder: N annotations with notes "<name>-<i>".
// Both writers open the library first, then wait for the test's go signal, so their writes overlap.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LibraryStore } from '../../src-main/archive/library/library-store.js';

const [dir, name, count] = process.argv.slice(2);
const lib = await LibraryStore.open(dir!);
process.stdout.write('ready\n');
while (!existsSync(join(dir!, 'go'))) await new Promise((r) => setTimeout(r, 5));
for (let i = 0; i < Number(count); i++) {
  await lib.addAnnotation({
    articleId: 'cc7c2dac078dc3f5',
    color: 'yellow',
    note: `${name}-${i}`,
    target: {
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 1 },
      quote: { exact: '城', prefix: '', suffix: '' },
    },
  });
  if (i % 5 === 0)
    await lib.setBookmark(`0000000000${name === 'a' ? 'aaaa' : 'bbbb'}${String(i).padStart(2, '0')}`);
}
