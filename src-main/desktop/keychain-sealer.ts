/**
 * The sync secrets (the WebDAV password, the key from the passphrase) sealed by the system keychain
 * through Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet
 * on Linux). Where it is not available (no keyring), the secrets file stays readable by the user only,
 * as the CLI keeps it.
 */
import type { SecretSealer } from '../api/sync-handlers.js';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

/** `electron.safeStorage` asked for inside, so a shell (or a test's electron) without it just goes without. */
export function keychainSealer(get: () => SafeStorageLike | undefined): SecretSealer | undefined {
  let safeStorage: SafeStorageLike | undefined;
  try {
    safeStorage = get();
    if (!safeStorage?.isEncryptionAvailable()) return undefined;
  } catch {
    return undefined;
  }
  return {
    seal: (text) => safeStorage.encryptString(text),
    open: (data) => safeStorage.decryptString(data),
  };
}
