/**
 * Electron entry: one window over the archive core, its guards, and the app lifecycle. Thin on
 * purpose: the work lives in archive/ (the core) and desktop/ (window options, guards, IPC).
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { ArchiveCore } from './archive/archive-core.js';
import { appVersion } from './archive/app-paths.js';
import { resolveDataDir } from './archive/data-dir.js';
import { createHandlers } from './api/handlers.js';
import { mainWindowOptions } from './desktop/window-options.js';
import { denyPermissions, guardWebContents } from './desktop/security.js';
import { forwardEvents, registerIpc } from './desktop/ipc.js';

// The CLI and the serve shell resolve the same folder, so all three share one library.
app.setPath('userData', resolveDataDir());

const devServer = process.env.ELECTRON_RENDERER_URL;
const appOrigin = devServer ? new URL(devServer).origin : 'file://';

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appOrigin));

  const core = await ArchiveCore.open(app.getPath('userData'));
  registerIpc(ipcMain, createHandlers(core, appVersion()), appOrigin);

  const win = new BrowserWindow(
    mainWindowOptions(fileURLToPath(new URL('../preload/preload.cjs', import.meta.url))),
  );
  const unsubscribe = forwardEvents(core, win.webContents);
  win.on('closed', unsubscribe);
  win.once('ready-to-show', () => win.show());
  if (devServer) await win.loadURL(devServer);
  else await win.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
}

app.on('window-all-closed', () => app.quit());

start().catch((err: unknown) => {
  console.error('Yuelan failed to start:', err);
  app.exit(1);
});
