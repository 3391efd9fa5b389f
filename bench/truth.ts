/**
 * Exact-substring truth, what recall is measured against (the bench and the recall test): the articles
 * holding the folded query (spaces and punctuation ignored) inside one field or one body block.
 */
import type { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { foldFast, searchKey } from '../src-main/archive/search/search-text.js';
import type { TextDoc } from './bench-docs.js';

/** Per query, the ids of the articles that hold it exactly. */
export async function exactTruthOfDocs(
  docs: AsyncIterable<TextDoc> | Iterable<TextDoc>,
  queries: string[],
): Promise<Map<string, string[]>> {
  const keys = queries.map((q) => ({ q, key: searchKey(foldFast(q)), ids: [] as string[] }));
  for await (const d of docs) {
    const fields = [d.title, d.label ?? '', d.snippet ?? '', d.byline ?? '', ...d.blocks].map((f) =>
      searchKey(foldFast(f)),
    );
    for (const k of keys) if (fields.some((f) => f.includes(k.key))) k.ids.push(d.id);
  }
  return new Map(keys.map((k) => [k.q, k.ids]));
}

/** The same over a catalog opened in this process (the recall test's small archives). */
export async function exactTruth(catalog: CatalogStore, queries: string[]): Promise<Map<string, string[]>> {
  async function* docs(): AsyncGenerator<TextDoc> {
    for (const a of [...catalog.storedArticles()]) {
      const body = a.bodyRef ? await catalog.getBody(a.id) : undefined;
      yield {
        id: a.id,
        title: a.title,
        ...(a.label ? { label: a.label } : {}),
        ...(a.snippet ? { snippet: a.snippet } : {}),
        ...(a.byline ? { byline: a.byline } : {}),
        blocks: body?.blocks.map((b) => b.text) ?? [],
      };
    }
  }
  return exactTruthOfDocs(docs(), queries);
}
