/**
 * The app's sync secrets sealed by the system keychain (Electron's safeStorage, here a fake one that
 * really transforms the bytes): the secrets file holds neither the password nor the key; a process
 * without the keychain (the CLI) is told so instead of syncing; a missing or failing safeStorage
 * leaves the 0600 file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainSealer } from '../../src-main/desktop/keychain-sealer.js';
import { setSecretSealer } from '../../src-main/api/sync-handlers.js';
import { tempDir } from '../helpers/tmp.js';
import { device } from './helpers.js';

const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) =>
    Buffer.from(Buffer.from(text).toString('base64').split('').reverse().join('')),
  decryptString: (data: Buffer) =>
    Buffer.from(data.toString().split('').reverse().join(''), 'base64').toString(),
};

afterEach(() => setSecretSealer(undefined));

describe('sync secrets in the keychain', () => {
  it('seals the secrets file with safeStorage; without it the secrets cannot be read and say why', async () => {
    setSecretSealer(keychainSealer(() => fakeSafeStorage));
    const d = await device();
    const folder = await tempDir();
    await d.sync.setup({
      target: { type: 'folder', path: folder },
      password: 'pw-in-keychain',
      passphrase: 'pp',
    });
    const file = await readFile(join(d.dir, 'sync', 'secrets.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({ sealed: expect.any(String) });
    expect(file).not.toContain('pw-in-keychain');
    expect(await d.sync.files.readSecrets()).toMatchObject({
      password: 'pw-in-keychain',
      key: expect.any(String),
    });
    await d.library.setBookmark('0123456789abcdef');
    expect(await d.sync.sync()).toMatchObject({ ok: true, sent: 1 });

    setSecretSealer(undefined);
    expect(await d.sync.run()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/sealed by the app/) },
    });
  });

  it('goes without when safeStorage is missing, unavailable or failing', () => {
    expect(keychainSealer(() => undefined)).toBeUndefined();
    expect(
      keychainSealer(() => ({ ...fakeSafeStorage, isEncryptionAvailable: () => false })),
    ).toBeUndefined();
    expect(
      keychainSealer(() => {
        throw new Error('no electron');
      }),
    ).toBeUndefined();
  });
});
