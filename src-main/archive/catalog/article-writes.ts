/**
 * An article's row written or deleted in the open batch: its columns, its links to the sources that
 * gave it (in their order), its tombstone in `removed` taken back or set, and the folds whose list
 * rows change with it marked for the batch's commit (fold-rows.ts).
 */
import { archiveDay } from '../../../src-shared/archive-day.js';
import { titleFold } from '../search/search-text.js';
import type { StoredArticle } from './article-rows.js';
import { KIND_CODE } from './catalog-schema.js';
import type { Statements } from './catalog-statements.js';
import type { SourceRecords } from './source-records.js';
import type { WriteBatch } from './write-batch.js';

export function putArticle(
  q: Statements,
  batch: WriteBatch,
  sources: SourceRecords,
  article: StoredArticle,
  /** The title's fold, when the caller has it (the parse worker works it out: see parse-bytes.ts). */
  fold = titleFold(article.title),
): void {
  batch.write();
  const { id, title, kind, publishedAt, bodyRef, sources: paths, ...rest } = article;
  const before = batch.factsOf(id);
  const code = KIND_CODE[kind];
  const published = publishedAt ?? null;
  const day = archiveDay(publishedAt) || null;
  const meta = JSON.stringify(rest);
  const seq = batch.nextSeq();
  let rid: number;
  if (before) {
    rid = before.rid;
    const row = code > 0 ? 1 : 0;
    q.updateArticle.run(code, title, published, day, fold, bodyRef ?? null, seq, meta, row, row, rid);
  } else {
    const info = q.insertArticle.run(id, code, title, published, day, fold, bodyRef ?? null, seq, meta);
    rid = Number(info.lastInsertRowid);
    batch.inserted(id, rid);
  }
  batch.articles.set(id, { rid, fold, kind: code }, article);
  if (!before && batch.mayBeRemoved()) q.unremove.run(id);
  if (code === 0) batch.refold(fold);
  if (before && before.kind === 0 && before.fold !== fold) batch.refold(before.fold);
  if (before && before.kind === 0 && code !== 0) batch.refold(before.fold);
  linkSources(q, sources, rid, paths, before !== undefined);
}

/** Make the article's source links exactly `paths`, in that order (diffed: most puts add one). */
function linkSources(
  q: Statements,
  sources: SourceRecords,
  rid: number,
  paths: string[],
  existed: boolean,
): void {
  if (!existed && paths.length === 1) {
    q.link.run(sources.sidOf(paths[0]!), rid, 0); // most puts: a new article from one page
    return;
  }
  const have = existed ? (q.linksOfArticle.all(rid) as { sid: number; pos: number }[]) : [];
  // A path named twice (two records of one page) is one link.
  const want = [...new Set(paths.map((p) => sources.sidOf(p)))];
  const wanted = new Set(want);
  for (const l of have) if (!wanted.has(l.sid)) q.unlink.run(l.sid, rid);
  const had = new Map(have.map((l) => [l.sid, l.pos]));
  want.forEach((sid, pos) => {
    const at = had.get(sid);
    if (at === undefined) q.link.run(sid, rid, pos);
    else if (at !== pos) q.moveLink.run(pos, sid, rid);
  });
}

/** False when there was no such article (nothing written). */
export function deleteArticle(q: Statements, batch: WriteBatch, id: string): boolean {
  const before = batch.factsOf(id);
  if (!before) return false;
  batch.write();
  q.unlinkArticle.run(before.rid);
  q.deleteArticle.run(before.rid);
  batch.deleted(id, before.rid);
  q.markRemoved.run(id, batch.nextSeq());
  batch.articles.setAbsent(id);
  batch.wroteRemoved();
  if (before.kind === 0) batch.refold(before.fold);
  return true;
}
