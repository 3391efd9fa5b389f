/**
 * The preload: exposes window.yuelan (typed invoke + event subscription) and nothing else. It runs
 * sandboxed, so it only forwards messages; validation happens in the main process.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { ARCHIVE_SCHEME, EVENT_NAMES, IPC_EVENT, IPC_INVOKE, type YuelanBridge } from './api/bridge.js';
import type { EventName, Events } from './api/contract.js';

const bridge: YuelanBridge = {
  shell: 'electron',
  pathsForFiles: (files) => files.map((f) => webUtils.getPathForFile(f)).filter(Boolean),
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  resourceUrl: (kind, name) => `${ARCHIVE_SCHEME}://${kind}/${encodeURIComponent(name)}`,
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: Events[E]): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld('yuelan', bridge);
