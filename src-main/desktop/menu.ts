/**
 * The application menu as data: File, Edit, View, Go, Help, with their accelerators. Built from a
 * table of actions so tests can check every item without Electron, and main.ts only wires actions.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../api/contract.js';
import { menuText, type MenuLocale } from './menu-text.js';

export interface MenuActions {
  importFiles(): void;
  importFolder(): void;
  exportNotes(): void;
  openDataFolder(): void;
  about(): void;
  /** Ask the renderer to do something (focus search, go back, change the theme, ...). */
  command(command: AppCommand): void;
}

export interface MenuOptions {
  locale: MenuLocale;
  isDev: boolean;
  platform: NodeJS.Platform;
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const t = menuText(options.locale);
  const mac = options.platform === 'darwin';
  const cmd = (command: AppCommand) => () => actions.command(command);

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      {
        id: 'import-files',
        label: t.importFiles,
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.importFiles(),
      },
      {
        id: 'import-folder',
        label: t.importFolder,
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.importFolder(),
      },
      { type: 'separator' },
      {
        id: 'export-notes',
        label: t.exportNotes,
        accelerator: 'CmdOrCtrl+E',
        click: () => actions.exportNotes(),
      },
      { type: 'separator' },
      { id: 'settings', label: t.settings, accelerator: 'CmdOrCtrl+,', click: cmd('open-settings') },
      { type: 'separator' },
      { id: 'quit', label: t.quit, role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { id: 'font-bigger', label: t.fontBigger, accelerator: 'CmdOrCtrl+=', click: cmd('font-bigger') },
      { id: 'font-smaller', label: t.fontSmaller, accelerator: 'CmdOrCtrl+-', click: cmd('font-smaller') },
      { id: 'font-reset', label: t.fontReset, accelerator: 'CmdOrCtrl+0', click: cmd('font-reset') },
      { type: 'separator' },
      {
        id: 'theme',
        label: t.theme,
        submenu: [
          { id: 'theme-system', label: t.themeSystem, click: cmd('theme-system') },
          { id: 'theme-light', label: t.themeLight, click: cmd('theme-light') },
          { id: 'theme-dark', label: t.themeDark, click: cmd('theme-dark') },
          { id: 'theme-sepia', label: t.themeSepia, click: cmd('theme-sepia') },
        ],
      },
      { type: 'separator' },
      { id: 'zoom-in', label: t.zoomIn, role: 'zoomIn', accelerator: 'CmdOrCtrl+Shift+=' },
      { id: 'zoom-out', label: t.zoomOut, role: 'zoomOut', accelerator: 'CmdOrCtrl+Shift+-' },
      { id: 'zoom-reset', label: t.zoomReset, role: 'resetZoom', accelerator: 'CmdOrCtrl+Shift+0' },
      ...(options.isDev
        ? ([
            { type: 'separator' },
            { id: 'reload', label: t.reload, role: 'reload' },
            { id: 'devtools', label: t.devtools, role: 'toggleDevTools' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };

  const go: MenuItemConstructorOptions = {
    label: t.go,
    submenu: [
      { id: 'go-search', label: t.search, accelerator: 'CmdOrCtrl+K', click: cmd('focus-search') },
      { id: 'go-back', label: t.back, accelerator: mac ? 'Cmd+[' : 'Alt+Left', click: cmd('go-back') },
      {
        id: 'go-forward',
        label: t.forward,
        accelerator: mac ? 'Cmd+]' : 'Alt+Right',
        click: cmd('go-forward'),
      },
      { id: 'go-sources', label: t.sources, click: cmd('open-sources') },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [
      // '?' is typed into the search box too, so the menu shows it without taking the key.
      {
        id: 'shortcuts',
        label: t.shortcuts,
        accelerator: 'Shift+/',
        registerAccelerator: false,
        click: cmd('show-shortcuts'),
      },
      { id: 'open-data-folder', label: t.openDataFolder, click: () => actions.openDataFolder() },
      { type: 'separator' },
      { id: 'about', label: t.about, click: () => actions.about() },
    ],
  };

  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    file,
    edit,
    view,
    go,
    help,
  ];
}
