/**
 * WACZ (Webrecorder, ArchiveWeb.page, browsertrix): a zip whose `pages/pages.jsonl` lists the pages
 * (one JSON object a line, with its `url`) and whose `archive/*.warc(.gz)` hold them. Read with yauzl,
 * which reads the zip's central directory and streams entries, never the whole file. A zip shaped like a
 * bomb is refused before anything is inflated: too many entries, an entry declaring more than the
 * limits below, or one that inflates more than RATIO_MAX times (yauzl also checks that no entry
 * inflates to more than it declared). WARCs stored uncompressed in the zip (the usual case: they are
 * gzip already) are read in place by offset; a deflated one is inflated to a temp file first.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { fileSource, urlKey, type ByteSource } from './warc.js';

/** Entries one WACZ may hold (the central directory is read whole). */
export const WACZ_MAX_ENTRIES = 10_000;
/** `pages/pages.jsonl` at most (a line a page: a million pages fit). */
export const PAGES_LIST_MAX_BYTES = 64 * 1024 * 1024;
/** One WARC inside at most. */
export const WACZ_WARC_MAX_BYTES = 64 * 1024 * 1024 * 1024;
/** A deflated entry inflating more than this many times its size is a bomb, not a web archive. */
export const RATIO_MAX = 100;

export interface WaczContents {
  warcs: { name: string; source: ByteSource }[];
  /** The URLs `pages/pages.jsonl` lists; undefined when it is missing (then every HTML page counts). */
  listed?: Set<string>;
  close(): Promise<void>;
}

export type WaczResult = { ok: true; wacz: WaczContents } | { ok: false; reason: string };

export async function openWacz(path: string): Promise<WaczResult> {
  let zip: ZipFile;
  try {
    zip = await openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (err) {
    return { ok: false, reason: `truncated: not a readable zip archive (${firstLine(err)})` };
  }
  const temps: string[] = [];
  const close = async (): Promise<void> => {
    zip.close();
    for (const t of temps) await rm(t, { recursive: true, force: true });
  };
  try {
    if (zip.entryCount > WACZ_MAX_ENTRIES) {
      await close();
      return { ok: false, reason: `too large: a zip of ${zip.entryCount} entries > ${WACZ_MAX_ENTRIES}` };
    }
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    const bomb = entries.find(isBombShaped);
    if (bomb) {
      await close();
      return { ok: false, reason: `too large: the zip entry ${bomb.fileName} is shaped like a zip bomb` };
    }
    const warcEntries = entries.filter((e) => /^archive\/[^/]+\.warc(?:\.gz)?$/i.test(e.fileName));
    const pagesEntry = entries.find((e) => e.fileName === 'pages/pages.jsonl');
    if (warcEntries.length === 0) {
      await close();
      return { ok: false, reason: 'binary: a zip archive without archive/*.warc (not a WACZ)' };
    }
    const warcs: WaczContents['warcs'] = [];
    for (const entry of warcEntries) {
      if (entry.compressionMethod === 0) {
        const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
        warcs.push({
          name: entry.fileName,
          source: fileSource(path, fileDataStart, fileDataStart + entry.compressedSize),
        });
      } else {
        const dir = await mkdtemp(join(tmpdir(), 'yuelan-wacz-'));
        temps.push(dir);
        const file = join(dir, 'entry.warc');
        await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(file));
        warcs.push({ name: entry.fileName, source: fileSource(file) });
      }
    }
    const contents: WaczContents = { warcs, close };
    if (pagesEntry) contents.listed = await readPagesList(zip, pagesEntry);
    return { ok: true, wacz: contents };
  } catch (err) {
    await close();
    return { ok: false, reason: `truncated: the zip archive is damaged (${firstLine(err)})` };
  }
}

function isBombShaped(e: Entry): boolean {
  // Entries never read (indexes, the data package) are judged by their shape only.
  if (/\.warc(?:\.gz)?$/i.test(e.fileName) && e.uncompressedSize > WACZ_WARC_MAX_BYTES) return true;
  if (e.fileName === 'pages/pages.jsonl' && e.uncompressedSize > PAGES_LIST_MAX_BYTES) return true;
  return (
    e.compressionMethod !== 0 &&
    e.uncompressedSize > 1024 * 1024 &&
    e.uncompressedSize > RATIO_MAX * e.compressedSize
  );
}

/** The page URLs of `pages/pages.jsonl` (its first line is a header object without `url`). */
async function readPagesList(zip: ZipFile, entry: Entry): Promise<Set<string>> {
  const urls = new Set<string>();
  const stream = await zip.openReadStreamPromise(entry);
  let rest = '';
  const decoder = new StringDecoder('utf8');
  const take = (line: string): void => {
    if (!line.trim()) return;
    try {
      const row = JSON.parse(line) as { url?: unknown };
      if (typeof row.url === 'string') urls.add(urlKey(row.url));
    } catch {
      /* a damaged line lists nothing */
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(rest + decoder.end());
  return urls;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}
