/**
 * The engines the bench compares, behind one small interface: Yuelan (the data folder opened as the
 * app opens it), plain fuse.js over every article, MiniSearch and FlexSearch (both with Yuelan's
 * folding and CJK bigram tokens, so they differ in engine, not in normalisation). The other engines
 * read the articles from the bench's text dump (bench-docs.ts), not from Yuelan's catalog.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { CP_SPAN, foldFast, tokenize } from '../src-main/archive/search/search-text.js';
import { loadDocs, type BenchDoc } from './bench-docs.js';
import { buildFlex, exportFlex, hasFlexExport, importFlex } from './flex-engine.js';

export const ENGINES = ['yuelan', 'fuse', 'minisearch', 'flexsearch'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface Engine {
  /** Top `limit` ids. */
  search(q: string, limit: number): Promise<string[]>;
  /** Every matching id (for recall). */
  searchAll(q: string): Promise<string[]>;
  /** Write the engine's own persisted form (FlexSearch's export to `flexDir`); returns its bytes. */
  persist?(): number;
}

export interface EngineOptions {
  /** The articles as text (JSON lines from bench-docs.ts), for the engines other than Yuelan. */
  docs?: string;
  /** Build from scratch: Yuelan's index removed first; FlexSearch built, not imported. */
  fresh: boolean;
  /** Where FlexSearch's export lives: written by `persist()`, read on a cold start. */
  flexDir?: string;
}

/** Yuelan's folding and tokens, as strings. */
export function bigramTokens(text: string): string[] {
  const t = tokenize(foldFast(text));
  const out = t.grams.map((g) =>
    g < CP_SPAN ? String.fromCodePoint(g) : String.fromCodePoint(Math.floor(g / CP_SPAN), g % CP_SPAN),
  );
  return out.concat(t.words);
}

async function docsOf(options: EngineOptions): Promise<BenchDoc[]> {
  if (!options.docs) throw new Error('this engine reads the articles from --docs FILE');
  return loadDocs(options.docs);
}

export async function openEngine(name: EngineName, dataDir: string, options: EngineOptions): Promise<Engine> {
  if (name === 'yuelan') {
    // The index is the data folder's `search/` (rebuilt by opening when missing).
    if (options.fresh) await rm(join(dataDir, 'search'), { recursive: true, force: true });
    const core = await ArchiveCore.open(dataDir);
    return {
      search: async (q, limit) => (await core.search.search({ q, limit })).hits.map((h) => h.article.id),
      searchAll: (q) => core.search.searchIds({ q }),
    };
  }
  if (name === 'flexsearch' && !options.fresh && options.flexDir && hasFlexExport(options.flexDir))
    return importFlex(options.flexDir);
  const docs = await docsOf(options);
  if (name === 'fuse') {
    const fuse = new Fuse(docs, {
      keys: [
        { name: 'title', weight: 3 },
        { name: 'snippet', weight: 2 },
        { name: 'body', weight: 1 },
      ],
      ignoreLocation: true,
      threshold: 0.4,
    });
    return {
      search: async (q, limit) => fuse.search(q, { limit }).map((r) => r.item.id),
      searchAll: async (q) => fuse.search(q).map((r) => r.item.id),
    };
  }
  if (name === 'minisearch') {
    const ms = new MiniSearch<BenchDoc>({
      fields: ['title', 'snippet', 'body'],
      tokenize: bigramTokens,
      processTerm: (t) => t,
      searchOptions: { combineWith: 'AND', boost: { title: 3, snippet: 2 } },
    });
    ms.addAll(docs);
    return {
      search: async (q, limit) =>
        ms
          .search(q)
          .slice(0, limit)
          .map((r) => r.id as string),
      searchAll: async (q) => ms.search(q).map((r) => r.id as string),
    };
  }
  const { engine, flex, ids } = buildFlex(docs);
  const dir = options.flexDir;
  return dir ? { ...engine, persist: () => exportFlex(flex, ids, dir) } : engine;
}
