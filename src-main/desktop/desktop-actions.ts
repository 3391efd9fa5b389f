/**
 * What the menu, the dock and a second launch do: native open and save dialogs around the core's
 * import and export, opening the data folder, the About box. Electron's modules come in as
 * parameters so the tests can drive every action with fakes.
 */
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { ArchiveCore } from '../archive/archive-core.js';
import { BusyError } from '../archive/archive-core.js';
import { exportLibraryJson, exportLibraryMarkdown } from '../archive/library/library-export.js';
import { writeFileDurably } from '../archive/store/durable-json-file.js';
import type { AppCommand, Events } from '../api/contract.js';
import type { MenuActions } from './menu.js';
import type { MenuLocale } from './menu-text.js';

export interface DesktopDeps {
  core: ArchiveCore;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  shell: Pick<Shell, 'openPath'>;
  window: () => BrowserWindow | undefined;
  send: <E extends keyof Events>(event: E, payload: Events[E]) => void;
  version: string;
  locale: () => MenuLocale;
}

const words = {
  'zh-CN': {
    pages: '新闻页面',
    all: '所有文件',
    imported: (n: number, a: number, r: number) =>
      `已导入 ${n} 个文件,新增 ${a} 篇文章` + (r ? `,${r} 个文件被拒绝` : '') + '。',
    busy: '正在导入,请等待完成或取消后再试。',
    failed: '导入失败:',
    exported: (p: string) => `笔记已导出到 ${p}`,
    exportFailed: '导出失败:',
    notes: 'Markdown 笔记',
    library: '完整书库 (JSON)',
    about: '阅览 Yuelan — 离线新闻存档阅读器',
  },
  en: {
    pages: 'News pages',
    all: 'All files',
    imported: (n: number, a: number, r: number) =>
      `Imported ${n} files, ${a} new articles` + (r ? `, ${r} files rejected` : '') + '.',
    busy: 'An import is running; wait for it or cancel it, then try again.',
    failed: 'Import failed: ',
    exported: (p: string) => `Notes exported to ${p}`,
    exportFailed: 'Export failed: ',
    notes: 'Markdown notes',
    library: 'Whole library (JSON)',
    about: 'Yuelan 阅览 — an offline reader for news archives',
  },
} as const;

export function createDesktopActions(
  deps: DesktopDeps,
): MenuActions & { importPaths(paths: string[]): Promise<void> } {
  const w = () => words[deps.locale()];

  async function importPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    try {
      const r = await deps.core.importPaths(paths);
      deps.send('app:notice', {
        kind: r.files.rejected ? 'error' : 'info',
        message: w().imported(r.files.imported, r.articles.added, r.files.rejected),
      });
    } catch (err) {
      const message =
        err instanceof BusyError ? w().busy : w().failed + (err instanceof Error ? err.message : String(err));
      deps.send('app:notice', { kind: 'error', message });
    }
  }

  async function open(properties: ('openFile' | 'openDirectory' | 'multiSelections')[]): Promise<string[]> {
    const win = deps.window();
    const options = {
      properties,
      filters: [
        { name: w().pages, extensions: ['txt'] },
        { name: w().all, extensions: ['*'] },
      ],
    };
    const result = win
      ? await deps.dialog.showOpenDialog(win, options)
      : await deps.dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  }

  return {
    importPaths,
    importFiles: () => void open(['openFile', 'multiSelections']).then(importPaths),
    importFolder: () => void open(['openDirectory', 'multiSelections']).then(importPaths),
    exportNotes: () =>
      void (async () => {
        const day = new Date().toISOString().slice(0, 10);
        const options = {
          defaultPath: `yuelan-notes-${day}.md`,
          filters: [
            { name: w().notes, extensions: ['md'] },
            { name: w().library, extensions: ['json'] },
          ],
        };
        const win = deps.window();
        const result = win
          ? await deps.dialog.showSaveDialog(win, options)
          : await deps.dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return;
        try {
          const json = result.filePath.toLowerCase().endsWith('.json');
          const content = json
            ? exportLibraryJson(deps.core.library)
            : exportLibraryMarkdown(deps.core.library, deps.core.catalog);
          await writeFileDurably(result.filePath, content);
          deps.send('app:notice', { kind: 'info', message: w().exported(result.filePath) });
        } catch (err) {
          deps.send('app:notice', { kind: 'error', message: w().exportFailed + String(err) });
        }
      })(),
    openDataFolder: () => void deps.shell.openPath(deps.core.dataDir),
    about: () =>
      void deps.dialog.showMessageBox({
        type: 'info',
        title: 'Yuelan',
        message: `${w().about}\n${deps.version}`,
        detail: deps.core.dataDir,
      }),
    command: (command: AppCommand) => deps.send('app:command', { command }),
  };
}
