// @vitest-environment jsdom
/**
 * The serve shell's token in the page: read from the URL once, kept in session storage, taken out of
 * the address bar (and the history entry), sent in the X-Yuelan-Token header on calls and in the URL
 * only for the event stream.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge, readToken } from '../../src-renderer/src/lib/api';

const TOKEN = 'page-token-0123456789abcdef';

beforeEach(() => {
  sessionStorage.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

describe('the serve shell token in the page', () => {
  it('is taken out of the URL, other parts kept, and remembered for the tab', () => {
    history.replaceState(null, '', `/index.html?view=search&token=${TOKEN}#top`);
    const entries = history.length;
    expect(readToken()).toBe(TOKEN);
    expect(location.href).toBe(`${location.origin}/index.html?view=search#top`);
    expect(history.length).toBe(entries);
    expect(sessionStorage.getItem('yuelan.token')).toBe(TOKEN);
    // A reload of the tab: the URL no longer has it, session storage does.
    expect(readToken()).toBe(TOKEN);
  });

  it('leaves a bare address when the token was the only parameter', () => {
    history.replaceState(null, '', `/?token=${TOKEN}`);
    readToken();
    expect(location.href).toBe(`${location.origin}/`);
  });

  it('is sent in a header on calls and in the URL only for the event stream', async () => {
    history.replaceState(null, '', `/?token=${TOKEN}`);
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ ok: true, value: {} }), { status: 200 }),
    );
    const streams: string[] = [];
    class FakeEventSource {
      constructor(url: string) {
        streams.push(url);
      }
      addEventListener(): void {}
      removeEventListener(): void {}
    }
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('EventSource', FakeEventSource);
    const bridge = createHttpBridge();
    await bridge.invoke('app:info', {});
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/call/app:info');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Yuelan-Token': TOKEN });
    bridge.on('app:notice', () => {});
    expect(streams).toEqual([`/api/events?token=${TOKEN}`]);
  });
});
