/**
 * The Electron wiring, with a mocked `electron` module (no Electron binary can run here): window
 * options, navigation / window-open / permission guards, IPC registration and the app's start-up.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { IPC_EVENT, IPC_INVOKE } from '../../src-main/api/bridge.js';
import { tempDir } from '../helpers/tmp.js';

type Handler = (...args: unknown[]) => unknown;

const mock = vi.hoisted(() => {
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const appListeners = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: unknown; loaded: string[]; contents: unknown }[] = [];
  const permissionHandler: { fn?: (...args: unknown[]) => unknown; check?: (...args: unknown[]) => unknown } =
    {};
  const menus: unknown[] = [];
  const opened: string[] = [];
  const dialogs: { answer: number; asked: unknown[] } = { answer: 1, asked: [] };
  const schemes: unknown[] = [];
  const protocols = new Map<string, (request: Request) => Promise<Response>>();
  return {
    ipcHandlers,
    appListeners,
    windows,
    permissionHandler,
    menus,
    opened,
    dialogs,
    schemes,
    protocols,
    userData: '',
  };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWebContents extends EventEmitter {
    sent: unknown[][] = [];
    openHandler?: Handler;
    setWindowOpenHandler(fn: Handler): void {
      this.openHandler = fn;
    }
    send(...args: unknown[]): void {
      this.sent.push(args);
    }
    isDestroyed(): boolean {
      return false;
    }
  }
  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(readonly options: unknown) {
      super();
      mock.windows.push({ options, loaded: this.loaded, contents: this.webContents });
    }
    maximize(): void {}
    isMaximized(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    focus(): void {}
    getNormalBounds(): { x: number; y: number; width: number; height: number } {
      return { x: 10, y: 20, width: 1100, height: 700 };
    }
    async loadFile(file: string): Promise<void> {
      this.loaded.push(file);
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
    }
    show(): void {}
  }
  const app = {
    setPath: (name: string, value: string) => {
      if (name === 'userData') mock.userData = value;
    },
    getPath: () => mock.userData,
    getLocale: () => 'zh-CN',
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on: (event: string, fn: Handler) => mock.appListeners.set(event, fn),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const ipcMain = { handle: (channel: string, fn: Handler) => mock.ipcHandlers.set(channel, fn) };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: Handler) => (mock.permissionHandler.fn = fn),
      setPermissionCheckHandler: (fn: Handler) => (mock.permissionHandler.check = fn),
    },
  };
  const Menu = {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => mock.menus.push(menu),
  };
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
  const dialog = {
    showMessageBox: async (...args: unknown[]) => {
      mock.dialogs.asked.push(args);
      return { response: mock.dialogs.answer };
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
    showErrorBox: vi.fn(),
  };
  const shell = {
    openExternal: async (url: string) => {
      mock.opened.push(url);
    },
    openPath: async () => '',
  };
  const protocol = {
    registerSchemesAsPrivileged: (list: unknown[]) => mock.schemes.push(...list),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => mock.protocols.set(scheme, fn),
  };
  const electron = { app, BrowserWindow, ipcMain, session, Menu, screen, dialog, shell, protocol };
  return { ...electron, FakeWebContents, default: electron };
});

describe('Electron main process', () => {
  beforeAll(async () => {
    process.env.YUELAN_DATA = await tempDir();
    await import('../../src-main/main.js');
    await vi.waitFor(() => expect(mock.windows).toHaveLength(1), { timeout: 20_000 });
  });

  it('opens one window with every web security switch on and the CommonJS preload', () => {
    const opts = mock.windows[0]!.options as { webPreferences: Record<string, unknown> };
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(opts.webPreferences.preload)).toMatch(/preload[/\\]preload\.cjs$/);
    expect(mock.windows[0]!.loaded[0]).toMatch(/renderer[/\\]index\.html$/);
  });

  it('serves the archive’s pictures and originals through its own privileged protocol', () => {
    expect(mock.schemes).toEqual([
      { scheme: 'yuelan-archive', privileges: { standard: true, secure: true } },
    ]);
    expect(mock.protocols.get('yuelan-archive')).toBeTypeOf('function');
  });

  it('uses the shared data folder as userData', () => {
    expect(mock.userData).toBe(process.env.YUELAN_DATA);
  });

  it('denies every permission request', () => {
    const callback = vi.fn();
    mock.permissionHandler.fn?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(mock.permissionHandler.check?.({}, 'notifications')).toBe(false);
  });

  it('installs the application menu: File, Edit, View, Go, Help, in Chinese for a Chinese system', () => {
    const menu = mock.menus[0] as { label?: string }[];
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '前往', '帮助']);
  });

  it('opens web links in the system browser only after the user confirms, and never other schemes', async () => {
    const { FakeWebContents } = (await import('electron')) as unknown as {
      FakeWebContents: new () => EventEmitter & { openHandler?: Handler };
    };
    const contents = new FakeWebContents();
    mock.appListeners.get('web-contents-created')?.({}, contents);
    mock.dialogs.answer = 1; // Cancel
    contents.openHandler?.({ url: 'https://example.com/declined' });
    await vi.waitFor(() => expect(mock.dialogs.asked.length).toBeGreaterThan(0));
    mock.dialogs.answer = 0; // Open
    contents.emit('will-navigate', { preventDefault: vi.fn() }, 'https://example.com/accepted');
    await vi.waitFor(() => expect(mock.opened).toEqual(['https://example.com/accepted']));
    const asked = mock.dialogs.asked.length;
    contents.openHandler?.({ url: 'file:///etc/passwd' });
    contents.openHandler?.({ url: 'javascript:alert(1)' });
    await new Promise((r) => setTimeout(r, 20));
    expect(mock.dialogs.asked.length).toBe(asked);
    expect(mock.opened).toEqual(['https://example.com/accepted']);
  });

  it('denies new windows and navigation away from the app on every web contents', async () => {
    const { FakeWebContents } = (await import('electron')) as unknown as {
      FakeWebContents: new () => EventEmitter & { openHandler?: Handler };
    };
    const contents = new FakeWebContents();
    mock.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, 'file:///app/out/renderer/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('registers one invoke channel that validates requests and refuses other frames', async () => {
    const handle = mock.ipcHandlers.get(IPC_INVOKE)!;
    expect(handle).toBeTypeOf('function');
    const appFrame = { senderFrame: { url: 'file:///x/out/renderer/index.html', parent: null } };
    const info = (await handle(appFrame, 'app:info', {})) as { ok: boolean; value: { articles: number } };
    expect(info.ok).toBe(true);
    expect(info.value.articles).toBeGreaterThan(0);

    expect(await handle(appFrame, 'archive:get', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await handle(appFrame, 'fs:readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_CHANNEL' },
    });

    const subFrame = { senderFrame: { url: 'file:///x/out/renderer/index.html', parent: {} } };
    expect(await handle(subFrame, 'app:info', {})).toMatchObject({ ok: false });
    const remote = { senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await handle(remote, 'app:info', {})).toMatchObject({ ok: false });
  });

  it('forwards core events (import progress, archive changed) to the window', async () => {
    const contents = mock.windows[0]!.contents as { sent: unknown[][] };
    const handle = mock.ipcHandlers.get(IPC_INVOKE)!;
    const appFrame = { senderFrame: { url: 'file:///x/out/renderer/index.html', parent: null } };
    const report = await handle(appFrame, 'archive:import', { paths: [join(process.cwd(), 'seeds')] });
    expect(report).toMatchObject({ ok: true });
    const events = contents.sent.filter((m) => m[0] === IPC_EVENT).map((m) => m[1]);
    expect(events).toContain('import:progress');
    expect(events).toContain('archive:changed');
  });
});
