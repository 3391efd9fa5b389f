/**
 * `npm run bench -- --saved-pages [--warc-mb N]`: the saved-page import (issue #12).
 *
 * 1. HTML: a folder of generated news pages (scripts, navigation, related links and an article of
 *    seed paragraphs, as real pages carry) imported with the real importer, parse worker included:
 *    MB of HTML per second through the whole import (goal ≥ 5 MB/s).
 * 2. WARC: a generated WARC of N MB (default 1024: pages and their pictures, one gzip member per
 *    record) imported in a fresh process; its peak RSS (main thread and parse worker together, from
 *    `process.resourceUsage().maxRSS`) is the figure (goal ≤ 600 MB).
 *
 * Writes bench/results-saved-pages.json. The pages come from the seed shuffled by the bench's seeded
 * generator, so every run reads the same bytes.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, deflateSync, crc32 } from 'node:zlib';
import { CatalogStore } from '../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../src-main/archive/ingest/import-files.js';
import { SEED, rng } from './corpus.js';

const RESULTS = join(import.meta.dirname, 'results-saved-pages.json');

async function seedParagraphs(): Promise<string[]> {
  const text = await readFile(SEED, 'utf8');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 40 && !l.endsWith('...'));
}

/** One generated news page: about `kb` KB of HTML, most of it page furniture, as on real sites. */
export function benchPage(
  paras: string[],
  r: () => number,
  n: number,
  kb: number,
  pictures: string[],
): string {
  const pick = (): string => paras[Math.floor(r() * paras.length)]!;
  const title = `${pick().slice(0, 18)}（第${n}篇）`;
  const day = 1 + (n % 28);
  const body = Array.from({ length: 12 }, pick)
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  const figures = pictures
    .map((src, i) => `<p><img src="${src}" alt="图${i + 1}"></p><p class="pic">图${i + 1}</p>`)
    .join('');
  const related = Array.from(
    { length: 20 },
    (_, i) => `<li><a href="/n/${n}-${i}.htm">${pick().slice(0, 20)}</a></li>`,
  ).join('');
  let html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_新华网</title>
<meta name="publishdate" content="2023-05-${String(day).padStart(2, '0')}">
<script>var cfg = ${JSON.stringify({ n, s: 'x'.repeat(200) })};</script><style>body{margin:0}</style></head>
<body><div class="nav"><a href="/">首页</a><a href="/politics/">时政</a><a href="/world/">国际</a></div>
<div class="main"><h1>${title}</h1><div class="info">2023-05-${String(day).padStart(2, '0')} 10:${String(n % 60).padStart(2, '0')}:00 来源：新华网</div>
<div id="detail">${figures}${body}</div><div class="editor">【责任编辑：王伟】</div></div>
<div class="related"><h3>相关新闻</h3><ul>${related}</ul></div>`;
  // Scripts pad the page to its size, as trackers and player code do on real pages.
  while (html.length < kb * 1024) html += `<script>/* ${'tracker();'.repeat(200)} */</script>\n`;
  return `${html}<div class="footer">Copyright 新华网 版权所有</div></body></html>`;
}

/** A PNG of about `bytes` bytes (stored, not compressed image data), distinct per seed. */
export function benchPng(seed: number, bytes: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const side = Math.max(2, Math.floor(Math.sqrt(bytes / 3)));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const r = rng(seed);
  const raw = Buffer.alloc(side * (side * 3 + 1));
  for (let i = 0; i < raw.length; i++) raw[i] = i % (side * 3 + 1) === 0 ? 0 : Math.floor(r() * 256);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function warcRecord(uri: string, contentType: string, payload: Buffer, n: number): Buffer {
  const http = Buffer.concat([
    Buffer.from(
      `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`,
    ),
    payload,
  ]);
  const head =
    `WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}>\r\n` +
    `WARC-Date: 2023-06-01T00:00:00Z\r\nWARC-Target-URI: ${uri}\r\nContent-Type: application/http; msgtype=response\r\n` +
    `Content-Length: ${http.length}\r\n\r\n`;
  return gzipSync(Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]), { level: 1 });
}

/** Write a WARC.gz of about `mb` MB: pages of 60 KB, each with three pictures of ~100 KB. */
async function writeWarc(
  path: string,
  mb: number,
  paras: string[],
): Promise<{ bytes: number; pages: number }> {
  const out = createWriteStream(path);
  const r = rng(12);
  let bytes = 0;
  let n = 0;
  let pages = 0;
  const write = (b: Buffer): Promise<void> =>
    new Promise((resolve) => (out.write(b) ? resolve() : out.once('drain', () => resolve())));
  while (bytes < mb * 1e6) {
    pages++;
    const base = `https://www.news.cn/2023/p${pages}`;
    const pics = [1, 2, 3].map((k) => `${base}-${k}.png`);
    const html = benchPage(paras, r, pages, 60, pics);
    for (const rec of [
      warcRecord(`${base}.htm`, 'text/html; charset=utf-8', Buffer.from(html), ++n),
      ...pics.map((u, k) => warcRecord(u, 'image/png', benchPng(pages * 10 + k, 100_000), ++n)),
    ]) {
      await write(rec);
      bytes += rec.length;
    }
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return { bytes, pages };
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}`))));
  });
}

export async function runSavedPagesBench(options: { warcMb: number; keep: boolean }): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'yuelan-bench-saved-'));
  const paras = await seedParagraphs();
  const results: Record<string, unknown> = { date: new Date().toISOString() };

  // 1. HTML pages through the whole import.
  const htmlDir = join(tmp, 'html');
  await mkdir(htmlDir);
  const r = rng(7);
  let htmlBytes = 0;
  for (let n = 1; n <= 400; n++) {
    const page = benchPage(paras, r, n, 40 + (n % 5) * 20, []);
    htmlBytes += Buffer.byteLength(page);
    await writeFile(join(htmlDir, `page-${n}.html`), page);
  }
  const catalog = await CatalogStore.open(join(tmp, 'data-html'));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await importPaths(catalog, [htmlDir]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  results.html = {
    pages: 400,
    MB: round(htmlBytes / 1e6),
    seconds: round(seconds),
    importMBps: round(htmlBytes / 1e6 / seconds),
    // The machine is shared: CPU time (main thread and parse workers) says what the import costs.
    cpuSeconds: round(cpuSeconds),
    loadAvg1m: round(loadavg()[0]!),
    files: report.files,
    articles: catalog.size,
  };
  console.log(`HTML: ${JSON.stringify(results.html)}`);

  // 2. A large WARC, imported in a process of its own: its peak RSS.
  const warc = join(tmp, 'big.warc.gz');
  const written = await writeWarc(warc, options.warcMb, paras);
  console.log(`WARC written: ${(written.bytes / 1e6).toFixed(0)} MB, ${written.pages} pages`);
  const child = JSON.parse(
    (await runChild(['bench/saved-import-run.ts', '--path', warc, '--data', join(tmp, 'data-warc')]))
      .trim()
      .split('\n')
      .pop()!,
  ) as Record<string, unknown>;
  results.warc = { MB: round(written.bytes / 1e6), pages: written.pages, ...child };
  console.log(`WARC: ${JSON.stringify(results.warc)}`);
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
  if (!options.keep) await rm(tmp, { recursive: true, force: true });
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
