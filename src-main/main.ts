/**
 * Electron entry: one window over the archive core, its guards, the menu and the app lifecycle.
 * Thin on purpose: the work lives in archive/ (the core) and desktop/ (options, guards, menu, actions).
 */
import * as electron from 'electron';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { ArchiveCore } from './archive/archive-core.js';
import { appVersion, findSeedsDir } from './app-paths.js';
import { resolveDataDir } from './archive/data-dir.js';
import { createHandlers } from './api/handlers.js';
import { setSecretSealer, startBackgroundSync } from './api/sync-handlers.js';
import { keychainSealer, type SafeStorageLike } from './desktop/keychain-sealer.js';
import { ResourceServer } from './api/archive-resources.js';
import {
  ARCHIVE_SCHEME_PRIVILEGES,
  guardSubframes,
  handleArchiveProtocol,
} from './desktop/archive-protocol.js';
import { call, invoker } from './api/client.js';
import type { Events } from './api/contract.js';
import { IPC_EVENT } from './api/bridge.js';
import { mainWindowOptions } from './desktop/window-options.js';
import { denyPermissions, guardWebContents } from './desktop/security.js';
import { forwardEvents, registerIpc } from './desktop/ipc.js';
import { buildMenuTemplate } from './desktop/menu.js';
import { pickMenuLocale } from './desktop/menu-text.js';
import { translate, type MessageKey } from '../src-shared/i18n/translate.js';
import { createDesktopActions } from './desktop/desktop-actions.js';
import { openExternalLink } from './desktop/external-links.js';
import { pathsFromArgv } from './desktop/launch-args.js';
import { loadWindowState, saveWindowState, windowStateFile } from './desktop/window-state.js';

// The CLI and the serve shell resolve the same folder, so all three share one library.
app.setPath('userData', resolveDataDir());
// The archive's pictures and saved originals (desktop/archive-protocol.ts): registered before ready.
protocol.registerSchemesAsPrivileged([ARCHIVE_SCHEME_PRIVILEGES]);

const devServer = process.env.ELECTRON_RENDERER_URL;
const appOrigin = devServer ? new URL(devServer).origin : 'file://';
let win: BrowserWindow | undefined;

function send<E extends keyof Events>(event: E, payload: Events[E]): void {
  if (win && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
}

/** Both languages at once, for what is asked before the user's language is known to matter. */
const bilingual = (key: MessageKey): string => `${translate('zh-CN', key)} ${translate('en', key)}`;

async function confirmExternal(url: string): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: [bilingual('desktop.link.open'), bilingual('desktop.link.cancel')],
    defaultId: 1,
    cancelId: 1,
    message: bilingual('desktop.link.confirm'),
    detail: url,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}

async function start(): Promise<void> {
  // A second launch hands its files to the first and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  denyPermissions(session.defaultSession);
  const openLink = (url: string): void =>
    void openExternalLink(url, { confirm: confirmExternal, openExternal: (u) => shell.openExternal(u) });
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, appOrigin, openLink);
    guardSubframes(contents);
  });

  const seedsDir = findSeedsDir();
  const core = await ArchiveCore.open(app.getPath('userData'), {
    indexInBackground: true,
    ...(seedsDir ? { seedsDir } : {}),
  });
  await core.startWatching();
  handleArchiveProtocol(protocol, new ResourceServer(core.dataDir));
  setSecretSealer(keychainSealer(() => (electron as { safeStorage?: SafeStorageLike }).safeStorage));
  const handlers = createHandlers(core, appVersion());
  startBackgroundSync(core);
  registerIpc(ipcMain, handlers, appOrigin);
  const invoke = invoker(handlers);

  const locale = async () =>
    pickMenuLocale((await call(invoke, 'library:settings', {})).locale, app.getLocale());
  const actions = createDesktopActions({
    invoke,
    dataDir: core.dataDir,
    dialog,
    shell,
    window: () => win,
    send,
    version: appVersion(),
    locale,
  });
  const isDev = Boolean(devServer) || !app.isPackaged;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(actions, { locale: await locale(), isDev, platform: process.platform }),
    ),
  );

  const stateFile = windowStateFile(app.getPath('userData'));
  const state = await loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options = mainWindowOptions(fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)));
  win = new BrowserWindow({
    ...options,
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  const unsubscribe = forwardEvents(core, win.webContents);
  win.on('close', () => {
    if (!win) return;
    const b = win.getNormalBounds();
    void saveWindowState(stateFile, { ...b, maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    unsubscribe();
    win = undefined;
  });
  win.once('ready-to-show', () => win?.show());

  app.on('second-instance', (_event, argv, cwd) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    void actions.importPaths(pathsFromArgv(argv, cwd));
  });

  // Quitting during an import: stop after the current batch (the importer keeps the catalog
  // consistent at batch boundaries), then quit.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core.importing) return;
    event.preventDefault();
    quitting = true;
    void core.close().finally(() => app.quit());
  });

  if (devServer) await win.loadURL(devServer);
  else await win.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));

  // Files given on the first launch's command line.
  void actions.importPaths(pathsFromArgv(process.argv, process.cwd()));
}

app.on('window-all-closed', () => app.quit());

start().catch((err: unknown) => {
  console.error('Yuelan failed to start:', err);
  const message = err instanceof Error ? err.message : String(err);
  // better-sqlite3 left built for Node (npm install) rather than for Electron: say what to run.
  const hint = /NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)
    ? `\n\n${translate('en', 'desktop.nativeModule')}`
    : '';
  dialog.showErrorBox('Yuelan', translate('en', 'desktop.startFailed', { message }) + hint);
  app.exit(1);
});
