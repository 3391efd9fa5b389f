/**
 * An HTML file on disk as a saved page: a browser's "Save page as" (alone, or "complete" with its
 * `<name>_files` folder of pictures and stylesheets beside it) or a SingleFile page (pictures inlined
 * as data URIs, which the page pipeline decodes). Resources are read only from the page's own
 * `_files` folder, by real path (a link out of it is not followed), each within the page's budget.
 * The address a page was saved from and when, where the saving tool wrote them in a comment (Chrome's
 * `<!-- saved from url=… -->`, SingleFile's `url:` and `saved date:`), become the article's url and
 * capture time.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { budgeted, RESOURCE_MAX_BYTES } from './resource-budget.js';
import type { SavedPage, SavedResource } from './saved-page.js';

/** The folders a browser saves a page's resources in, for a page file named `stem.ext`. */
export function resourceFolderNames(stem: string): string[] {
  return [`${stem}_files`, `${stem}.files`, `${stem}-files`];
}

/** The name of a page file without its extension (`a.b.html` → `a.b`). */
export function pageStem(name: string): string {
  return name.slice(0, name.length - extname(name).length);
}

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
};

export function htmlFilePage(path: string, html: Uint8Array): SavedPage {
  const folder = dirname(path);
  const allowed = resourceFolderNames(pageStem(basename(path))).map((n) => join(folder, n));
  let roots: Promise<string[]> | undefined;
  const realRoots = (): Promise<string[]> =>
    (roots ??= Promise.all(allowed.map((p) => realpath(p).catch(() => ''))).then((r) => r.filter(Boolean)));

  const lookup = async (url: string): Promise<SavedResource | undefined> => {
    if (!url.startsWith('file:')) return undefined;
    let file: string;
    try {
      file = fileURLToPath(url);
    } catch {
      return undefined;
    }
    const real = await realpath(file).catch(() => undefined);
    if (!real || !(await realRoots()).some((root) => real.startsWith(root + sep))) return undefined;
    const info = await stat(real);
    if (!info.isFile() || info.size > RESOURCE_MAX_BYTES) return undefined;
    const ext = extname(real).toLowerCase();
    return { url, contentType: TYPES[ext] ?? 'application/octet-stream', bytes: await readFile(real) };
  };

  const saved = savedFrom(html);
  const page: SavedPage = {
    format: 'html',
    html,
    url: pathToFileURL(path).href,
    resource: budgeted(lookup),
  };
  if (saved.url) page.sourceUrl = saved.url;
  if (saved.capturedAt) page.capturedAt = saved.capturedAt;
  return page;
}

/** What the saving tool wrote about the page near the top of the file. */
export function savedFrom(html: Uint8Array): { url?: string; capturedAt?: string } {
  const head = Buffer.from(html.subarray(0, 8192)).toString('latin1');
  const out: { url?: string; capturedAt?: string } = {};
  const chrome = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head);
  const singleFile = /Page saved with SingleFile[\s\S]{0,400}?\burl:\s*(\S+)/i.exec(head);
  const url = singleFile?.[1] ?? chrome?.[1];
  if (url && /^https?:\/\//i.test(url) && url.length <= 2048) out.url = url;
  const date = /Page saved with SingleFile[\s\S]{0,800}?saved date:\s*([^\n\r]+)/i.exec(head)?.[1];
  if (date) {
    // `Mon Jan 01 2024 10:00:00 GMT+0800 (China Standard Time)`: Date reads it without the name.
    const t = new Date(date.replace(/\s*\([^)]*\)\s*$/, '').trim());
    if (!Number.isNaN(t.getTime())) out.capturedAt = t.toISOString();
  }
  return out;
}
