/**
 * A saved page made safe to show as it looked (the reader's "original" view). Nothing in it may run or
 * reach out: scripts, frames, objects, forms' targets, event handlers, `<base>`, refreshes and links out
 * are taken away; every picture the archive holds (a data URI, a `_files` file, an MHTML part, a WARC
 * record) goes into the media store and is named `yuelan-media:<name>`; a picture the archive does not
 * hold loses its address and keeps its alt text; a stylesheet the archive holds is inlined without its
 * imports and with its pictures named the same way. The shells serve the result with a CSP of
 * `default-src 'none'` and a sandbox on top, so this rewrite is the second of two locks, not the only.
 */
import { imageSize } from 'image-size';
import { parseHTML } from 'linkedom';
import type { SavedPage } from '../ingest/formats/saved-page.js';
import { withoutScripts } from '../ingest/html/prepare.js';
import type { MediaStore } from './media-store.js';
import { isMediaName, MEDIA_MAX_BYTES } from './media-store.js';
import { MEDIA_PLACEHOLDER, type OriginalsStore } from './originals-store.js';

/** What a page's resources are looked up in: the container's resources and the media store. */
export interface ResourceSource {
  /** The page's own URL, to resolve relative addresses against (a WARC's target, a `file:` URL). */
  url?: string;
  resource: SavedPage['resource'];
}

/** Elements removed with everything inside them. */
const REMOVED = [
  'script',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'portal',
  'video',
  'audio',
  'source',
  'track',
  'form',
  'dialog',
].join(',');

/** Attributes that address something; kept only as the rewrite below sets them. */
const ADDRESSING = new Set([
  'href',
  'xlink:href',
  'src',
  'srcset',
  'sizes',
  'action',
  'formaction',
  'ping',
  'poster',
  'background',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'cite',
  'data',
  'codebase',
  'manifest',
  'srcdoc',
  'target',
]);

/** Where lazy-loading pages keep a picture's real address before their script would move it. */
const IMAGE_SOURCES = ['src', 'data-src', 'data-original', 'data-url', 'data-lazy-src', 'data-echo'];

const MAX_DATA_URI = Math.ceil((MEDIA_MAX_BYTES * 4) / 3) + 256;

/** A picture's bytes and declared type, when the archive holds it (see `holdPicture`). */
async function findPicture(
  address: string,
  page: ResourceSource,
): Promise<{ bytes: Uint8Array; type: string } | undefined> {
  const trimmed = address.trim();
  if (!trimmed) return undefined;
  if (/^data:/i.test(trimmed)) return decodeDataUri(trimmed) ?? undefined;
  let absolute: string;
  try {
    absolute = page.url ? new URL(trimmed, page.url).href : new URL(trimmed).href;
  } catch {
    return undefined;
  }
  // Only addresses a container can hold (javascript:, blob:, about: and the like are nothing).
  if (!/^(https?|file|cid):/i.test(absolute)) return undefined;
  const held = await page.resource(absolute);
  return held ? { bytes: held.bytes, type: held.contentType } : undefined;
}

/**
 * The media-store name of a picture a page refers to, when the archive holds it: a data URI is
 * decoded, any other address is resolved against the page's URL and asked of the container. Never
 * fetches anything; undefined when the archive does not hold it or it is no picture of a kept type.
 */
export async function holdPicture(
  address: string,
  page: ResourceSource,
  media: MediaStore,
): Promise<string | undefined> {
  return (await holdFigure(address, page, media))?.media;
}

/**
 * `holdPicture` for an article's figure, with the picture's own width and height (read from its
 * header), so the reader reserves its room before it loads and a find or a restored position does
 * not move as pictures arrive.
 */
export async function holdFigure(
  address: string,
  page: ResourceSource,
  media: MediaStore,
): Promise<{ media: string; width?: number; height?: number } | undefined> {
  const found = await findPicture(address, page);
  const name = found ? await media.put(found.bytes, found.type) : undefined;
  if (!found || !name) return undefined;
  try {
    const { width, height } = imageSize(found.bytes);
    return width && height ? { media: name, width, height } : { media: name };
  } catch {
    return { media: name };
  }
}

/** A data URI's bytes and declared type (base64 or percent-encoded), within the media size cap. */
export function decodeDataUri(uri: string): { type: string; bytes: Uint8Array } | undefined {
  if (uri.length > MAX_DATA_URI) return undefined;
  const comma = uri.indexOf(',');
  if (comma < 0) return undefined;
  const meta = uri.slice(5, comma);
  const data = uri.slice(comma + 1);
  const type = meta.split(';')[0]?.trim().toLowerCase() ?? '';
  try {
    const bytes = /;base64$/i.test(meta)
      ? Buffer.from(data.replace(/\s+/g, ''), 'base64')
      : Buffer.from(decodeURIComponent(data), 'latin1');
    return { type, bytes };
  } catch {
    return undefined;
  }
}

/** Looks a picture up by its address, relative to `base` (a stylesheet's URL) or the page's URL. */
type Lookup = (address: string, base?: string) => Promise<string | undefined>;

/** Remember a lookup per address: a page names its logo twenty times. */
function memo(page: ResourceSource, media: MediaStore): Lookup {
  const seen = new Map<string, Promise<string | undefined>>();
  return (address, base = page.url) => {
    const key = `${base ?? ''}\n${address}`;
    let found = seen.get(key);
    if (!found) {
      found = holdPicture(address, { url: base, resource: page.resource }, media).catch(() => undefined);
      seen.set(key, found);
    }
    return found;
  };
}

