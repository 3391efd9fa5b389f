/**
 * The desktop shell's parts, without Electron: the menu table, the dialog-driven actions, window
 * state, command-line paths and external links.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from '../../src-main/desktop/menu.js';
import { pickMenuLocale } from '../../src-main/desktop/menu-text.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { invoker } from '../../src-main/api/client.js';
import { translate } from '../../src-shared/i18n/translate.js';
import { noticeMessage, type Notice } from '../../src-shared/notice.js';
import { createDesktopActions } from '../../src-main/desktop/desktop-actions.js';
import { loadWindowState, saveWindowState } from '../../src-main/desktop/window-state.js';
import { pathsFromArgv } from '../../src-main/desktop/launch-args.js';
import { isExternalWebUrl, openExternalLink } from '../../src-main/desktop/external-links.js';
import { openCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tmp.js';

function fakeActions(): MenuActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    importFiles: () => calls.push('importFiles'),
    importFolder: () => calls.push('importFolder'),
    exportNotes: () => calls.push('exportNotes'),
    openDataFolder: () => calls.push('openDataFolder'),
    about: () => calls.push('about'),
    command: (c) => calls.push(`command:${c}`),
  };
}

function items(menu: MenuItemConstructorOptions[]): Map<string, MenuItemConstructorOptions> {
  const out = new Map<string, MenuItemConstructorOptions>();
  const walk = (list: MenuItemConstructorOptions[]): void => {
    for (const item of list) {
      if (item.id) out.set(item.id, item);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(menu);
  return out;
}

describe('application menu', () => {
  it('has File, Edit, View, Go and Help with every item wired to its action', () => {
    const actions = fakeActions();
    const menu = buildMenuTemplate(actions, { locale: 'en', isDev: false, platform: 'linux' });
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
    const byId = items(menu);
    const expected: Record<string, string> = {
      'import-files': 'importFiles',
      'import-folder': 'importFolder',
      'export-notes': 'exportNotes',
      settings: 'command:open-settings',
      'font-bigger': 'command:font-bigger',
      'font-smaller': 'command:font-smaller',
      'theme-dark': 'command:theme-dark',
      'theme-sepia': 'command:theme-sepia',
      'go-search': 'command:focus-search',
      'go-back': 'command:go-back',
      'go-forward': 'command:go-forward',
      shortcuts: 'command:show-shortcuts',
      'open-data-folder': 'openDataFolder',
      about: 'about',
    };
    for (const [id, call] of Object.entries(expected)) {
      const item = byId.get(id);
      expect(item, id).toBeDefined();
      (item!.click as () => void)();
      expect(actions.calls.at(-1), id).toBe(call);
    }
    expect(byId.get('quit')?.role).toBe('quit');
    expect(byId.get('zoom-in')?.role).toBe('zoomIn');
    expect(byId.get('go-back')?.accelerator).toBe('Alt+Left');
  });

  it('shows reload and devtools only in development', () => {
    const prod = items(buildMenuTemplate(fakeActions(), { locale: 'en', isDev: false, platform: 'linux' }));
    expect(prod.has('devtools')).toBe(false);
    expect(prod.has('reload')).toBe(false);
    const dev = items(buildMenuTemplate(fakeActions(), { locale: 'en', isDev: true, platform: 'linux' }));
    expect(dev.get('devtools')?.role).toBe('toggleDevTools');
  });

  it('speaks Chinese on a Chinese system unless the user chose otherwise', () => {
    expect(pickMenuLocale('system', 'zh-TW')).toBe('zh-CN');
    expect(pickMenuLocale('system', 'en-US')).toBe('en');
    expect(pickMenuLocale('en', 'zh-CN')).toBe('en');
    const zh = buildMenuTemplate(fakeActions(), { locale: 'zh-CN', isDev: false, platform: 'win32' });
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '前往', '帮助']);
    const mac = buildMenuTemplate(fakeActions(), { locale: 'en', isDev: false, platform: 'darwin' });
    expect(mac[0]?.role).toBe('appMenu');
  });
});

describe('desktop actions', () => {
  async function setup(openResult: string[], savePath?: string) {
    const core = await openCore(await tempDir());
    const sent: unknown[][] = [];
    const dialog = {
      showOpenDialog: vi.fn(async () => ({ canceled: openResult.length === 0, filePaths: openResult })),
      showSaveDialog: vi.fn(async () =>
        savePath ? { canceled: false, filePath: savePath } : { canceled: true },
      ),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    };
    const shell = { openPath: vi.fn(async () => '') };
    const actions = createDesktopActions({
      invoke: invoker(createHandlers(core, '1.2.3')),
      dataDir: core.dataDir,
      dialog: dialog as never,
      shell,
      window: () => undefined,
      send: (e, p) => sent.push([e, p]),
      version: '1.2.3',
      locale: async () => 'en',
    });
    return { core, actions, sent, dialog, shell };
  }

  it('imports the files chosen in the open dialog and tells the window', async () => {
    const folder = await tempDir();
    const page = join(folder, 'page.txt');
    const seed = await readFile(join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt'), 'utf8');
    await writeFile(page, seed.replace('福建全面加强', '福建全面加强(副本)'));
    const { actions, sent, dialog } = await setup([page]);
    actions.importFiles();
    await vi.waitFor(() => expect(sent.length).toBe(1), { timeout: 15_000 });
    expect(dialog.showOpenDialog.mock.calls[0]).toEqual([
      expect.objectContaining({ properties: ['openFile', 'multiSelections'] }),
    ]);
    expect(sent[0]).toEqual([
      'app:notice',
      { kind: 'info', code: 'imported', n: 1, added: expect.any(Number), rejected: 0 },
    ]);
    const { key, vars } = noticeMessage(sent[0]![1] as Notice);
    expect(translate('en', key, vars)).toMatch(/^Imported 1 files, \d+ new articles\.$/);
    expect(translate('zh-CN', key, vars)).toMatch(/^已导入 1 个文件/);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { core, actions, sent } = await setup([]);
    const before = core.catalog.size;
    actions.importFolder();
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([]);
    expect(core.catalog.size).toBe(before);
  });

  it('exports notes as Markdown or JSON by the chosen file name', async () => {
    const dir = await tempDir();
    const md = join(dir, 'notes.md');
    const { core, actions, sent } = await setup([], md);
    const id = core.catalog.listArticles().find((a) => a.kind === 'full')!.id;
    await core.library.setBookmark(id, { note: '值得重读' });
    actions.exportNotes();
    await vi.waitFor(() => expect(sent.length).toBe(1));
    expect(await readFile(md, 'utf8')).toContain('Bookmark note: 值得重读');
  });

  it('opens the data folder and sends menu commands to the window', async () => {
    const { core, actions, sent, shell } = await setup([]);
    actions.openDataFolder();
    expect(shell.openPath).toHaveBeenCalledWith(core.dataDir);
    actions.command('focus-search');
    expect(sent.at(-1)).toEqual(['app:command', { command: 'focus-search' }]);
  });
});

describe('window state', () => {
  it('restores size and position, and drops a position that is off every screen', async () => {
    const file = join(await tempDir(), 'window-state.json');
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(await loadWindowState(file, screens)).toEqual({ width: 1280, height: 800, maximized: false });
    await saveWindowState(file, { x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(await loadWindowState(file, screens)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
    await saveWindowState(file, { x: 5000, y: 50, width: 1000, height: 700, maximized: false });
    expect(await loadWindowState(file, screens)).toEqual({ width: 1000, height: 700, maximized: false });
    await writeFile(file, '{broken');
    expect(await loadWindowState(file, screens)).toEqual({ width: 1280, height: 800, maximized: false });
  });
});

describe('command-line paths', () => {
  it('keeps existing page files and folders, skipping the executable, switches and the app folder', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'archive'));
    await writeFile(join(dir, 'a.txt'), 'x');
    await writeFile(join(dir, 'b.pdf'), 'x');
    const argv = ['/usr/bin/yuelan', '.', '--flag', 'a.txt', 'b.pdf', 'archive', 'missing.txt'];
    expect(pathsFromArgv(argv, dir)).toEqual([join(dir, 'a.txt'), join(dir, 'archive')]);
  });
});

describe('external links', () => {
  it('accepts only http and https, and opens only after confirmation', async () => {
    expect(isExternalWebUrl('https://example.com')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'yuelan://x', 'not a url']) {
      expect(isExternalWebUrl(bad)).toBe(false);
    }
    const opened: string[] = [];
    const deps = (answer: boolean) => ({
      confirm: async () => answer,
      openExternal: async (u: string) => {
        opened.push(u);
      },
    });
    expect(await openExternalLink('https://a.example', deps(false))).toBe(false);
    expect(await openExternalLink('https://b.example', deps(true))).toBe(true);
    expect(await openExternalLink('file:///x', deps(true))).toBe(false);
    expect(opened).toEqual(['https://b.example']);
  });
});
