/**
 * Reading ahead during an import: while one file's articles are merged on this thread, the next files
 * are read, sniffed, hashed and (when their content is new) parsed by the parse worker. So the worker
 * parses file N+1 while file N is merged, and this thread, the import's one writer, neither reads nor
 * hashes files. Nothing here decides anything: the import still checks every file as it comes.
 */
import type { ParseOutcome } from './parse-pool.js';
import { importedPathOf, type RunState } from './import-merge.js';
import { isStreamed, previousOf, type LoadResult } from './source-load.js';

export interface ReadAhead {
  /** The file's facts; its bytes stay in the worker (importOne reads them again if it must parse). */
  load: LoadResult;
  /** The file's parse; absent when the content looked known (the import parses if needed). */
  parsed?: Promise<ParseOutcome>;
}

/** Start reading `path` ahead; resolves to undefined for anything the import should look at itself. */
export async function readAhead(state: RunState, path: string): Promise<ReadAhead | undefined> {
  try {
    const previous = previousOf(state.catalog.getSource(path));
    const outcome = await state.parser.load({
      path,
      maxBytes: state.options.maxBytes,
      previous,
      dataDir: state.catalog.dataDir,
    });
    // The worker stopped on this file: the import reads it again and says why.
    if (!('load' in outcome)) return undefined;
    const { load, parsed } = outcome;
    if (load.ok !== true || !parsed) return { load };
    const { sha } = load.source;
    // A duplicate's parse is dropped (a web archive is never parsed ahead: its bodies go to the
    // catalog as it is read, when its turn comes).
    const known = previous?.sha256 === sha || importedPathOf(state, sha) !== undefined;
    if (known || isStreamed(load.source.format)) return { load };
    return { load, parsed: Promise.resolve(parsed) };
  } catch {
    return undefined;
  }
}
