/**
 * What one page may take out of its container: at most so many resources and so many bytes in all,
 * each one at most the media store's cap. A page naming ten thousand pictures, or one "picture" of
 * gigabytes, costs a bounded read and nothing more; what is over the budget shows as a placeholder.
 */
import { MEDIA_MAX_BYTES } from '../../catalog/media-store.js';
import type { SavedPage, SavedResource } from './saved-page.js';

/** One resource at most (pictures; a stylesheet is far smaller). */
export const RESOURCE_MAX_BYTES = MEDIA_MAX_BYTES;
/** Resources one page may take. */
export const PAGE_MAX_RESOURCES = 300;
/** Bytes of resources one page may take in all. */
export const PAGE_MAX_RESOURCE_BYTES = 128 * 1024 * 1024;

/** A page's resource lookup, bounded as above, memoised by URL and never throwing. */
export function budgeted(lookup: SavedPage['resource']): SavedPage['resource'] {
  let count = 0;
  let bytes = 0;
  const seen = new Map<string, Promise<SavedResource | undefined>>();
  return (url) => {
    const key = withoutFragment(url);
    let found = seen.get(key);
    if (found) return found;
    if (count >= PAGE_MAX_RESOURCES || bytes >= PAGE_MAX_RESOURCE_BYTES) return Promise.resolve(undefined);
    count++;
    found = lookup(key).then(
      (r) => {
        if (!r || r.bytes.length > RESOURCE_MAX_BYTES || bytes + r.bytes.length > PAGE_MAX_RESOURCE_BYTES)
          return undefined;
        bytes += r.bytes.length;
        return r;
      },
      () => undefined,
    );
    seen.set(key, found);
    return found;
  };
}

export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** Whether a URL names the network (anything a page could fetch): such a resource is never fetched. */
export function isRemote(url: string): boolean {
  return /^(?:https?|ftp|wss?):/i.test(url) || url.startsWith('//');
}
