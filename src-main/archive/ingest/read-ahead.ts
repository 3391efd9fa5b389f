/**
 * Reading ahead during an import: while one file's articles are merged on this thread, the next file
 * is read and hashed, and handed to the parse worker unless its content is already known (unchanged,
 * or a duplicate). So the worker parses file N+1 while file N is merged: the two steps overlap instead
 * of taking turns. Nothing here decides anything: the import still checks every file as it comes.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { ParseOutcome } from './parse-pool.js';
import { shaIndex, type RunState } from './import-merge.js';

export interface ReadAhead {
  bytes: Buffer;
  sha: string;
  /** The parse started early; absent when the content looked known (the import parses if needed). */
  parsed?: Promise<ParseOutcome>;
}

/** Start reading `path` ahead; resolves to undefined for anything the import should look at itself. */
export async function readAhead(state: RunState, path: string): Promise<ReadAhead | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > state.options.maxBytes) return undefined;
    const bytes = await readFile(path);
    if (bytes.length > state.options.maxBytes) return undefined;
    const sha = createHash('sha256').update(bytes).digest('hex');
    const known = state.catalog.getSource(path)?.sha256 === sha || shaIndex(state).has(sha);
    return known ? { bytes, sha } : { bytes, sha, parsed: state.parser.parse(bytes) };
  } catch {
    return undefined;
  }
}
