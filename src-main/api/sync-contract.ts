/**
 * The sync channels' requests (their answers are in contract.ts's Responses): the target is a WebDAV
 * address with a user, or a folder; the password and the passphrase cross once, at setup, and are
 * kept beside the library (sync/secrets.json, sealed by the app), never in library.json.
 */
import { z } from 'zod';

const secret = z.string().min(1).max(1000);

export const syncTarget = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('webdav'),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    user: z.string().max(200),
  }),
  z.strictObject({ type: z.literal('folder'), path: z.string().min(1).max(4096) }),
]);

export const syncRequests = {
  'sync:setup': z.strictObject({
    target: syncTarget,
    password: z.string().max(1000).optional(),
    /** Absent: the target's files are not encrypted. */
    passphrase: secret.optional(),
  }),
  'sync:run': z.strictObject({}),
  /** Reach the target and open its manifest with the kept secrets; changes nothing. */
  'sync:test': z.strictObject({}),
  'sync:status': z.strictObject({}),
  'sync:resolve': z.strictObject({
    key: z.string().min(1).max(200),
    /** The text to keep (its index in the conflict's texts), or all of them. */
    choice: z.union([z.int().min(0).max(100), z.literal('all')]),
  }),
  'sync:off': z.strictObject({}),
} as const;
