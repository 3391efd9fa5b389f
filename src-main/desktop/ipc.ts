/**
 * The contract over Electron IPC: one invoke channel that hands every message to dispatch(), and
 * core events forwarded to the window. Messages from any frame but the app's own main frame are refused.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { dispatch } from '../api/dispatch.js';
import type { Handlers } from '../api/handlers.js';
import type { Envelope } from '../api/contract.js';
import { IPC_EVENT, IPC_INVOKE } from '../api/bridge.js';
import type { ArchiveCore } from '../archive/archive-core.js';
import { isAppUrl } from './security.js';

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, appOrigin: string): void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    if (!fromAppFrame(event, appOrigin)) {
      return {
        ok: false,
        error: { code: 'BAD_CHANNEL', message: 'Refused: not the app frame.' },
      } satisfies Envelope<never>;
    }
    return dispatch(handlers, channel, payload);
  });
}

function fromAppFrame(event: IpcMainInvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appOrigin);
}

/** Forward core events to a window; returns the unsubscribe function. */
export function forwardEvents(core: ArchiveCore, contents: WebContents): () => void {
  return core.onEvent((event, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
  });
}
