/**
 * End-to-end encryption of the files on the sync target. A passphrase gives a 32-byte key through
 * scrypt (salt and cost in the target's manifest); two keys are derived from it with HMAC-SHA-256: one
 * seals each file with AES-256-GCM (random 12-byte nonce, the file's name as associated data, so a
 * server cannot swap two files), one names each item file by a keyed hash of its key, so the server
 * sees neither the article ids nor the texts, only how many files there are and their sizes (each
 * padded to a multiple of 256 bytes). A wrong passphrase fails the manifest's check before anything
 * is read or written.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'node:crypto';

export interface KdfParams {
  kdf: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF = { N: 1 << 15, r: 8, p: 1 } as const;
const MAGIC = Buffer.from('YLS1');
const PAD = 256;

export class WrongPassphraseError extends Error {
  constructor() {
    super(
      'The passphrase does not open this sync target (its files were sealed with another one). Nothing was changed.',
    );
    this.name = 'WrongPassphraseError';
  }
}

export function newKdfParams(): KdfParams {
  return { kdf: 'scrypt', salt: randomBytes(16).toString('base64'), ...DEFAULT_KDF };
}

export function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  if (params.kdf !== 'scrypt' || params.N > 1 << 20 || params.r > 32 || params.p > 16) {
    return Promise.reject(new Error('The sync target asks for a key derivation this Yuelan does not use.'));
  }
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** Seals and opens the files of one target with one key. */
export class Sealer {
  readonly #fileKey: Buffer;
  readonly #nameKey: Buffer;

  constructor(key: Buffer) {
    this.#fileKey = createHmac('sha256', key).update('yuelan-sync file key').digest();
    this.#nameKey = createHmac('sha256', key).update('yuelan-sync name key').digest();
  }

  /** The file name of an item: a keyed hash, the same on every device with the same passphrase. */
  name(itemKey: string): string {
    return createHmac('sha256', this.#nameKey).update(itemKey).digest('hex').slice(0, 40);
  }

  seal(plain: string, name: string): Buffer {
    const body = Buffer.from(plain, 'utf8');
    const padded = Buffer.alloc(Math.ceil((body.length + 4) / PAD) * PAD);
    padded.writeUInt32BE(body.length, 0);
    body.copy(padded, 4);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#fileKey, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const sealed = Buffer.concat([cipher.update(padded), cipher.final()]);
    return Buffer.concat([MAGIC, iv, sealed, cipher.getAuthTag()]);
  }

  /** The text of a sealed file; throws when it was sealed under another key or name, or was cut short. */
  open(data: Uint8Array, name: string): string {
    const buf = Buffer.from(data);
    if (buf.length < MAGIC.length + 12 + 16 + 4 || !buf.subarray(0, 4).equals(MAGIC)) {
      throw new Error('not a sealed Yuelan sync file');
    }
    const iv = buf.subarray(4, 16);
    const tag = buf.subarray(buf.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', this.#fileKey, iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(tag);
    const padded = Buffer.concat([decipher.update(buf.subarray(16, buf.length - 16)), decipher.final()]);
    const length = padded.readUInt32BE(0);
    if (length > padded.length - 4) throw new Error('a sealed sync file with a bad length');
    return padded.subarray(4, 4 + length).toString('utf8');
  }
}

const CHECK_TEXT = 'yuelan-sync key check';

/** The manifest's check value: opens only with the right key. */
export function makeCheck(sealer: Sealer): string {
  return sealer.seal(CHECK_TEXT, 'manifest').toString('base64');
}

export function verifyCheck(sealer: Sealer, check: string): void {
  try {
    if (sealer.open(Buffer.from(check, 'base64'), 'manifest') === CHECK_TEXT) return;
  } catch {
    /* the wrong key */
  }
  throw new WrongPassphraseError();
}
