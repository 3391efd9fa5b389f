/**
 * Every article of an imported data folder as plain text, read once through the app's own contract
 * (`archive:list`, `archive:get`) and written as JSON lines. The other engines and the recall truth
 * read this file, so none of them depends on how the catalog stores its articles.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ArchiveCore } from '../src-main/archive/archive-core.js';
import { call, invoker } from '../src-main/api/client.js';
import type { Channel, Request, Response } from '../src-main/api/contract.js';
import { createHandlers } from '../src-main/api/handlers.js';

/** A channel of the contract asked as the CLI asks it (validated requests, the same handlers). */
export type Ask = <C extends Channel>(channel: C, request: Request<C>) => Promise<Response<C>>;

export function asker(core: ArchiveCore): Ask {
  const invoke = invoker(createHandlers(core, 'bench'));
  return (channel, request) => call(invoke, channel, request);
}

/** One article's text fields; `blocks` are its body's blocks (paragraphs, headings, captions). */
export interface TextDoc {
  id: string;
  title: string;
  label?: string;
  snippet?: string;
  byline?: string;
  blocks: string[];
}

/** What the engines index: one string per field. */
export interface BenchDoc {
  id: string;
  title: string;
  snippet: string;
  body: string;
}

const PAGE = 100_000;

/** Every article id: the list's rows and, for a folded headline row, every entry it stands for. */
async function allIds(ask: Ask): Promise<string[]> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await ask('archive:list', { offset, limit: PAGE });
    for (const row of page.articles) {
      ids.add(row.id);
      if ('listings' in row) for (const l of row.listings ?? []) ids.add(l.id);
    }
    if (offset + PAGE >= page.total) break;
  }
  return [...ids];
}

/** Write every article of the data folder to `file` (JSON lines); returns how many. */
export async function dumpDocs(dataDir: string, file: string): Promise<number> {
  const core = await ArchiveCore.open(dataDir);
  const ask = asker(core);
  const out = createWriteStream(file);
  let n = 0;
  for (const id of await allIds(ask)) {
    const a = await ask('archive:get', { id });
    const doc: TextDoc = {
      id,
      title: a.title,
      ...(a.label ? { label: a.label } : {}),
      ...(a.snippet ? { snippet: a.snippet } : {}),
      ...(a.byline ? { byline: a.byline } : {}),
      blocks: a.blocks?.map((b) => b.text) ?? [],
    };
    if (!out.write(JSON.stringify(doc) + '\n')) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  await core.close();
  return n;
}

/** The dumped articles, one at a time. */
export async function* readDocs(file: string): AsyncGenerator<TextDoc> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as TextDoc;
}

/** The dumped articles as the engines index them. */
export async function loadDocs(file: string): Promise<BenchDoc[]> {
  const docs: BenchDoc[] = [];
  for await (const d of readDocs(file)) {
    docs.push({
      id: d.id,
      title: d.label ? `${d.label} ${d.title}` : d.title,
      snippet: d.snippet ?? '',
      body: [d.byline ?? '', ...d.blocks].join('\n'),
    });
  }
  return docs;
}
