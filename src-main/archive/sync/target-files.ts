/**
 * The files on a sync target and how they are written:
 *   manifest.json        the format, and the encryption's salt, cost and key check (no secret in it)
 *   items/NAME           one file per bookmark, annotation, reading position and the settings; a
 *                        deleted item's file stays as its deletion marker
 * Without encryption an item's file is JSON named after its key (`bookmark-<article id>.json`); with
 * it, a sealed file named by a keyed hash (`<40 hex>.yls`). A file another device wrote is checked
 * before it is merged: its key must name it, its shape must be an item's.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isClock } from './hlc.js';
import { canonicalJson, ITEM_KINDS, type ItemState } from './item-model.js';
import { deriveKey, makeCheck, newKdfParams, Sealer, verifyCheck, type KdfParams } from './seal.js';
import { SyncTargetError, type SyncDriver } from './drivers/driver.js';

export const MANIFEST = 'manifest.json';

const clock = z.string().refine(isClock, 'a clock');
const noteVersion = z.object({ v: z.string().max(200_000), c: clock, h: z.array(clock).max(64) });
const field = z.discriminatedUnion('t', [
  z.object({ t: z.literal('lww'), v: z.json(), c: clock }),
  noteVersion.extend({ t: z.literal('note'), alt: z.array(noteVersion).max(64).optional() }),
  z.object({
    t: z.literal('tags'),
    s: z.record(z.string().max(64), z.object({ c: clock, on: z.boolean() })),
  }),
]);
const itemFile = z.object({
  format: z.literal('yuelan-item'),
  v: z.literal(1),
  key: z.string().min(1).max(200),
  state: z.object({
    kind: z.enum(ITEM_KINDS),
    f: z.record(z.string().max(64), field),
    del: z.object({ c: clock, seen: clock }).optional(),
  }),
});

const manifestSchema = z.object({
  format: z.literal('yuelan-sync'),
  version: z.literal(1),
  createdAt: z.string(),
  encryption: z
    .object({
      cipher: z.literal('aes-256-gcm'),
      kdf: z.literal('scrypt'),
      salt: z.string(),
      N: z.int(),
      r: z.int(),
      p: z.int(),
      check: z.string(),
    })
    .nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Syncthing's copy of a file two devices changed at once: `NAME.sync-conflict-DATE-TIME-DEVICE.EXT`. */
const CONFLICT_COPY = /^(.*)\.sync-conflict-[^.]*(\.[^.]+)?$/;

export function baseName(name: string): string {
  const m = CONFLICT_COPY.exec(name);
  return m ? `${m[1]}${m[2] ?? ''}` : name;
}

export function isConflictCopy(name: string): boolean {
  return CONFLICT_COPY.test(name);
}

export async function readManifest(driver: SyncDriver): Promise<Manifest | undefined> {
  const bytes = await driver.read(MANIFEST);
  if (!bytes) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new SyncTargetError(
      'server',
      `${driver.label} holds a ${MANIFEST} that is not Yuelan's (not JSON).`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new SyncTargetError('server', `${driver.label} holds a ${MANIFEST} that is not Yuelan's.`);
  return parsed.data;
}

/** Start a target: write its manifest (with a fresh salt when encrypted). Returns the key, if any. */
export async function createTarget(
  driver: SyncDriver,
  passphrase: string | undefined,
): Promise<Buffer | undefined> {
  await driver.prepare();
  let encryption: Manifest['encryption'] = null;
  let key: Buffer | undefined;
  if (passphrase !== undefined) {
    const params = newKdfParams();
    key = await deriveKey(passphrase, params);
    encryption = { cipher: 'aes-256-gcm', ...params, check: makeCheck(new Sealer(key)) };
  }
  const manifest: Manifest = {
    format: 'yuelan-sync',
    version: 1,
    createdAt: new Date().toISOString(),
    encryption,
  };
  await driver.write(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2)));
  return key;
}

/** The key for an encrypted target from the passphrase; a WrongPassphraseError when it does not open it. */
export async function keyFor(manifest: Manifest, passphrase: string): Promise<Buffer> {
  if (!manifest.encryption) throw new Error('This sync target is not encrypted.');
  const { check, cipher: _cipher, ...params } = manifest.encryption;
  const key = await deriveKey(passphrase, params as KdfParams);
  verifyCheck(new Sealer(key), check);
  return key;
}

export function checkKey(manifest: Manifest, key: Buffer): Sealer {
  const sealer = new Sealer(key);
  verifyCheck(sealer, manifest.encryption!.check);
  return sealer;
}

/** Names, writes and reads item files, sealed or not. */
export class ItemCodec {
  constructor(private readonly sealer: Sealer | undefined) {}

  name(key: string): string {
    if (this.sealer) return `${this.sealer.name(key)}.yls`;
    const plain = key.replace(':', '-');
    return /^[A-Za-z0-9._-]{1,120}$/.test(plain)
      ? `${plain}.json`
      : `h-${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`;
  }

  /** An item's file text, and its hash to tell whether the target already holds it. */
  plan(key: string, state: ItemState): { name: string; text: string; hash: string } {
    const text = canonicalJson({ format: 'yuelan-item', v: 1, key, state });
    return { name: this.name(key), text, hash: hashText(text) };
  }

  /** The bytes written for a planned file: sealed, or the JSON itself. */
  bytes(name: string, text: string): Buffer {
    return this.sealer ? this.sealer.seal(text, name) : Buffer.from(text, 'utf8');
  }

  /** An item file read from the target; throws when it cannot be opened or is not an item named so. */
  decode(name: string, bytes: Uint8Array): { key: string; state: ItemState; hash: string } {
    const base = baseName(name);
    const text = this.sealer ? this.sealer.open(bytes, base) : Buffer.from(bytes).toString('utf8');
    const parsed = itemFile.parse(JSON.parse(text));
    if (this.name(parsed.key) !== base)
      throw new Error(`${name} holds the item ${parsed.key}, which is named otherwise`);
    return { key: parsed.key, state: parsed.state as ItemState, hash: hashText(canonicalJson(parsed)) };
  }
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
