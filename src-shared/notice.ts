/**
 * A notice from the desktop shell to the renderer (`app:notice`): what happened, as data. The
 * renderer words it from the one text table (`noticeKey` picks the message), in the user's language.
 */
import type { MessageKey } from './i18n/translate.js';

export type Notice =
  | { kind: 'info' | 'error'; code: 'imported'; n: number; added: number; rejected: number }
  | { kind: 'error'; code: 'importBusy' }
  | { kind: 'error'; code: 'importFailed' | 'exportFailed'; message: string }
  | { kind: 'info'; code: 'exported'; path: string };

/** The table key and the placeholder values that word `notice`. */
export function noticeMessage(notice: Notice): { key: MessageKey; vars: Record<string, string | number> } {
  switch (notice.code) {
    case 'imported':
      return {
        key: notice.rejected ? 'notice.importedRejected' : 'notice.imported',
        vars: { n: notice.n, added: notice.added, rejected: notice.rejected },
      };
    case 'importBusy':
      return { key: 'notice.importBusy', vars: {} };
    case 'importFailed':
    case 'exportFailed':
      return { key: `notice.${notice.code}`, vars: { message: notice.message } };
    case 'exported':
      return { key: 'notice.exported', vars: { path: notice.path } };
  }
}
