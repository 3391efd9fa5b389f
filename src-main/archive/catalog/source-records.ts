/**
 * The source files' records, one row each in the catalog's `sources` table: the record's JSON, with
 * its path, status, content hash, duplicate-of and folder as columns to look it up by. Which articles
 * a source gave is the `article_sources` links, joined in when a caller wants the ids. Writes go into
 * the store's open batch.
 */
import { sourceFolder } from '../../../src-shared/source-path.js';
import type { SourceRecord } from '../model.js';
import type { Statements } from './catalog-statements.js';

interface SourceRow {
  sid: number;
  path: string;
  record: string;
}

export class SourceRecords {
  readonly #q: Statements;
  /** Opens the store's write batch (CatalogStore's #write). */
  readonly #write: () => void;
  #lastSid: { path: string; sid: number } | undefined;

  constructor(q: Statements, write: () => void) {
    this.#q = q;
    this.#write = write;
  }

  #toSource(row: SourceRow, withIds: boolean): SourceRecord {
    const record = JSON.parse(row.record) as SourceRecord;
    record.path = row.path;
    record.articleIds = withIds
      ? (this.#q.articleIdsOfSource.all(row.sid) as { id: string }[]).map((r) => r.id)
      : [];
    return record;
  }

  list(): SourceRecord[] {
    return (this.#q.allSources.all() as SourceRow[]).map((r) => this.#toSource(r, true));
  }

  *each(): IterableIterator<Omit<SourceRecord, 'articleIds'>> {
    let after = 0;
    for (;;) {
      const rows = this.#q.sourcesAfter.all(after, 1000) as SourceRow[];
      if (!rows.length) return;
      for (const row of rows) {
        const { articleIds: _ids, ...rest } = this.#toSource(row, false);
        yield rest;
      }
      after = rows[rows.length - 1]!.sid;
    }
  }

  get count(): number {
    return this.#q.countSources.get()!.n;
  }

  get(path: string): SourceRecord | undefined {
    const row = this.#q.sourceByPath.get(path) as SourceRow | undefined;
    return row && this.#toSource(row, true);
  }

  bySha(sha256: string): SourceRecord | undefined {
    const row = this.#q.sourceBySha.get(sha256) as SourceRow | undefined;
    return row && this.#toSource(row, true);
  }

  importedPathBySha(sha256: string): string | undefined {
    return (this.#q.pathBySha.get(sha256) as { path: string } | undefined)?.path;
  }

  duplicatesOf(path: string): string[] {
    return (this.#q.duplicatesOf.all(path) as { path: string }[]).map((r) => r.path);
  }

  put(source: SourceRecord): void {
    this.#write();
    const { path, articleIds: _ids, ...rest } = source;
    this.#q.upsertSource.run({
      path,
      status: source.status,
      sha256: source.sha256 ?? null,
      duplicate_of: source.duplicateOf ?? null,
      folder: sourceFolder(path),
      record: JSON.stringify(rest),
    });
  }

  /** Deletes the record and its links; false when there was none (nothing written). */
  delete(path: string): boolean {
    const row = this.#q.sidByPath.get(path) as { sid: number } | undefined;
    if (!row) return false;
    this.#write();
    this.#lastSid = undefined;
    this.#q.unlinkSource.run(row.sid);
    this.#q.deleteSource.run(row.sid);
    return true;
  }

  /** A source's row id; a path no source record names yet (its articles come first) gets a placeholder. */
  sidOf(path: string): number {
    // A page's articles come one after another: its path is looked up once.
    if (this.#lastSid?.path === path) return this.#lastSid.sid;
    const row = this.#q.sidByPath.get(path) as { sid: number } | undefined;
    const sid = row
      ? row.sid
      : Number(this.#q.insertPendingSource.run(path, sourceFolder(path)).lastInsertRowid);
    this.#lastSid = { path, sid };
    return sid;
  }
}
