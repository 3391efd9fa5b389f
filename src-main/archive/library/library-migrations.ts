/**
 * The library's schema versions and how to step from each to the next. library.json is the one file
 * Yuelan can never rebuild, so an old file is migrated (after a backup copy is taken), a newer one is
 * refused rather than rewritten, and every step is a pure function with its own test.
 */
import type { LibraryData } from './library-types.js';

export const LIBRARY_SCHEMA_VERSION = 2;

type Raw = Record<string, unknown>;

/** migrations[n] turns version n into version n + 1. */
export const migrations: Record<number, (data: Raw) => Raw> = {
  // v1 (the design's first shape) placed a highlight within one block: {block, start, end}.
  // v2 lets highlights span paragraphs: {startBlock, startOffset, endBlock, endOffset}.
  1: (data) => ({
    ...data,
    schemaVersion: 2,
    annotations: ((data.annotations as Raw[] | undefined) ?? []).map((a) => {
      const target = a.target as { position?: Raw; quote?: unknown } | undefined;
      const p = target?.position;
      if (!p || typeof p.block !== 'number') return a;
      return {
        ...a,
        tags: Array.isArray(a.tags) ? a.tags : [],
        target: {
          ...target,
          position: { startBlock: p.block, startOffset: p.start, endBlock: p.block, endOffset: p.end },
        },
      };
    }),
  }),
};

/** Bring `data` up to the current version; throws for a newer or unknown version. */
export function migrate(data: Raw): { data: LibraryData; from: number } {
  const from = typeof data.schemaVersion === 'number' ? data.schemaVersion : NaN;
  if (!Number.isInteger(from) || from < 1) throw new Error(`library.json has no valid schema version`);
  if (from > LIBRARY_SCHEMA_VERSION) {
    throw new Error(
      `library.json has schema version ${from}, newer than this Yuelan understands (${LIBRARY_SCHEMA_VERSION}); update Yuelan`,
    );
  }
  let current = data;
  for (let v = from; v < LIBRARY_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`no migration from library schema version ${v}`);
    current = step(current);
  }
  return { data: current as unknown as LibraryData, from };
}
