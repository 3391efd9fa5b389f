/**
 * A sync target as the engine sees it: a folder holding `manifest.json` and `items/`, whatever carries
 * it (a WebDAV server, a local or synced folder). Writes are atomic: a temporary name first, then a
 * move over the final one, so another device never reads half a file under a real name.
 */

export interface RemoteFile {
  /** The name inside items/. */
  name: string;
  /** Changes whenever the file does (an ETag, or time, size and inode for a folder). */
  etag: string;
}

export interface SyncDriver {
  /** Where the files go, for messages (never with a password). */
  readonly label: string;
  /** Make items/ if it is missing. */
  prepare(): Promise<void>;
  /** The files in items/, leaving out temporary ones. */
  list(): Promise<RemoteFile[]>;
  /** A file's bytes (`manifest.json`, `items/NAME`), or undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  write(path: string, data: Uint8Array): Promise<void>;
  remove(path: string): Promise<void>;
}

export type TargetProblem = 'unreachable' | 'auth' | 'full' | 'server' | 'timeout' | 'notFound';

/** The target could not be used: what went wrong, in words for the user, with a code for the app. */
export class SyncTargetError extends Error {
  constructor(
    readonly problem: TargetProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SyncTargetError';
  }
}

/** Temporary upload names start with this; a list never shows them and old ones are cleared. */
export const TEMP_PREFIX = '.upload-';

export function tempName(): string {
  return `${TEMP_PREFIX}${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
