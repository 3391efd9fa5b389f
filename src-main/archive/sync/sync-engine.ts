/**
 * One sync run between this device's library and a target:
 * 1. list the target's item files and read those that changed since this device last read them;
 * 2. under the library's lock: stamp the local changes (library-map.recordLocal), merge each file
 *    read into its item, write every item that changed back into the library;
 * 3. save the sync state, then write every item whose merged state the target does not hold yet.
 * Nothing is written anywhere before every file has been read, and the library and the state are on
 * disk before the first upload, so a target that fails half way loses nothing: the next run sends
 * the rest. A file that cannot be read (cut short, another key) is counted and left alone.
 */
import type { LibraryStore } from '../library/library-store.js';
import { HybridClock } from './hlc.js';
import { canonicalJson, isLive, itemMaxClock, mergeItems, type ItemState } from './item-model.js';
import { applyItem, recordLocal } from './library-map.js';
import type { SyncFiles, SyncState } from './sync-files.js';
import type { OpenConflict, SyncResult } from './sync-types.js';
import { baseName, type ItemCodec } from './target-files.js';
import type { SyncDriver } from './drivers/driver.js';

export interface SyncRun {
  files: SyncFiles;
  library: LibraryStore;
  driver: SyncDriver;
  codec: ItemCodec;
}

interface Incoming {
  name: string;
  etag: string;
  key: string;
  state: ItemState;
  hash: string;
  copy: boolean;
}

/** How many uploads between two saves of the sync state. */
const SAVE_EVERY = 25;

/** A run's result before anything happened (and a failed run's, with its error added). */
export function blankResult(): SyncResult {
  return {
    at: new Date().toISOString(),
    ok: false,
    sent: 0,
    received: 0,
    merged: 0,
    conflicts: 0,
    keptOverDeletion: [],
    unreadable: 0,
  };
}

export async function syncOnce({ files, library, driver, codec }: SyncRun): Promise<SyncResult> {
  const state = await files.readState();
  const result = blankResult();
  // Until the library holds the merge, the state on disk must not: it would read as a local undo.
  let applied = false;
  try {
    const incoming = await download(driver, codec, state, result);
    await library.refresh();
    await library.transact((data) => {
      const clock = new HybridClock(state.deviceId, state.clock);
      recordLocal(state.items, data, clock);
      let changed = false;
      for (const file of incoming) {
        const max = itemMaxClock(file.state);
        if (max) clock.receive(max);
        const before = Object.hasOwn(state.items, file.key) ? state.items[file.key] : undefined;
        const merged = before ? mergeItems(before, file.state) : file.state;
        if (!file.copy) state.remote[file.name] = { etag: file.etag, hash: file.hash };
        if (before && canonicalJson(before) === canonicalJson(merged)) continue;
        if (mergedOverDeletion(before, file.state, merged)) result.keptOverDeletion.push(file.key);
        if (!applyItem(data, file.key, merged)) {
          result.unreadable++;
          continue;
        }
        state.items[file.key] = merged;
        changed = true;
        result.received++;
        if (before && canonicalJson(file.state) !== canonicalJson(merged)) result.merged++;
      }
      state.clock = clock.last;
      return { result: undefined, changed };
    });
    applied = true;
    await files.writeState(state);
    await upload(files, driver, codec, state, result);
    await dropConflictCopies(driver, codec, state, incoming);
    result.ok = true;
  } catch (err) {
    result.error = {
      code: (err as { problem?: string }).problem ?? (err as Error).name ?? 'Error',
      message: err instanceof Error ? err.message : String(err),
    };
    throw err;
  } finally {
    const kept = applied ? state : await files.readState();
    result.conflicts = openConflicts(kept).length;
    kept.lastSync = result;
    await files.writeState(kept).catch(() => undefined);
  }
  return result;
}

async function download(
  driver: SyncDriver,
  codec: ItemCodec,
  state: SyncState,
  result: SyncResult,
): Promise<Incoming[]> {
  const listed = await driver.list();
  const present = new Set(listed.map((f) => f.name));
  // A file gone from the target (removed by hand, lost by the server) is written again.
  for (const name of Object.keys(state.remote)) if (!present.has(name)) delete state.remote[name];
  const incoming: Incoming[] = [];
  for (const { name, etag } of listed) {
    const copy = baseName(name) !== name;
    const known = Object.hasOwn(state.remote, name) ? state.remote[name] : undefined;
    if (!copy && known?.etag === etag) continue;
    const bytes = await driver.read(`items/${name}`);
    if (!bytes) continue;
    try {
      incoming.push({ name, etag, copy, ...codec.decode(name, bytes) });
    } catch {
      // Cut short or sealed with another key: left alone, and written again if this device holds it.
      result.unreadable++;
      if (!copy) delete state.remote[name];
    }
  }
  return incoming;
}

async function upload(
  files: SyncFiles,
  driver: SyncDriver,
  codec: ItemCodec,
  state: SyncState,
  result: SyncResult,
): Promise<void> {
  for (const [key, item] of Object.entries(state.items)) {
    const { name, text, hash } = codec.plan(key, item);
    if (state.remote[name]?.hash === hash) continue;
    await driver.write(`items/${name}`, codec.bytes(name, text));
    // Read it back next time: another device may have written it in between.
    state.remote[name] = { etag: null, hash };
    result.sent++;
    if (result.sent % SAVE_EVERY === 0) await files.writeState(state);
  }
}

/** A Syncthing conflict copy goes once the item it belongs to holds everything in it. */
async function dropConflictCopies(
  driver: SyncDriver,
  codec: ItemCodec,
  state: SyncState,
  incoming: Incoming[],
): Promise<void> {
  for (const file of incoming) {
    if (!file.copy || !Object.hasOwn(state.items, file.key)) continue;
    const { name, hash } = codec.plan(file.key, state.items[file.key]!);
    if (state.remote[name]?.hash === hash) await driver.remove(`items/${file.name}`);
  }
}

function mergedOverDeletion(before: ItemState | undefined, theirs: ItemState, merged: ItemState): boolean {
  if (!isLive(merged)) return false;
  return (before !== undefined && !isLive(before)) || !isLive(theirs);
}

export function openConflicts(state: SyncState): OpenConflict[] {
  const out: OpenConflict[] = [];
  for (const [key, item] of Object.entries(state.items)) {
    if (!isLive(item)) continue;
    for (const [field, value] of Object.entries(item.f)) {
      if (value.t === 'note' && value.alt?.length)
        out.push({ key, field, texts: [value.v, ...value.alt.map((a) => a.v)] });
    }
  }
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
