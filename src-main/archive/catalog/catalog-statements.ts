/**
 * The catalog's prepared statements, in one place: every query the store runs is here, next to the
 * indexes it relies on (catalog-schema.ts).
 */
import type { Db } from './catalog-schema.js';

/** The columns CatalogStore turns into a StoredArticle. */
export const ARTICLE_COLUMNS = 'rid, id, kind, title, published, body_ref, seq, meta';

export function catalogStatements(db: Db) {
  const articleColumns = ARTICLE_COLUMNS;
  return {
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
    countArticles: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles'),
    articleFactsById: db.prepare(`SELECT ${articleColumns}, fold FROM articles WHERE id = ?`),
    maxRid: db.prepare('SELECT max(rid) AS n FROM articles'),
    articleFold: db.prepare('SELECT rid, fold, kind FROM articles WHERE id = ?'),
    // By rid, for a bulk import that left the id index to its end (it finds rids itself: id-rows.ts).
    // Each with the id, which confirms the match.
    articleFoldByRid: db.prepare('SELECT rid, id, fold, kind FROM articles WHERE rid = ?'),
    articleFactsByRid: db.prepare(`SELECT ${articleColumns}, fold FROM articles WHERE rid = ?`),
    articlesAfter: db.prepare(`SELECT ${articleColumns} FROM articles WHERE rid > ? ORDER BY rid LIMIT ?`),
    changesSince: db.prepare(`SELECT ${articleColumns} FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`),
    removedSince: db.prepare('SELECT seq, id FROM removed WHERE seq > ? ORDER BY seq LIMIT ?'),
    // A write knows whether the row is there (WriteBatch.factsOf), so it inserts or updates by rid:
    // an upsert with named parameters and RETURNING cost 10-11 µs a row against 6-7 (a first import
    // of a million pages writes 29 million rows).
    insertArticle: db.prepare<
      [string, number, string, string | null, string | null, string, string | null, number, string]
    >(
      `INSERT INTO articles (id, kind, title, published, day, fold, body_ref, seq, meta)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A headline entry that becomes readable is a row of every list (fold-rows.ts works out the
    // rest): the last two values are 1 for a readable article, else 0.
    updateArticle: db.prepare<
      [
        number,
        string,
        string | null,
        string | null,
        string,
        string | null,
        number,
        string,
        number,
        number,
        number,
      ]
    >(
      `UPDATE articles SET kind = ?, title = ?, published = ?, day = ?, fold = ?, body_ref = ?, seq = ?,
         meta = ?, row_newest = max(row_newest, ?), row_oldest = max(row_oldest, ?)
       WHERE rid = ?`,
    ),
    deleteArticle: db.prepare('DELETE FROM articles WHERE rid = ?'),
    markRemoved: db.prepare('INSERT OR REPLACE INTO removed (id, seq) VALUES (?, ?)'),
    unremove: db.prepare('DELETE FROM removed WHERE id = ?'),
    anyRemoved: db.prepare('SELECT 1 FROM removed LIMIT 1'),
    // A fold's headline entries, to work out its list rows (CatalogStore.#refold).
    foldMembers: db.prepare(
      'SELECT rid, published, title, row_newest, row_oldest FROM articles WHERE fold = ? AND kind = 0',
    ),
    setRows: db.prepare('UPDATE articles SET row_newest = ?, row_oldest = ? WHERE rid = ?'),
    sourcesOfArticle: db.prepare(
      'SELECT s.path FROM article_sources l JOIN sources s ON s.sid = l.sid WHERE l.rid = ? ORDER BY l.pos',
    ),
    linksOfArticle: db.prepare('SELECT sid, pos FROM article_sources WHERE rid = ?'),
    link: db.prepare('INSERT INTO article_sources (sid, rid, pos) VALUES (?, ?, ?)'),
    moveLink: db.prepare('UPDATE article_sources SET pos = ? WHERE sid = ? AND rid = ?'),
    unlink: db.prepare('DELETE FROM article_sources WHERE sid = ? AND rid = ?'),
    unlinkArticle: db.prepare('DELETE FROM article_sources WHERE rid = ?'),
    unlinkSource: db.prepare('DELETE FROM article_sources WHERE sid = ?'),
    articleIdsOfSource: db.prepare(
      'SELECT a.id FROM article_sources l JOIN articles a ON a.rid = l.rid WHERE l.sid = ? ORDER BY a.rid',
    ),
    body: db.prepare('SELECT data FROM bodies WHERE ref = ?'),
    hasBody: db.prepare('SELECT 1 FROM bodies WHERE ref = ?'),
    putBody: db.prepare('INSERT OR REPLACE INTO bodies (ref, data) VALUES (?, ?)'),
    deleteBody: db.prepare('DELETE FROM bodies WHERE ref = ?'),
    bodyInUse: db.prepare('SELECT 1 FROM articles WHERE body_ref = ? LIMIT 1'),
    sidByPath: db.prepare('SELECT sid FROM sources WHERE path = ?'),
    insertPendingSource: db.prepare(
      "INSERT INTO sources (path, status, folder, record) VALUES (?, 'pending', ?, '{}')",
    ),
    sourceByPath: db.prepare("SELECT sid, path, record FROM sources WHERE path = ? AND status != 'pending'"),
    sourceBySha: db.prepare(
      "SELECT sid, path, record FROM sources WHERE sha256 = ? AND status = 'imported' ORDER BY sid LIMIT 1",
    ),
    pathBySha: db.prepare(
      "SELECT path FROM sources WHERE sha256 = ? AND status = 'imported' ORDER BY sid LIMIT 1",
    ),
    duplicatesOf: db.prepare(
      "SELECT path FROM sources WHERE duplicate_of = ? AND status = 'duplicate' ORDER BY sid",
    ),
    allSources: db.prepare("SELECT sid, path, record FROM sources WHERE status != 'pending' ORDER BY sid"),
    sourcesAfter: db.prepare(
      "SELECT sid, path, record FROM sources WHERE sid > ? AND status != 'pending' ORDER BY sid LIMIT ?",
    ),
    countSources: db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sources WHERE status != 'pending'",
    ),
    upsertSource: db.prepare(
      `INSERT INTO sources (path, status, sha256, duplicate_of, folder, record)
       VALUES (@path, @status, @sha256, @duplicate_of, @folder, @record)
       ON CONFLICT(path) DO UPDATE SET status = excluded.status, sha256 = excluded.sha256,
         duplicate_of = excluded.duplicate_of, folder = excluded.folder, record = excluded.record`,
    ),
    deleteSource: db.prepare('DELETE FROM sources WHERE sid = ?'),
  };
}

export type Statements = ReturnType<typeof catalogStatements>;
