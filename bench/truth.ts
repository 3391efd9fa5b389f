/**
 * Exact-substring truth, what recall is measured against (the bench and the recall test): the articles
 * holding the folded query (spaces and punctuation ignored) inside one field or one body block.
 */
import type { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { foldFast, searchKey } from '../src-main/archive/search/search-text.js';

/** Per query, the ids of the articles that hold it exactly. */
export async function exactTruth(catalog: CatalogStore, queries: string[]): Promise<Map<string, string[]>> {
  const keys = queries.map((q) => ({ q, key: searchKey(foldFast(q)), ids: [] as string[] }));
  for (const a of [...catalog.storedArticles()]) {
    const body = a.bodyRef ? await catalog.getBody(a.id) : undefined;
    const fields = [
      a.title,
      a.label ?? '',
      a.snippet ?? '',
      a.byline ?? '',
      ...(body?.blocks.map((b) => b.text) ?? []),
    ].map((f) => searchKey(foldFast(f)));
    for (const k of keys) if (fields.some((f) => f.includes(k.key))) k.ids.push(a.id);
  }
  return new Map(keys.map((k) => [k.q, k.ids]));
}
