/**
 * A device that edits and syncs until it is killed (the SIGKILL test): each note it adds is printed
 * once it is on disk (acknowledged), then it syncs, again and again.
 */
import { LibraryStore } from '../../src-main/archive/library/library-store.js';
import { SyncService } from '../../src-main/archive/sync/sync-service.js';

const [dir, prefix] = process.argv.slice(2) as [string, string];
const library = await LibraryStore.open(dir);
const sync = new SyncService(dir, library);
library.onWrite = () => void sync.record().catch(() => undefined);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const note = `${prefix}-${i}`;
  await library.addAnnotation({
    articleId: '0123456789abcdef',
    color: 'yellow',
    note,
    target: {
      position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: 2 },
      quote: { exact: '党建', prefix: '', suffix: '' },
    },
  });
  process.stdout.write(`added ${note}\n`);
  await sync.sync();
}
