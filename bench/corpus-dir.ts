/**
 * A generated corpus on disk, written once and reused (`--corpus DIR`). Pages are written one at a
 * time (a million pages are never in memory), 1,000 to a folder. `corpus.json` names the parameters
 * and is written last: a folder with it is complete. While writing, `.progress.json` says how far the
 * writer got, so a run stopped part-way goes on from its last whole folder. Neither file is a page
 * (the importer reads `.txt` and the web formats only).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = 'corpus.json';
const PROGRESS = '.progress.json';
const PAGES_PER_FOLDER = 1000;

export interface CorpusOnDisk {
  dir: string;
  pages: number;
  bytes: number;
  /** False when a complete corpus with the same parameters was already there. */
  written: boolean;
  seconds: number;
}

interface Marker {
  params: unknown;
  pages: number;
  bytes: number;
}

function readJson(file: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function writeJsonAtomically(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

/** A corpus folder that cannot be used as asked (another corpus, or other files, in it). */
export class CorpusError extends Error {}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Where page `p` lives: `0012/p0012345.txt`. */
export function pagePath(dir: string, p: number): string {
  return join(
    dir,
    String(Math.floor(p / PAGES_PER_FOLDER)).padStart(4, '0'),
    `p${String(p).padStart(7, '0')}.txt`,
  );
}

/**
 * The corpus described by `params` (which must include `pages`) in `dir`: reused when complete,
 * continued when a run stopped part-way, written otherwise. A folder holding another corpus, or files
 * that are not one, is refused rather than overwritten.
 */
export function ensureCorpus<P extends { pages: number }>(
  dir: string,
  params: P,
  page: (p: number) => string,
  log: (line: string) => void = () => undefined,
): CorpusOnDisk {
  const t0 = performance.now();
  const marker = readJson(join(dir, MARKER));
  if (marker) {
    if (!same(marker.params, params))
      throw new CorpusError(
        `${dir} holds another corpus (${JSON.stringify(marker.params)}); give an empty folder or the same parameters`,
      );
    return { dir, pages: marker.pages, bytes: marker.bytes, written: false, seconds: 0 };
  }
  let next = 0;
  let bytes = 0;
  const progress = readJson(join(dir, PROGRESS)) as (Marker & { next: number }) | undefined;
  if (progress && same(progress.params, params)) {
    ({ next, bytes } = progress);
    log(`continuing the corpus in ${dir} at page ${next}`);
  } else if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CorpusError(
      `${dir} is not empty and holds no corpus of these parameters; give an empty folder`,
    );
  }
  mkdirSync(dir, { recursive: true });
  let lastLog = performance.now();
  for (let p = next; p < params.pages; p++) {
    if (p % PAGES_PER_FOLDER === 0) {
      if (p > next)
        writeJsonAtomically(join(dir, PROGRESS), { params, pages: p, bytes, next: p } satisfies Marker & {
          next: number;
        });
      mkdirSync(join(dir, String(p / PAGES_PER_FOLDER).padStart(4, '0')), { recursive: true });
      if (performance.now() - lastLog > 10_000) {
        log(`  corpus: ${p} of ${params.pages} pages, ${(bytes / 1e6).toFixed(0)} MB`);
        lastLog = performance.now();
      }
    }
    const buf = Buffer.from(page(p), 'utf8');
    bytes += buf.length;
    writeFileSync(pagePath(dir, p), buf);
  }
  writeJsonAtomically(join(dir, MARKER), { params, pages: params.pages, bytes } satisfies Marker);
  rmSync(join(dir, PROGRESS), { force: true });
  return { dir, pages: params.pages, bytes, written: true, seconds: (performance.now() - t0) / 1000 };
}
