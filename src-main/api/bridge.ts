/**
 * The shape of `window.yuelan`, the only thing the preload exposes. The serve shell's HTTP client in
 * the renderer implements the same interface, so the app cannot tell which shell it runs in.
 */
import type { Channel, Envelope, EventName, Events, Request, Response } from './contract.js';

export interface YuelanBridge {
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Envelope<Response<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Which shell the renderer runs in. */
  shell: 'electron' | 'serve';
  /** Electron only: the file-system paths of dropped files (the page itself never sees paths). */
  pathsForFiles?: (files: File[]) => string[];
  /**
   * The URL of one of the archive's own resources (a picture of the media store, a saved original),
   * for an `<img>` or a sandboxed `<iframe>`: the shell's own route, never a place on the network.
   */
  resourceUrl(kind: ArchiveResourceKind, name: string): string;
}

/** What the archive serves beside the channels (see api/archive-resources.ts). */
export type ArchiveResourceKind = 'media' | 'original';

/** Electron's protocol for those resources: `yuelan-archive://media/<name>`, `…//original/<key>`. */
export const ARCHIVE_SCHEME = 'yuelan-archive';

/** The serve shell's path for them: `/archive/media/<name>?token=…`. */
export const ARCHIVE_PATH = '/archive';

/** IPC channel names used by the preload and main: one invoke channel, one event channel. */
export const IPC_INVOKE = 'yuelan:invoke';
export const IPC_EVENT = 'yuelan:event';

/**
 * Every push event name (kept here, not in the contract, so the preload does not bundle zod). The
 * compiler checks it against the contract's Events both ways: no unknown name, none missing.
 */
export const EVENT_NAMES = [
  'import:progress',
  'archive:changed',
  'search:indexing',
  'app:command',
  'app:notice',
] as const satisfies readonly EventName[];

const _everyEventListed: EventName extends (typeof EVENT_NAMES)[number] ? true : never = true;
