/**
 * Reading ahead during an import: while one file's articles are merged on this thread, the next file
 * is read (or, for a web archive, hashed as a stream) and sniffed, and handed to the parse worker
 * unless its content is already known (unchanged, or a duplicate). So the worker parses file N+1
 * while file N is merged: the two steps overlap instead of taking turns. Nothing here decides
 * anything: the import still checks every file as it comes.
 */
import type { ParseOutcome } from './parse-pool.js';
import { importedPathOf, type RunState } from './import-merge.js';
import { isStreamed, loadSource, parseSource, type LoadResult } from './source-load.js';

export interface ReadAhead {
  load: LoadResult;
  /** The parse started early; absent when the content looked known (the import parses if needed). */
  parsed?: Promise<ParseOutcome>;
}

/** Start reading `path` ahead; resolves to undefined for anything the import should look at itself. */
export async function readAhead(state: RunState, path: string): Promise<ReadAhead | undefined> {
  try {
    const previous = state.catalog.getSource(path);
    const load = await loadSource(path, { maxBytes: state.options.maxBytes, previous });
    if (load.ok !== true) return { load };
    const { sha } = load.source;
    const known = previous?.sha256 === sha || importedPathOf(state, sha) !== undefined;
    // A web archive is parsed when its turn comes: its bodies go to the catalog as it is read.
    if (known || isStreamed(load.source.format)) return { load };
    return { load, parsed: parseSource(state.parser, path, load.source, state.catalog.dataDir) };
  } catch {
    return undefined;
  }
}
