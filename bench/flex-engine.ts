/**
 * FlexSearch as the bench runs it: Yuelan's folding and CJK bigram tokens, title, snippet and body in
 * one field. Its cold start is FlexSearch's own persistence, as an app built on it would start: the
 * index written with `export` once after the build, read back with `import` (no rebuild, no catalog),
 * with the position → article id table beside it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Index as FlexIndex } from 'flexsearch';
import type { BenchDoc } from './bench-docs.js';
import { bigramTokens, type Engine } from './engines.js';

const PARTS = 'parts.json';
const IDS = 'ids.json';

function newIndex(): FlexIndex {
  return new FlexIndex({ tokenize: 'strict', encode: bigramTokens });
}

function asEngine(flex: FlexIndex, ids: string[]): Engine {
  return {
    search: async (q, limit) => (flex.search(q, { limit }) as number[]).map((i) => ids[i]!),
    searchAll: async (q) => (flex.search(q, { limit: ids.length }) as number[]).map((i) => ids[i]!),
  };
}

export function buildFlex(docs: BenchDoc[]): { engine: Engine; flex: FlexIndex; ids: string[] } {
  const flex = newIndex();
  docs.forEach((d, i) => flex.add(i, `${d.title}\n${d.snippet}\n${d.body}`));
  const ids = docs.map((d) => d.id);
  return { engine: asEngine(flex, ids), flex, ids };
}

/** Write the index with FlexSearch's export (one file per part) and the id table; returns bytes. */
export function exportFlex(flex: FlexIndex, ids: string[], dir: string): number {
  mkdirSync(dir, { recursive: true });
  const keys: string[] = [];
  let bytes = 0;
  flex.export((key: string, data: string) => {
    const file = `part-${keys.length}.json`;
    writeFileSync(join(dir, file), data);
    keys.push(key);
    bytes += Buffer.byteLength(data);
  });
  writeFileSync(join(dir, IDS), JSON.stringify(ids));
  writeFileSync(join(dir, PARTS), JSON.stringify(keys));
  return bytes + Buffer.byteLength(JSON.stringify(ids));
}

export function hasFlexExport(dir: string): boolean {
  return existsSync(join(dir, PARTS));
}

/** The index read back with FlexSearch's import, as a fresh process would start. */
export function importFlex(dir: string): Engine {
  const flex = newIndex();
  const keys = JSON.parse(readFileSync(join(dir, PARTS), 'utf8')) as string[];
  keys.forEach((key, i) => flex.import(key, readFileSync(join(dir, `part-${i}.json`), 'utf8')));
  return asEngine(flex, JSON.parse(readFileSync(join(dir, IDS), 'utf8')) as string[]);
}
