/**
 * The bookkeeping of one import run: which source stands for which content, which articles each file
 * gave, how an article is rebuilt from every file that mentions it (its richest form wins), and the
 * counts of the report. import-files.ts reads and judges the files; this merges what they gave.
 */
import type { ArticleKind, ImportReport, SourceRecord } from '../model.js';
import { idOf } from './article-id.js';
import type { StoredArticle } from '../catalog/article-rows.js';
import type { CatalogStore } from '../catalog/catalog-store.js';
import { syncOriginals } from '../catalog/originals-store.js';
import type { ParsedArticle } from './parsed-page.js';
import type { ParsePool } from './parse-pool.js';
import type { ImportOptions } from './import-files.js';
import { bodyRefOf, bodyRefsOf, isBodyOf } from './import-pages.js';
import { loadSource, parseSource } from './source-load.js';

export const KIND_RANK: Record<ArticleKind, number> = { headline: 0, brief: 1, full: 2 };

/** One article as one file gave it. */
export interface Contribution {
  path: string;
  sha: string;
  article: ParsedArticle;
}

export interface RunState {
  catalog: CatalogStore;
  options: Required<Omit<ImportOptions, 'signal' | 'parser' | 'bulkFiles'>>;
  parser: ParsePool;
  report: ImportReport;
  /** Article states before this run touched them (undefined: did not exist), for the report's counts. */
  before: Map<string, StoredArticle | undefined>;
  /** Body files that may have lost every reference; checked after the next flush. */
  staleBodies: Set<string>;
  /** Parsed contents of other sources, read when an article must be recomputed without a file. */
  parsedCache: Map<string, Map<string, ParsedArticle> | null>;
  /** Originals (their keys) this run has already made durable (see `flushBatch`). */
  syncedOriginals?: Set<string>;
  /** The catalog's article mark when this run began: articles past it are this run's (countArticles). */
  firstNew?: number;
}

/** The imported source with this content, if any (an indexed query: a run holds no table of them). */
export function importedPathOf(state: RunState, sha: string): string | undefined {
  return state.catalog.importedPathBySha(sha);
}

export function setSource(state: RunState, record: SourceRecord): void {
  state.catalog.putSource(record);
}

export function dropSource(state: RunState, path: string): void {
  state.catalog.deleteSource(path);
}

/** An unchanged file needs no work if it is imported, or a duplicate of a file still imported. */
export function isCurrent(catalog: CatalogStore, record: SourceRecord): boolean {
  if (record.status === 'imported') return true;
  if (record.status !== 'duplicate' || !record.duplicateOf) return false;
  const original = catalog.getSource(record.duplicateOf);
  return original?.status === 'imported' && original.sha256 === record.sha256;
}

/** A page's articles keyed by id; two entries of one page with the same id merge (richest wins). */
export function byId(articles: ParsedArticle[]): Map<string, ParsedArticle> {
  const out = new Map<string, ParsedArticle>();
  for (const a of articles) {
    const id = idOf(a);
    const have = out.get(id);
    if (!have || KIND_RANK[a.kind] > KIND_RANK[have.kind]) out.set(id, a);
  }
  return out;
}

/** Keep the article as it was before this run touched it; returns it as it is now. */
export function remember(state: RunState, id: string): StoredArticle | undefined {
  if (state.before.has(id)) return state.catalog.getStored(id);
  const a = state.catalog.getStored(id);
  state.before.set(id, a && { ...a, sources: [...a.sources] });
  return a;
}

/** Add one file's form of an article: a richer form upgrades it, otherwise the file joins its sources. */
export function attach(state: RunState, id: string, c: Contribution): void {
  const existing = remember(state, id);
  if (!existing) {
    state.catalog.putArticle(fromContribution(id, c, [c.path]), c.article.fold);
    return;
  }
  const sources = existing.sources.includes(c.path) ? existing.sources : [...existing.sources, c.path];
  if (KIND_RANK[c.article.kind] > KIND_RANK[existing.kind]) {
    state.catalog.putArticle(fromContribution(id, c, sources), c.article.fold);
  } else if (sources !== existing.sources) {
    state.catalog.putArticle({ ...existing, sources });
  }
}

/** What a saved page adds to an article's metadata (small: pictures and blocks live in its body). */
const SAVED_PAGE_FIELDS = [
  'format',
  'publishedPrecision',
  'timeCue',
  'url',
  'capturedAt',
  'source',
  'editor',
  'part',
  'original',
] as const satisfies readonly (keyof ParsedArticle & keyof StoredArticle)[];

export function fromContribution(id: string, c: Contribution, sources: string[]): StoredArticle {
  const a = c.article;
  const out: StoredArticle = { id, title: a.title, kind: a.kind, sources };
  if (a.label) out.label = a.label;
  if (a.publishedAt) out.publishedAt = a.publishedAt;
  if (a.byline) out.byline = a.byline;
  if (a.snippet) out.snippet = a.snippet;
  if (a.titleInferred) out.titleInferred = true;
  if (a.titleCue?.length) out.titleCue = a.titleCue;
  for (const key of SAVED_PAGE_FIELDS) if (a[key] !== undefined) Object.assign(out, { [key]: a[key] });
  if (a.kind === 'full' && (a.blocks || a.bodyKept)) out.bodyRef = bodyRefOf(c.sha, a);
  return out;
}

