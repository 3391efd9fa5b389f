/**
 * The HTML extractor's bench: accuracy on the fixture table (tests/fixtures/html/expectations.json)
 * and throughput in MB/s of HTML, for the engine Yuelan uses (Readability) and the one it was
 * measured against (Defuddle). `npx tsx bench/html-extract.ts` prints both; `bench/run.ts` can call
 * `benchHtmlExtract()` for the HTML row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Defuddle from 'defuddle';
import { readabilityRoot, type ArticleRootFinder } from '../src-main/archive/ingest/html/body-engine.js';
import { parseDocument, type DomElement } from '../src-main/archive/ingest/html/dom.js';
import { extractWith } from '../src-main/archive/ingest/html/extract-article.js';
import type { Expect } from '../tests/fixtures/html/gen/types.js';

const DIR = join(import.meta.dirname, '..', 'tests', 'fixtures', 'html');

export type BodyEngine = 'readability' | 'defuddle';

/** Defuddle (measured against Readability; not shipped): its content re-parsed into an element. */
const defuddleRoot: ArticleRootFinder = (doc, url) => {
  // A placeholder address: Defuddle picks site-specific extractors by URL and rejects none.
  const result = new Defuddle(doc as never, {
    url: url ?? 'https://localhost/',
    removeImages: false,
  }).parse();
  if (!result.content) return undefined;
  return (parseDocument(`<!DOCTYPE html><html><body>${result.content}</body></html>`).body ?? undefined) as
    DomElement | undefined;
};

const FINDERS: Record<BodyEngine, ArticleRootFinder> = {
  readability: readabilityRoot,
  defuddle: defuddleRoot,
};

interface Row {
  file: string;
  url?: string;
  charsetHint?: string;
  expect: Expect;
}

export interface HtmlBenchResult {
  engine: BodyEngine;
  /** Fixture pages whose every expected value came out exactly. */
  exactPages: number;
  pages: number;
  /** Body checks (first and last paragraph, every must-stay-out string) that held, of all. */
  bodyChecks: { right: number; total: number };
  /** MB of HTML per CPU second over the fixture pages, and over one large, dense article page (~1 MB). */
  fixtureMBps: number;
  largePageMBps: number;
}

function rows(): Row[] {
  return (JSON.parse(readFileSync(join(DIR, 'expectations.json'), 'utf8')) as { articles: Row[] }).articles;
}

function pageBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, 'pages', file)));
}

function score(engine: BodyEngine): Pick<HtmlBenchResult, 'exactPages' | 'pages' | 'bodyChecks'> {
  let exactPages = 0;
  const bodyChecks = { right: 0, total: 0 };
  const all = rows();
  for (const row of all) {
    const r = extractWith(
      pageBytes(row.file),
      { url: row.url, charsetHint: row.charsetHint },
      FINDERS[engine],
    );
    const w = row.expect;
    const checks: boolean[] = [];
    if (!r.ok) {
      bodyChecks.total += 2 + w.absent.length;
      continue;
    }
    const ps = r.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
    const body = r.blocks.map((b) => b.text).join('\n');
    const bodyOk = [
      ps[0] === w.first,
      ps[ps.length - 1] === w.last,
      ...w.absent.map((s) => !body.includes(s)),
    ];
    bodyChecks.total += bodyOk.length;
    bodyChecks.right += bodyOk.filter(Boolean).length;
    checks.push(
      ...bodyOk,
      r.title === w.title,
      r.publishedAt === w.publishedAt,
      r.byline === w.byline,
      r.editor === w.editor,
      r.source === w.source,
      JSON.stringify(r.part) === JSON.stringify(w.part),
    );
    if (checks.every(Boolean)) exactPages++;
  }
  return { exactPages, pages: all.length, bodyChecks };
}

/**
 * MB of HTML per second of this process's CPU time (the machine is shared: wall time would measure
 * the neighbours), after one warm-up pass.
 */
function throughput(engine: BodyEngine, pages: Uint8Array[], minSeconds: number): number {
  for (const p of pages) extractWith(p, {}, FINDERS[engine]);
  let bytes = 0;
  const c0 = process.cpuUsage();
  const cpu = (): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  do {
    for (const p of pages) {
      extractWith(p, {}, FINDERS[engine]);
      bytes += p.length;
    }
  } while (cpu() < minSeconds);
  return bytes / 1e6 / cpu();
}

/** A long article (the first fixture's paragraphs repeated to ~1 MB) in a portal's layout. */
function largePage(): Uint8Array {
  const html = readFileSync(join(DIR, 'pages', 'people-culture.html'), 'utf8');
  const m = /<div class="rm_txt_con cf">([\s\S]*?)<div class="edit/.exec(html);
  const chunk = m ? m[1]! : '';
  const body = Array.from({ length: Math.ceil(1_000_000 / Math.max(1, chunk.length)) }, () => chunk).join(
    '\n',
  );
  return new TextEncoder().encode(html.replace(chunk, body));
}

export function benchHtmlExtract(engine: BodyEngine = 'readability', minSeconds = 2): HtmlBenchResult {
  const pages = rows().map((r) => pageBytes(r.file));
  return {
    engine,
    ...score(engine),
    fixtureMBps: round(throughput(engine, pages, minSeconds)),
    largePageMBps: round(throughput(engine, [largePage()], minSeconds)),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const engine of ['readability', 'defuddle'] as const) {
    const r = benchHtmlExtract(engine);
    console.log(
      `${engine.padEnd(12)} exact pages ${r.exactPages}/${r.pages}  body checks ${r.bodyChecks.right}/${r.bodyChecks.total}  ` +
        `fixtures ${r.fixtureMBps} MB/s  large page ${r.largePageMBps} MB/s`,
    );
  }
}
