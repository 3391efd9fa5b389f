/**
 * Electron's `yuelan-archive:` protocol (with a stand-in for `protocol`, as no Electron binary runs
 * here): the scheme's privileges, validated URLs, the answers' headers, the original's media URLs, and
 * subframes that may show a saved original and nothing else.
 */
import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Protocol, WebContents } from 'electron';
import {
  ARCHIVE_SCHEME_PRIVILEGES,
  guardSubframes,
  handleArchiveProtocol,
  resourceFromUrl,
} from '../../src-main/desktop/archive-protocol.js';
import { ResourceServer } from '../../src-main/api/archive-resources.js';
import { MediaStore } from '../../src-main/archive/catalog/media-store.js';
import { OriginalsStore } from '../../src-main/archive/catalog/originals-store.js';
import { tempDir } from '../helpers/tmp.js';
import { JPEG } from '../fixtures/pictures.js';

async function setUp(): Promise<{
  ask: (url: string, method?: string) => Promise<Response>;
  name: string;
  key: string;
}> {
  const dir = await tempDir();
  const name = (await new MediaStore(dir).put(JPEG))!;
  const key = (await new OriginalsStore(dir).put(`<p>原文</p><img src="yuelan-media:${name}">`))!;
  let handler: ((request: Request) => Promise<Response>) | undefined;
  const protocol = {
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
      expect(scheme).toBe('yuelan-archive');
      handler = fn;
    },
  } as unknown as Protocol;
  handleArchiveProtocol(protocol, new ResourceServer(dir));
  return { ask: (url, method = 'GET') => handler!(new Request(url, { method })), name, key };
}

describe('the yuelan-archive protocol', () => {
  it('is registered standard and secure, and with no other privilege', () => {
    expect(ARCHIVE_SCHEME_PRIVILEGES).toEqual({
      scheme: 'yuelan-archive',
      privileges: { standard: true, secure: true },
    });
  });

  it('answers a picture with its sniffed type, nosniff and a CSP under which nothing runs', async () => {
    const { ask, name } = await setUp();
    const res = await ask(`yuelan-archive://media/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG);
  });

  it('answers an original sandboxed, its pictures from the protocol’s media only', async () => {
    const { ask, name, key } = await setUp();
    const res = await ask(`yuelan-archive://original/${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src yuelan-archive:; style-src 'unsafe-inline'; base-uri 'none'; " +
        "form-action 'none'; sandbox",
    );
    expect(await res.text()).toBe(`<p>原文</p><img src="yuelan-archive://media/${name}">`);
  });

  it('refuses bad names, other hosts, queries and methods', async () => {
    const { ask, name, key } = await setUp();
    for (const url of [
      `yuelan-archive://media/..%2F..%2Fcatalog.json`,
      `yuelan-archive://media/${name.replace('.jpg', '.svg')}`,
      `yuelan-archive://media/${name}?x=1`,
      `yuelan-archive://media/${name}#x`,
      `yuelan-archive://media/${name}/x`,
      `yuelan-archive://files/${name}`,
      `yuelan-archive://original/${key}.html`,
      `yuelan-archive://original/${key.slice(1)}`,
      `yuelan-archive://original/${'0'.repeat(64)}`,
    ]) {
      expect((await ask(url)).status, url).toBe(404);
    }
    expect((await ask(`yuelan-archive://media/${name}`, 'POST')).status).toBe(404);
    expect(resourceFromUrl(`file:///media/${name}`)).toBeUndefined();
    expect(resourceFromUrl('not a url')).toBeUndefined();
  });

  it('lets a subframe show a saved original and nothing else', () => {
    const contents = new EventEmitter();
    guardSubframes(contents as unknown as WebContents);
    const navigate = (url: string, isMainFrame = false): boolean => {
      const details = { url, isMainFrame, preventDefault: vi.fn() };
      contents.emit('will-frame-navigate', details);
      return details.preventDefault.mock.calls.length === 0;
    };
    expect(navigate(`yuelan-archive://original/${'a'.repeat(64)}`)).toBe(true);
    expect(navigate('https://example.com/')).toBe(false);
    expect(navigate(`yuelan-archive://media/${'a'.repeat(64)}.png`)).toBe(false);
    expect(navigate('file:///etc/passwd')).toBe(false);
    expect(navigate('about:blank')).toBe(false);
    // The main frame is guarded by will-navigate (desktop/security.ts), not here.
    expect(navigate('file:///app/out/renderer/index.html', true)).toBe(true);
  });
});
