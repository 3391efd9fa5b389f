/**
 * The archive's own resources, beside the channels: a picture of the media store and an article's
 * saved original page. They cannot be JSON channels (an `<img>` and an `<iframe>` load them by URL), so
 * both shells route them here: the serve shell at `/archive/<kind>/<name>?token=…`, Electron through its
 * `yuelan-archive://<kind>/<name>` protocol. The request is validated like a channel's (one schema per
 * kind: a name the stores could have made, nothing else), and every answer carries strict headers:
 * a picture its sniffed type, nosniff and a CSP under which nothing in it can run; an original a CSP of
 * `default-src 'none'` that lets in only pictures from the shell's own media route, inline styles,
 * and a sandbox with no permission at all.
 */
import { z } from 'zod';
import { MediaStore } from '../archive/catalog/media-store.js';
import { MEDIA_PLACEHOLDER, OriginalsStore } from '../archive/catalog/originals-store.js';
import type { ArchiveResourceKind } from './bridge.js';

/** The requests, as the contract validates them. */
export const resourceRequests = {
  media: z.string().regex(/^[0-9a-f]{64}\.(jpg|png|gif|webp|avif)$/, 'a media name: <sha256>.<ext>'),
  original: z.string().regex(/^[0-9a-f]{64}$/, 'an original key: a sha256 in hex'),
} as const satisfies Record<ArchiveResourceKind, z.ZodType<string>>;

export interface ResourceRequest {
  kind: ArchiveResourceKind;
  name: string;
}

/**
 * A resource path (`/media/<name>`, `/original/<key>`, after the shell's own prefix) as a validated
 * request, or undefined for anything else: another kind, a bad or encoded name, more segments.
 */
export function parseResourcePath(path: string): ResourceRequest | undefined {
  const match = /^\/(media|original)\/([^/]{1,100})$/.exec(path);
  if (!match) return undefined;
  const kind = match[1] as ArchiveResourceKind;
  const parsed = resourceRequests[kind].safeParse(match[2]);
  return parsed.success ? { kind, name: parsed.data } : undefined;
}

export interface ResourceAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface ResourceServerOptions {
  /** Where this shell serves pictures: the URL a media name is appended to. */
  mediaBase: string;
  /** What follows the name in a picture's URL (the serve shell's `?token=…`), if anything. */
  mediaSuffix?: string;
  /** The CSP source that allows exactly the media route (`http://127.0.0.1:PORT/archive/media/`). */
  mediaSource: string;
  /** A `frame-ancestors` value for the original, where the shell can name its own page. */
  frameAncestors?: string;
}

/** Set on every resource answer, whatever it is. */
const COMMON: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The CSP of a served picture: nothing in it may run or load (an image needs none of that). */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** The CSP of a served original (see the module comment). */
export function originalCsp(options: ResourceServerOptions): string {
  return (
    `default-src 'none'; img-src ${options.mediaSource}; style-src 'unsafe-inline'; ` +
    `base-uri 'none'; form-action 'none'; ` +
    (options.frameAncestors ? `frame-ancestors ${options.frameAncestors}; ` : '') +
    'sandbox'
  );
}

const PLACEHOLDER = new RegExp(`${MEDIA_PLACEHOLDER}([0-9a-f]{64}\\.(?:jpg|png|gif|webp|avif))`, 'g');

/** The stored original with its `yuelan-media:` names turned into this shell's media URLs. */
export function rewriteMediaUrls(html: string, options: ResourceServerOptions): string {
  const suffix = (options.mediaSuffix ?? '').replace(/&/g, '&amp;');
  return html.replace(PLACEHOLDER, (_all, name: string) => `${options.mediaBase}${name}${suffix}`);
}

/** Answers resource requests from one data folder's stores. */
export class ResourceServer {
  readonly #media: MediaStore;
  readonly #originals: OriginalsStore;

  constructor(dataDir: string) {
    this.#media = new MediaStore(dataDir);
    this.#originals = new OriginalsStore(dataDir);
  }

  async answer(request: ResourceRequest, options: ResourceServerOptions): Promise<ResourceAnswer> {
    if (request.kind === 'media') {
      const file = await this.#media.read(request.name);
      if (!file) return notFound();
      return {
        status: 200,
        headers: {
          ...COMMON,
          'Content-Type': file.type,
          'Content-Security-Policy': MEDIA_CSP,
          // Content-addressed: the name never stands for other bytes.
          'Cache-Control': 'private, max-age=31536000, immutable',
        },
        body: file.bytes,
      };
    }
    const html = await this.#originals.read(request.name);
    if (html === undefined) return notFound();
    return {
      status: 200,
      headers: {
        ...COMMON,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': originalCsp(options),
        'Cache-Control': 'no-store',
      },
      body: rewriteMediaUrls(html, options),
    };
  }
}

function notFound(): ResourceAnswer {
  return {
    status: 404,
    headers: { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': MEDIA_CSP },
    body: 'Not found',
  };
}
