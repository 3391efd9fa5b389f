/**
 * The pictures that saved pages hold (data URIs, a `_files` folder, MHTML parts, WARC records), kept
 * content-addressed in the data folder as `media/<sha256>.<ext>`, so a picture met in a hundred pages is
 * one file and storing it again costs nothing. The type is sniffed from the bytes, never taken from the
 * page: only JPEG, PNG, GIF, WebP and AVIF are kept. SVG is refused, because an SVG document can carry
 * script and reach out for other resources; a page's SVG picture shows as its placeholder instead.
 *
 * Like the catalog, everything here can be rebuilt from the source files: a picture that is missing
 * (say, after a crash before its rename) shows as a placeholder until the page is imported again.
 * Pictures no article refers to any more stay until `sweep` is run with the names still in use.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/durable-json-file.js';

export const MEDIA_DIR = 'media';
/** A picture over this size is not kept (the page shows its placeholder). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

export type MediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/avif';

const EXTENSIONS: Record<MediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};
const TYPE_OF_EXTENSION = new Map(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type as MediaType]));

/** The only names the store ever hands out or reads: 64 lowercase hex digits and a known extension. */
const NAME = /^[0-9a-f]{64}\.(jpg|png|gif|webp|avif)$/;

/** True for a name this store could have made: no folder, no dots but the extension's, no traversal. */
export function isMediaName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/** The type a media name stands for, or undefined for a name the store never makes. */
export function mediaTypeOf(name: string): MediaType | undefined {
  if (!isMediaName(name)) return undefined;
  return TYPE_OF_EXTENSION.get(name.slice(name.lastIndexOf('.') + 1));
}

function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** The picture type the bytes really are (by their magic numbers), or undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): MediaType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (startsWith(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'image/gif';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp';
  if (startsWith(bytes, 4, 'ftyp') && isAvifBrand(bytes)) return 'image/avif';
  return undefined;
}

/** An ISO-BMFF `ftyp` box whose major or compatible brands name AVIF (`avif`, `avis`). */
function isAvifBrand(bytes: Uint8Array): boolean {
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16, 256);
  for (let at = 8; at + 4 <= end; at += 4) {
    if (at === 12) continue; // the minor version, not a brand
    if (startsWith(bytes, at, 'avif') || startsWith(bytes, at, 'avis')) return true;
  }
  return false;
}

export interface MediaFile {
  bytes: Buffer;
  type: MediaType;
}

export class MediaStore {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, MEDIA_DIR);
  }

  /**
   * Keep a picture; answers its name (`<sha256>.<ext>`), or undefined when the bytes are no picture
   * of a kept type, an SVG, empty or over MEDIA_MAX_BYTES. `declaredType` is what the page or its
   * container said (image/svg+xml is refused whatever the bytes); the type kept is the sniffed one.
   * Idempotent: the same bytes give the same name, and a name already on disk is not written again.
   * Written to a temp file, fsynced and renamed into place, so a reader never sees half a picture.
   */
  async put(bytes: Uint8Array, declaredType?: string): Promise<string | undefined> {
    if (bytes.length === 0 || bytes.length > MEDIA_MAX_BYTES) return undefined;
    if (declaredType && /svg/i.test(declaredType)) return undefined;
    const type = sniffImageType(bytes);
    if (!type) return undefined;
    const name = `${createHash('sha256').update(bytes).digest('hex')}.${EXTENSIONS[type]}`;
    const file = join(this.folder, name);
    if (await exists(file)) return name;
    await writeFileAtomic(file, bytes, { fsyncDir: false });
    return name;
  }

  /**
   * A kept picture by its name, with its type sniffed again; undefined for a name the store never
   * makes (a path, `..`, another extension), a missing file, or bytes that are not what the name says.
   */
  async read(name: string): Promise<MediaFile | undefined> {
    const type = mediaTypeOf(name);
    if (!type) return undefined;
    const file = join(this.folder, name);
    try {
      const info = await stat(file);
      if (!info.isFile() || info.size > MEDIA_MAX_BYTES) return undefined;
      const bytes = await readFile(file);
      return sniffImageType(bytes) === type ? { bytes, type } : undefined;
    } catch {
      return undefined;
    }
  }

  async has(name: string): Promise<boolean> {
    return isMediaName(name) && exists(join(this.folder, name));
  }

  /**
   * Remove the pictures not named in `keep` (the names the catalog's articles still use) and temp
   * files left by a crash. Only files older than `olderThanMs` go, so a picture another process has
   * just kept for an import not yet in the catalog survives. Answers how many files were removed.
   */
  async sweep(keep: Iterable<string>, olderThanMs = 60 * 60 * 1000): Promise<number> {
    return sweepFolder(this.folder, new Set(keep), olderThanMs, isMediaName);
  }
}

/** Remove a store folder's files not in `keep` (or temp files) older than `olderThanMs`. */
export async function sweepFolder(
  folder: string,
  keep: Set<string>,
  olderThanMs: number,
  isName: (name: string) => boolean,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  const before = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of names) {
    const stale = name.endsWith('.tmp') || (isName(name) && !keep.has(name));
    if (!stale) continue;
    try {
      const info = await stat(join(folder, name));
      if (!info.isFile() || info.mtimeMs > before) continue;
      await rm(join(folder, name), { force: true });
      removed++;
    } catch {
      /* gone already */
    }
  }
  return removed;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
