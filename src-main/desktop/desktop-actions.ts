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
import { translate, type MessageKey } from '../../src-shared/i18n/translate.js';

export interface DesktopDeps {
  core: ArchiveCore;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  shell: Pick<Shell, 'openPath'>;
  window: () => BrowserWindow | undefined;
  send: <E extends keyof Events>(event: E, payload: Events[E]) => void;
  version: string;
  locale: () => MenuLocale;
}

export function createDesktopActions(
  deps: DesktopDeps,
): MenuActions & { importPaths(paths: string[]): Promise<void> } {
  const w = (key: MessageKey): string => translate(deps.locale(), key);

  async function importPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    try {
      const r = await deps.core.importPaths(paths);
      deps.send('app:notice', {
        kind: r.files.rejected ? 'error' : 'info',
        code: 'imported',
        n: r.files.imported,
        added: r.articles.added,
        rejected: r.files.rejected,
      });
    } catch (err) {
      deps.send(
        'app:notice',
        err instanceof BusyError
          ? { kind: 'error', code: 'importBusy' }
          : {
              kind: 'error',
              code: 'importFailed',
              message: err instanceof Error ? err.message : String(err),
            },
      );
    }
  }

  async function open(properties: ('openFile' | 'openDirectory' | 'multiSelections')[]): Promise<string[]> {
    const win = deps.window();
    const options = {
      properties,
      filters: [
        { name: w('desktop.filter.pages'), extensions: ['txt'] },
        { name: w('desktop.filter.all'), extensions: ['*'] },
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
            { name: w('desktop.filter.notes'), extensions: ['md'] },
            { name: w('desktop.filter.library'), extensions: ['json'] },
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
          deps.send('app:notice', { kind: 'info', code: 'exported', path: result.filePath });
        } catch (err) {
          deps.send('app:notice', { kind: 'error', code: 'exportFailed', message: String(err) });
        }
      })(),
    openDataFolder: () => void deps.shell.openPath(deps.core.dataDir),
    about: () =>
      void deps.dialog.showMessageBox({
        type: 'info',
        title: 'Yuelan',
        message: `${w('desktop.about')}\n${deps.version}`,
        detail: deps.core.dataDir,
      }),
    command: (command: AppCommand) => deps.send('app:command', { command }),
  };
}
