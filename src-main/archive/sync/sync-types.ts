/**
 * Sync's answers as data (no Node here: the renderer sees these types through the contract).
 */

export type SyncTarget = { type: 'webdav'; url: string; user: string } | { type: 'folder'; path: string };

export interface SyncResult {
  at: string;
  ok: boolean;
  sent: number;
  received: number;
  merged: number;
  /** Notes edited on two devices: both texts are kept until the user picks. */
  conflicts: number;
  /** Items deleted on one device and edited later on another: the edit was kept. */
  keptOverDeletion: string[];
  /** Files on the target this device could not read (cut short, or sealed with another key). */
  unreadable: number;
  error?: { code: string; message: string };
}

export interface OpenConflict {
  /** The item (`bookmark:<article id>`, `annotation:<id>`). */
  key: string;
  field: string;
  /** The text shown now, then the others written at the same time. */
  texts: string[];
}

export interface SyncStatus {
  configured: boolean;
  target?: SyncTarget;
  encrypted?: boolean;
  deviceId: string;
  lastSync?: SyncResult;
  conflicts: OpenConflict[];
  /** Bookmarks and annotations whose article this device has not imported yet (they wait). */
  waiting: number;
}
