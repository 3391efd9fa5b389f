/**
 * What the menu, the dock and a second launch do: native open and save dialogs around the core's
 * import and export, opening the data folder, the About box. Electron's modules come in as
 * parameters so the tests can drive every action with fakes.
 */
import type { BrowserWindow, Dialog, Shell } from 'electron';
import { ALL_EXTENSIONS } from '../archive/ingest/formats/sniff.js';
import { writeFileDurably } from '../archive/store/durable-json-file.js';
import type { AppCommand, Events } from '../api/contract.js';
import { ApiError, call, type Invoke } from '../api/client.js';
import type { MenuActions } from './menu.js';
import type { MenuLocale } from './menu-text.js';
import { translate, type MessageKey } from '../../src-shared/i18n/translate.js';
import { exportFileName } from '../../src-shared/export-name.js';

export interface DesktopDeps {
  /** The contract, as the renderer has it: every import and export goes through dispatch(). */
  invoke: Invoke;
  dataDir: string;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  shell: Pick<Shell, 'openPath'>;
  window: () => BrowserWindow | undefined;
  send: <E extends keyof Events>(event: E, payload: Events[E]) => void;
  version: string;
  locale: () => Promise<MenuLocale>;
}

export function createDesktopActions(
  deps: DesktopDeps,
): MenuActions & { importPaths(paths: string[]): Promise<void> } {
  const words = async (...keys: MessageKey[]): Promise<string[]> => {
    const locale = await deps.locale();
    return keys.map((key) => translate(locale, key));
  };

  async function importPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    try {
      const r = await call(deps.invoke, 'archive:import', { paths });
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
        err instanceof ApiError && err.code === 'BUSY'
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
    const [pages, all] = await words('desktop.filter.pages', 'desktop.filter.all');
    const win = deps.window();
    const options = {
      properties,
      filters: [
        // Every format the importer reads (`.warc.gz` is offered as `gz`: the dialog matches one ending).
        { name: pages!, extensions: [...new Set(ALL_EXTENSIONS.map((e) => e.split('.').pop()!))] },
        { name: all!, extensions: ['*'] },
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
        const [notes, library] = await words('desktop.filter.notes', 'desktop.filter.library');
        const options = {
          defaultPath: exportFileName('md'),
          filters: [
            { name: notes!, extensions: ['md'] },
            { name: library!, extensions: ['json'] },
          ],
        };
        const win = deps.window();
        const result = win
          ? await deps.dialog.showSaveDialog(win, options)
          : await deps.dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return;
        try {
          const format = result.filePath.toLowerCase().endsWith('.json') ? 'json' : 'md';
          const { content } = await call(deps.invoke, 'library:export', { format });
          await writeFileDurably(result.filePath, content);
          deps.send('app:notice', { kind: 'info', code: 'exported', path: result.filePath });
        } catch (err) {
          deps.send('app:notice', { kind: 'error', code: 'exportFailed', message: String(err) });
        }
      })(),
    openDataFolder: () => void deps.shell.openPath(deps.dataDir),
    about: () =>
      void words('desktop.about').then(([about]) =>
        deps.dialog.showMessageBox({
          type: 'info',
          title: 'Yuelan',
          message: `${about}\n${deps.version}`,
          detail: deps.dataDir,
        }),
      ),
    command: (command: AppCommand) => deps.send('app:command', { command }),
  };
}
