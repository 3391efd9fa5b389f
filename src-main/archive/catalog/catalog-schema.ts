/**
 * The catalog's SQLite file (catalog.db): its tables and how a connection is opened. One file holds
 * sources, articles, which source mentions which article, and the bodies, so the app, the serve shell
 * and the CLI can open it at once (WAL: readers never wait for a writer) and nothing is parsed whole
 * at start. Articles carry the columns the lists sort and filter on, with indexes for each:
 *
 * - `published` (publishedAt as written) and `title`: the time order, title breaking ties;
 * - `kind` (0 headline, 1 brief, 2 full): readable-only lists and kind filters;
 * - `fold` (the folded title) and `row_newest` / `row_oldest`: a headline-only entry is a list row
 *   only when it is the first of its title in that order (search/headline-folds.ts's rule), so a
 *   folded list is a plain indexed range, paged by SQL;
 * - `day` (the archive day): the timeline's counts (`day_stats`, below);
 * - `seq`: a change sequence number, so the search index catches up from where it stopped.
 *
 * `day_stats` holds the lists' counts per day, kept by triggers as rows are written: the totals and
 * the timeline are read from a few thousand rows instead of counting millions at every open.
 */
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Bump with a migration step in `openCatalogDb` when the tables change. */
export const SCHEMA_VERSION = 2;

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (
  sid INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  sha256 TEXT,
  duplicate_of TEXT,
  folder TEXT NOT NULL DEFAULT '',
  articles INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_list ON sources(status <> 'rejected', folder, path) WHERE status <> 'pending';
CREATE INDEX IF NOT EXISTS sources_folder ON sources(folder) WHERE status <> 'pending';
CREATE INDEX IF NOT EXISTS sources_sha ON sources(sha256) WHERE status = 'imported';
CREATE INDEX IF NOT EXISTS sources_duplicate ON sources(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE TABLE IF NOT EXISTS articles (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  title TEXT NOT NULL,
  published TEXT,
  day TEXT,
  fold TEXT NOT NULL,
  body_ref TEXT,
  row_newest INTEGER NOT NULL DEFAULT 1,
  row_oldest INTEGER NOT NULL DEFAULT 1,
  seq INTEGER NOT NULL,
  meta TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_body ON articles(body_ref) WHERE body_ref IS NOT NULL;
CREATE TABLE IF NOT EXISTS article_sources (
  sid INTEGER NOT NULL,
  rid INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  PRIMARY KEY (sid, rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_sources_rid ON article_sources(rid, pos);
CREATE TABLE IF NOT EXISTS removed (id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS removed_seq ON removed(seq);
CREATE TABLE IF NOT EXISTS bodies (ref TEXT PRIMARY KEY, data BLOB NOT NULL);
`;

/**
 * The articles' id index. A catalog made before it was an index of its own has it as the column's
 * UNIQUE constraint (`sqlite_autoindex_articles_1`), which cannot be dropped; a first bulk import
 * into an empty catalog makes the table again without it (bulk-import.ts), so that it can leave the
 * index to its end.
 */
export const ID_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS articles_id ON articles(id);';

/** Whether the articles table has its ids' index as a constraint (a catalog of an older layout). */
export function idConstraint(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_autoindex_articles_1'").get();
}

/** An empty articles table of the older layout made again in this one (its indexes with it). */
export function remakeArticles(db: Db): void {
  db.exec('DROP TABLE articles');
  db.exec(TABLES);
}

/**
 * Per archive day ('' for none): readable articles, list rows (readable ones and the first headline
 * of each title, newest first) and of those the headlines. A row's part is taken out as it was and
 * put back as it is on every write that changes it. (A day's row is added by a guarded INSERT, not
 * INSERT OR IGNORE: an outer statement's conflict policy would override the trigger's.)
 */
const DAY_STATS_TABLE = `
CREATE TABLE IF NOT EXISTS day_stats (
  day TEXT PRIMARY KEY,
  readable INTEGER NOT NULL DEFAULT 0,
  listed INTEGER NOT NULL DEFAULT 0,
  headlines INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;

/** The day counts of every row there is (a schema-1 catalog's first open; the end of a bulk import). */
export const COUNT_DAYS = `DELETE FROM day_stats;
  INSERT INTO day_stats (day, readable, listed, headlines)
  SELECT coalesce(day, ''), sum(kind > 0), sum(row_newest = 1), sum(kind = 0 AND row_newest = 1)
  FROM articles GROUP BY 1`;

/** How many articles each source gives, counted from the links (the end of a bulk import). */
export const COUNT_SOURCE_ARTICLES = `UPDATE sources
  SET articles = (SELECT count(*) FROM article_sources l WHERE l.sid = sources.sid)`;

const DAY_STATS_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS day_stats_added AFTER INSERT ON articles BEGIN
  INSERT INTO day_stats (day) SELECT coalesce(NEW.day, '')
    WHERE NOT EXISTS (SELECT 1 FROM day_stats WHERE day = coalesce(NEW.day, ''));
  UPDATE day_stats SET readable = readable + (NEW.kind > 0), listed = listed + (NEW.row_newest = 1),
    headlines = headlines + (NEW.kind = 0 AND NEW.row_newest = 1) WHERE day = coalesce(NEW.day, '');
END;
CREATE TRIGGER IF NOT EXISTS day_stats_removed AFTER DELETE ON articles BEGIN
  UPDATE day_stats SET readable = readable - (OLD.kind > 0), listed = listed - (OLD.row_newest = 1),
    headlines = headlines - (OLD.kind = 0 AND OLD.row_newest = 1) WHERE day = coalesce(OLD.day, '');
END;
CREATE TRIGGER IF NOT EXISTS day_stats_changed AFTER UPDATE OF kind, row_newest, day ON articles BEGIN
  UPDATE day_stats SET readable = readable - (OLD.kind > 0), listed = listed - (OLD.row_newest = 1),
    headlines = headlines - (OLD.kind = 0 AND OLD.row_newest = 1) WHERE day = coalesce(OLD.day, '');
  INSERT INTO day_stats (day) SELECT coalesce(NEW.day, '')
    WHERE NOT EXISTS (SELECT 1 FROM day_stats WHERE day = coalesce(NEW.day, ''));
  UPDATE day_stats SET readable = readable + (NEW.kind > 0), listed = listed + (NEW.row_newest = 1),
    headlines = headlines + (NEW.kind = 0 AND NEW.row_newest = 1) WHERE day = coalesce(NEW.day, '');
END;
`;

/** Schema 1 to 2: the day counts, counted once from the rows there are. */
function addDayStats(db: Db): void {
  db.transaction(() => {
    if (Number(db.pragma('user_version', { simple: true })) >= 2) return; // another process did it
    db.exec(DAY_STATS_TABLE);
    db.exec(DAY_STATS_TRIGGERS);
    db.exec(COUNT_DAYS);
    db.pragma('user_version = 2');
  }).immediate();
}

/**
 * The folded lists' index. Both orders read it, one of them backwards (newest first is oldest first
 * reversed, ties included): one sort at a bulk import's end where there were two (2.4 GB and a pass
 * over the table each at a million pages). The flags are in it so that a list's filter and its
 * OFFSET are read from the index alone; rid is in it before them so that they do not change the order.
 */
export const ROWS_INDEX = 'articles_rows';
export const ROWS_INDEX_SQL = `CREATE INDEX IF NOT EXISTS ${ROWS_INDEX}
  ON articles(published, title, rid, row_newest, row_oldest) WHERE row_newest = 1 OR row_oldest = 1;`;

/**
 * What the lists and the search index's feed read but an import does not, kept as rows are written:
 * the lists' indexes, the fold index, the day counts' and the sources' article counts' triggers. A
 * bulk import drops all of it and builds it once at its end (bulk-import.ts): sorting 3 million rows
 * once is several times cheaper than keeping these in order row by row.
 */
export const LIST_INDEXES = `
${ROWS_INDEX_SQL}
CREATE INDEX IF NOT EXISTS articles_readable ON articles(published, title) WHERE kind > 0;
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
`;

/**
 * The lists' indexes of earlier catalogs, one per order, replaced by articles_rows and
 * articles_readable read backwards. A catalog that has them gets the new one built off the main
 * thread (list-index-upgrade.ts): they serve the lists meanwhile, and go in the same transaction.
 */
export const SUPERSEDED_INDEXES = ['articles_newest', 'articles_oldest', 'articles_readable_newest'];

/** Whether this catalog still lists through earlier indexes (list-index-upgrade.ts builds the new). */
export function listsSuperseded(db: Db): boolean {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck();
  return !has.get(ROWS_INDEX) && SUPERSEDED_INDEXES.some((name) => has.get(name));
}

/**
 * Indexes earlier catalogs had and nothing reads: the timeline's days by index, before the day counts
 * (schema 2) took their place. Each cost every write its entry and a bulk import's end a sort (32 s
 * at a million pages). Dropped at open; an older Yuelan that opens the file makes them again.
 */
export const UNUSED_INDEXES = ['articles_day', 'articles_day_readable'];

/** The index a fold's members are found by (the list rows' rule, catalog-store.ts's refold). */
export const FOLD_INDEX = 'CREATE INDEX IF NOT EXISTS articles_fold ON articles(fold, kind);';

/** How many articles each source gave, kept by the links themselves (the Sources view sorts and
 * filters 100,000 files on it without counting links). */
const LINK_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS link_added AFTER INSERT ON article_sources
  BEGIN UPDATE sources SET articles = articles + 1 WHERE sid = NEW.sid; END;
CREATE TRIGGER IF NOT EXISTS link_removed AFTER DELETE ON article_sources
  BEGIN UPDATE sources SET articles = articles - 1 WHERE sid = OLD.sid; END;
`;

/** Everything a bulk import drops: created when missing (a no-op when present). */
export const DERIVED = FOLD_INDEX + LIST_INDEXES + LINK_TRIGGERS + DAY_STATS_TRIGGERS;

/** DERIVED one statement at a time. */
export function derivedStatements(): string[] {
  return DERIVED.split(/;\n(?=CREATE)/).map((statement) => statement.trim().replace(/;?$/, ';'));
}

/** The names of DERIVED's indexes and triggers. */
export const DERIVED_NAMES = [...DERIVED.matchAll(/(INDEX|TRIGGER) IF NOT EXISTS (\w+)/g)].map((m) => ({
  type: m[1] as 'INDEX' | 'TRIGGER',
  name: m[2]!,
}));

/** A file that is not a catalog SQLite can read (or not one at all): set aside, rebuilt from sources. */
export class CatalogFileUnreadable extends Error {}

/**
 * Open (creating when missing) a catalog file. WAL lets other processes read while one writes;
 * `synchronous = NORMAL` in WAL never corrupts the file on power loss (it may lose the last
 * commits, which a re-import restores: the catalog is derived data).
 */
/** SQLite's page cache for the catalog (negative: KiB). */
export const CACHE_KB = -65_536;

export function openCatalogDb(file: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Short: writers wait for each other asynchronously (CatalogStore.beginWrite), not in here,
    // which would block the event loop.
    db.pragma('busy_timeout = 50');
    db.pragma(`cache_size = ${CACHE_KB}`);
    // A WAL grown large by a bulk import (bulk-import.ts) is cut back after its next checkpoint.
    db.pragma('journal_size_limit = 67108864');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION)
      throw new CatalogFileUnreadable(`written by a newer Yuelan (schema ${version})`);
    db.exec(TABLES);
    if (version < 2) addDayStats(db);
    else db.exec(DAY_STATS_TABLE);
    // Missing parts are built (an older layout); during a bulk import they stay to its end.
    if (!db.prepare("SELECT 1 FROM meta WHERE key = 'bulk'").get()) {
      if (!idConstraint(db)) db.exec(ID_INDEX);
      // A catalog listing through the earlier indexes keeps them until the new one is built, which
      // at a million pages takes a minute: not here, where it would hold up the app's start.
      const upgrade = listsSuperseded(db);
      for (const statement of derivedStatements())
        if (!upgrade || statement !== ROWS_INDEX_SQL) db.exec(statement);
      dropUnused(db, !upgrade);
    }
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code ?? '';
    if (err instanceof CatalogFileUnreadable) throw err;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new CatalogFileUnreadable((err as Error).message);
    throw err;
  }
}

/**
 * Drops UNUSED_INDEXES where they are (a no-op, and no write, where they are not), and with
 * `superseded` SUPERSEDED_INDEXES too.
 */
export function dropUnused(db: Db, superseded: boolean): void {
  for (const name of [...UNUSED_INDEXES, ...(superseded ? SUPERSEDED_INDEXES : [])])
    db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export const KIND_CODE = { headline: 0, brief: 1, full: 2 } as const;
export const KIND_NAME = ['headline', 'brief', 'full'] as const;