/**
 * Take a file out of every article it gave. An article left without sources goes; one whose richer
 * form may have come from this file is rebuilt from its remaining source files.
 */
export async function detach(state: RunState, record: SourceRecord): Promise<void> {
  const { catalog } = state;
  for (const ref of bodyRefsOf(record)) state.staleBodies.add(ref);
  for (const id of record.articleIds) {
    const existing = catalog.getStored(id);
    if (!existing || !existing.sources.includes(record.path)) continue;
    remember(state, id);
    const sources = existing.sources.filter((p) => p !== record.path);
    if (sources.length === 0) {
      catalog.deleteArticle(id);
      continue;
    }
    const mayHaveGivenIt =
      (existing.kind === 'full' && isBodyOf(existing.bodyRef, record.sha256)) || existing.kind === 'brief';
    if (!mayHaveGivenIt) {
      catalog.putArticle({ ...existing, sources });
      continue;
    }
    await rebuild(state, id, existing, sources);
  }
}

/** Recompute an article from its remaining sources, re-reading their files (the source of truth). */
export async function rebuild(
  state: RunState,
  id: string,
  existing: StoredArticle,
  sources: string[],
): Promise<void> {
  // Without any richer form on disk it is at least the headline every source agrees on.
  const base: StoredArticle = { id, title: existing.title, kind: 'headline', sources };
  if (existing.label) base.label = existing.label;
  if (existing.publishedAt) base.publishedAt = existing.publishedAt;
  if (existing.titleInferred) base.titleInferred = true;
  let best: StoredArticle = base;
  for (const path of sources) {
    const record = state.catalog.getSource(path);
    if (!record?.sha256) continue;
    const page = await parsedSource(state, record);
    const article = page?.get(id);
    if (article && KIND_RANK[article.kind] > KIND_RANK[best.kind]) {
      best = fromContribution(id, { path, sha: record.sha256, article }, sources);
    }
  }
  state.catalog.putArticle(best);
}

export async function parsedSource(
  state: RunState,
  record: SourceRecord,
): Promise<Map<string, ParsedArticle> | null> {
  const cached = state.parsedCache.get(record.path);
  if (cached !== undefined) return cached;
  let result: Map<string, ParsedArticle> | null = null;
  try {
    const load = await loadSource(record.path, { maxBytes: state.options.maxBytes, force: true });
    // A file changed since its import is not what the catalog knows: its next import will tell.
    if (load.ok === true && load.source.sha === record.sha256) {
      const parsed = await parseSource(state.parser, record.path, load.source, state.catalog.dataDir);
      if (parsed.ok) result = byId(parsed.page.articles);
    }
  } catch {
    result = null;
  }
  state.parsedCache.set(record.path, result);
  return result;
}

/**
 * Flush the batch's metadata, after the originals it names are on disk: the parse workers write them
 * without an fsync each (originals-store.ts), and every article this run touched is looked at here.
 */
export async function flushBatch(state: RunState): Promise<void> {
  const synced = (state.syncedOriginals ??= new Set());
  const keys: string[] = [];
  for (const id of state.before.keys()) {
    const key = state.catalog.originalOf(id);
    if (key && !synced.has(key)) keys.push(key);
  }
  await syncOriginals(state.catalog.dataDir, keys);
  for (const key of keys) synced.add(key);
  for (const ref of state.staleBodies)
    if (!state.catalog.bodyInUse(ref)) await state.catalog.removeBodies(ref);
  state.staleBodies.clear();
  countArticles(state);
  // Files re-read for a rebuild are kept for one batch only: memory stays bounded by the batch.
  state.parsedCache.clear();
  await state.catalog.flush();
}

/**
 * Count the batch's articles into the report and forget them (an archive of millions must not keep
 * every article it touched). An article new in this run is counted once, as added, in the batch
 * that made it; one that existed before counts in the batch that changed it.
 */
export function countArticles(state: RunState): void {
  const counts = state.report.articles;
  const mark = (state.firstNew ??= state.catalog.nextArticleMark());
  for (const [id, before] of state.before) {
    if (!before) {
      if (state.catalog.has(id)) counts.added++;
      continue;
    }
    // Added by an earlier batch of this run: counted then.
    if (state.catalog.addedSince(id, mark)) continue;
    const after = state.catalog.getStored(id);
    if (!after) continue;
    else if (KIND_RANK[after.kind] > KIND_RANK[before.kind]) counts.upgraded++;
    else if (changed(before, after)) counts.updated++;
  }
  state.before.clear();
}

export function changed(a: StoredArticle, b: StoredArticle): boolean {
  const sameSources = a.sources.length === b.sources.length && a.sources.every((p) => b.sources.includes(p));
  return (
    !sameSources ||
    a.kind !== b.kind ||
    a.title !== b.title ||
    a.label !== b.label ||
    a.snippet !== b.snippet ||
    a.byline !== b.byline ||
    a.bodyRef !== b.bodyRef
  );
}