const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

/** A stylesheet's text with its imports dropped and its pictures held or removed. */
async function rewriteCss(css: string, lookup: Lookup, base?: string): Promise<string> {
  const noImports = css.replace(/@import[^;]*;?/gi, '');
  const addresses = new Set<string>();
  for (const m of noImports.matchAll(CSS_URL)) addresses.add(m[2]!);
  const names = new Map<string, string | undefined>();
  for (const address of addresses) {
    const placeholder =
      address.startsWith(MEDIA_PLACEHOLDER) && isMediaName(address.slice(MEDIA_PLACEHOLDER.length));
    names.set(address, placeholder ? address.slice(MEDIA_PLACEHOLDER.length) : await lookup(address, base));
  }
  return noImports.replace(CSS_URL, (_all, _q: string, address: string) => {
    const name = names.get(address);
    return name ? `url("${MEDIA_PLACEHOLDER}${name}")` : 'none';
  });
}

/**
 * The page's HTML made safe to keep and show (see the module comment). `html` is the decoded page.
 * Pictures and stylesheets it refers to are looked up in `page` (never on the network).
 */
export async function prepareOriginal(
  html: string,
  page: ResourceSource,
  media: MediaStore,
): Promise<string> {
  // Scripts are cut before parsing (a page's largest part, and removed below in any case).
  const { document } = parseHTML(withoutScripts(html));
  const lookup = memo(page, media);
  for (const el of [...document.querySelectorAll(REMOVED)]) el.remove();
  // One walk of what is left, sorted by tag (each querySelectorAll is a walk of the whole page).
  const all = [...document.querySelectorAll('*')];
  const byTag = (tag: string): typeof all => all.filter((el) => el.localName === tag);
  for (const meta of byTag('meta')) {
    if (meta.hasAttribute('http-equiv') || meta.hasAttribute('charset')) meta.remove();
  }
  // Stylesheets the archive holds are inlined; every other <link> (icons, preloads) goes.
  for (const link of byTag('link')) {
    const href = link.getAttribute('href');
    const rel = (link.getAttribute('rel') ?? '').toLowerCase();
    const sheet = href && rel.split(/\s+/).includes('stylesheet') ? await stylesheet(href, page) : undefined;
    if (sheet) {
      const style = document.createElement('style');
      style.textContent = await rewriteCss(sheet.css, lookup, sheet.url);
      link.replaceWith(style);
    } else link.remove();
  }
  // The page's own <style>s (a stylesheet inlined above is rewritten already).
  for (const style of byTag('style')) {
    style.textContent = await rewriteCss(style.textContent ?? '', lookup);
  }
  for (const img of byTag('img')) {
    let name: string | undefined;
    for (const attr of IMAGE_SOURCES) {
      const value = img.getAttribute(attr);
      if (value && (name = await lookup(value))) break;
    }
    for (const attr of IMAGE_SOURCES) img.removeAttribute(attr);
    if (name) img.setAttribute('src', `${MEDIA_PLACEHOLDER}${name}`);
  }
  // Elements removed above are detached: whatever is done to them here is not in the output.
  for (const el of all) {
    for (const attr of [...el.attributes]) {
      const attrName = attr.name.toLowerCase();
      if (
        attrName.startsWith('on') ||
        (ADDRESSING.has(attrName) && !keptAddress(el.tagName, attrName, attr.value))
      ) {
        el.removeAttribute(attr.name);
      } else if (attrName === 'style' && /url\(|@import|expression\(/i.test(attr.value)) {
        el.setAttribute(attr.name, await rewriteCss(attr.value, lookup));
      }
    }
  }
  const head = document.querySelector('head');
  if (head) {
    const charset = document.createElement('meta');
    charset.setAttribute('charset', 'utf-8');
    head.prepend(charset);
  }
  const doctype = /^\s*<!doctype/i.test(html) ? '' : '<!DOCTYPE html>\n';
  return doctype + document.toString();
}

/** The addresses the rewrite itself set, and in-page fragment links of inline SVG. */
function keptAddress(tag: string, attr: string, value: string): boolean {
  if (attr === 'src') return tag.toLowerCase() === 'img' && value.startsWith(MEDIA_PLACEHOLDER);
  if (attr === 'href' || attr === 'xlink:href') return value.startsWith('#') && tag.toLowerCase() !== 'a';
  return false;
}

async function stylesheet(
  href: string,
  page: ResourceSource,
): Promise<{ url: string; css: string } | undefined> {
  try {
    const absolute = page.url ? new URL(href, page.url).href : new URL(href).href;
    const held = await page.resource(absolute);
    if (!held || held.bytes.length > 2 * 1024 * 1024) return undefined;
    return { url: absolute, css: new TextDecoder('utf-8').decode(held.bytes) };
  } catch {
    return undefined;
  }
}

/**
 * Rewrite a page and keep it in the originals store: what an import calls for every HTML page it
 * takes in. Answers the key to record as the article's `original`, or undefined when the rewrite is
 * over the originals' size cap.
 */
export async function saveOriginal(
  html: string,
  page: ResourceSource,
  stores: { media: MediaStore; originals: OriginalsStore },
): Promise<string | undefined> {
  return stores.originals.put(await prepareOriginal(html, page, stores.media));
}
