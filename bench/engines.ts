/**
 * The engines the bench compares, behind one small interface: Yuelan's SearchService, plain fuse.js
 * over every article, MiniSearch and FlexSearch (both with Yuelan's folding and CJK bigram tokens, so
 * they differ in engine, not in normalisation). Each builds from the catalog on disk.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { Index as FlexIndex } from 'flexsearch';
import { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { SearchService } from '../src-main/archive/search/search-service.js';
import { CP_SPAN, foldFast, tokenize } from '../src-main/archive/search/search-text.js';

export const ENGINES = ['yuelan', 'fuse', 'minisearch', 'flexsearch'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface Engine {
  /** Top `limit` ids. */
  search(q: string, limit: number): Promise<string[]>;
  /** Every matching id (for recall). */
  searchAll(q: string): Promise<string[]>;
}

export interface BenchDoc {
  id: string;
  title: string;
  snippet: string;
  body: string;
}

/** Every article as plain text fields, bodies read from the catalog's body files. */
export async function loadDocs(catalog: CatalogStore): Promise<BenchDoc[]> {
  const docs: BenchDoc[] = [];
  for (const a of [...catalog.storedArticles()]) {
    const body = a.bodyRef ? await catalog.getBody(a.id) : undefined;
    docs.push({
      id: a.id,
      title: a.label ? `${a.label} ${a.title}` : a.title,
      snippet: a.snippet ?? '',
      body: [a.byline ?? '', ...(body?.blocks.map((b) => b.text) ?? [])].join('\n'),
    });
  }
  return docs;
}

/** Yuelan's folding and tokens, as strings. */
export function bigramTokens(text: string): string[] {
  const t = tokenize(foldFast(text));
  const out = t.grams.map((g) =>
    g < CP_SPAN ? String.fromCodePoint(g) : String.fromCodePoint(Math.floor(g / CP_SPAN), g % CP_SPAN),
  );
  return out.concat(t.words);
}

export async function openEngine(name: EngineName, dataDir: string, fresh: boolean): Promise<Engine> {
  const catalog = await CatalogStore.open(dataDir);
  if (name === 'yuelan') {
    if (fresh) await rm(join(dataDir, 'search'), { recursive: true, force: true });
    const service = await SearchService.open(catalog, dataDir);
    return {
      search: async (q, limit) => (await service.search({ q, limit })).hits.map((h) => h.article.id),
      searchAll: (q) => service.searchIds({ q }),
    };
  }
  const docs = await loadDocs(catalog);
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
  const flex = new FlexIndex({ tokenize: 'strict', encode: bigramTokens });
  docs.forEach((d, i) => flex.add(i, `${d.title}\n${d.snippet}\n${d.body}`));
  return {
    search: async (q, limit) => (flex.search(q, { limit }) as number[]).map((i) => docs[i]!.id),
    searchAll: async (q) => (flex.search(q, { limit: docs.length }) as number[]).map((i) => docs[i]!.id),
  };
}
