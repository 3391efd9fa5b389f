/**
 * Devices for the sync tests: a device is a data folder with its library and sync service. The WebDAV
 * server is in webdav-server.ts (no vitest there: the end-to-end spec starts it too).
 */
import { LibraryStore } from '../../src-main/archive/library/library-store.js';
import { SyncService } from '../../src-main/archive/sync/sync-service.js';
import type { AnnotationTarget } from '../../src-main/archive/library/library-types.js';
import { tempDir } from '../helpers/tmp.js';

export interface Device {
  dir: string;
  library: LibraryStore;
  sync: SyncService;
}

export async function device(): Promise<Device> {
  const dir = await tempDir('yuelan-sync-dev-');
  const library = await LibraryStore.open(dir);
  return { dir, library, sync: new SyncService(dir, library) };
}

/** The same data folder opened again, as after a restart (or by another process). */
export async function reopen(d: Device): Promise<Device> {
  const library = await LibraryStore.open(d.dir);
  return { dir: d.dir, library, sync: new SyncService(d.dir, library) };
}

export const ARTICLE = '0123456789abcdef';
export const ARTICLE2 = 'fedcba9876543210';

export function target(exact = '近邻党建'): AnnotationTarget {
  return {
    position: { startBlock: 0, startOffset: 0, endBlock: 0, endOffset: exact.length },
    quote: { exact, prefix: '', suffix: '' },
  };
}

export { startWebDav, type DavServer } from './webdav-server.js';
