// @vitest-environment jsdom
/**
 * Settings → Sync with a fake core: the setup form (a passphrase typed twice, checked before anything
 * is sent; the request carries the target, password and passphrase, then a first sync runs), the
 * status of a set-up device, and settling a note written on two devices (keep one, keep both).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '$contract';
import SyncSettings from '../../src-renderer/src/components/settings/SyncSettings.svelte';
import { i18n } from '../../src-renderer/src/lib/i18n/i18n.svelte';
import { sync } from '../../src-renderer/src/lib/state/sync.svelte';
import { resetBridge, useFakeBridge, type Handlers } from './fake-bridge';

const OFF: SyncStatus = { configured: false, deviceId: 'abc123', conflicts: [], waiting: 0 };
const ON: SyncStatus = {
  configured: true,
  deviceId: 'abc123',
  target: { type: 'webdav', url: 'https://cloud.example.com/dav/Yuelan', user: 'me' },
  encrypted: true,
  lastSync: {
    at: '2026-12-01T10:00:00.000Z',
    ok: true,
    sent: 3,
    received: 5,
    merged: 1,
    conflicts: 1,
    keptOverDeletion: [],
    unreadable: 0,
  },
  conflicts: [{ key: 'bookmark:0123456789abcdef', field: 'note', texts: ['A 的想法', 'B 的想法'] }],
  waiting: 2,
};

const library: Handlers = {
  'library:bookmarks': () => [],
  'library:annotations': () => [],
  'library:reading': () => ({}),
  'library:settings': () => ({ theme: 'system', fontSize: 18, locale: 'zh-CN', archiveFolders: [] }),
};

afterEach(() => {
  resetBridge();
  sync.status = null;
  sync.error = null;
  sync.tested = null;
  i18n.set('zh-CN');
});

describe('SyncSettings', () => {
  it('sets up WebDAV with an encryption passphrase typed twice, then syncs', async () => {
    i18n.set('en');
    let status = OFF;
    const bridge = useFakeBridge({
      ...library,
      'sync:status': () => status,
      'sync:setup': () => {
        status = ON;
        return { created: true, encrypted: true };
      },
      // Nothing received: the library's views are not reloaded (that would switch the language).
      'sync:run': () => ({ ...ON.lastSync!, received: 0 }),
    });
    render(SyncSettings);
    await screen.findByText('Set up sync');
    await fireEvent.input(screen.getByLabelText('WebDAV address'), {
      target: { value: 'https://cloud.example.com/dav/Yuelan' },
    });
    await fireEvent.input(screen.getByLabelText('User name'), { target: { value: 'me' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'one' } });
    await fireEvent.input(screen.getByLabelText('Once more'), { target: { value: 'two' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Connect and sync' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'The two passphrases differ.');
    expect(bridge.requests('sync:setup')).toEqual([]);

    await fireEvent.input(screen.getByLabelText('Once more'), { target: { value: 'one' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Connect and sync' }));
    await screen.findByText(/Syncing with/);
    expect(bridge.requests('sync:setup')).toEqual([
      {
        target: { type: 'webdav', url: 'https://cloud.example.com/dav/Yuelan', user: 'me' },
        password: 'pw',
        passphrase: 'one',
      },
    ]);
    await waitFor(() => expect(bridge.requests('sync:run')).toHaveLength(1));
    expect(screen.getByText('end-to-end encrypted')).toBeTruthy();
    expect(screen.getByText(/sent 3, received 5, merged 1/)).toBeTruthy();
    expect(screen.getByText(/2 bookmark\(s\) or note\(s\) wait for their article/)).toBeTruthy();
  });

  it('settles a note written on two devices: keep one text, or both', async () => {
    const bridge = useFakeBridge({
      ...library,
      'sync:status': () => ON,
      'sync:resolve': () => ({ resolved: true }),
    });
    render(SyncSettings);
    await screen.findByText('1 条笔记在两台设备上被同时修改');
    expect(screen.getByText('A 的想法')).toBeTruthy();
    expect(screen.getByText('B 的想法')).toBeTruthy();
    await fireEvent.click(screen.getAllByRole('button', { name: '保留这条' })[1]!);
    await waitFor(() => expect(bridge.requests('sync:resolve')).toHaveLength(1));
    await fireEvent.click(screen.getByRole('button', { name: '两条都保留' }));
    await waitFor(() =>
      expect(bridge.requests('sync:resolve')).toEqual([
        { key: 'bookmark:0123456789abcdef', choice: 1 },
        { key: 'bookmark:0123456789abcdef', choice: 'all' },
      ]),
    );
  });
});
