/**
 * What the core recovered at open (a store set aside, restored or rebuilt), as data: the core sends
 * it once (`app:info`'s `recoveryNotices`), and every shell words it from the one text table: the
 * renderer's banner in the UI language, the CLI and the serve shell's console in English.
 */
import { translate, type Locale, type MessageKey, type MessageVars } from './i18n/translate.js';

/** A store that was unreadable at open and what was done about it. */
export interface RecoveryNotice {
  /** `limits`: source files imported before the import limits, imported again under them. */
  store: 'library' | 'catalog' | 'limits';
  reason?: string;
  /** Where the unreadable file was moved. */
  setAside?: string;
  /** How many source files were imported again (`limits`). */
  reimported?: number;
  /** The library backup that was restored. */
  restoredFrom?: string;
  /** How many source files the catalog was rebuilt from. */
  rebuiltFiles?: number;
  /** An earlier version's catalog could not be upgraded; its files stay at `setAside`. */
  migrationFailed?: boolean;
}

/** The table key and the placeholder values that word `notice`. */
export function recoveryMessage(notice: RecoveryNotice): { key: MessageKey; vars: MessageVars } {
  const setAside = notice.setAside ?? '';
  if (notice.store === 'limits') return { key: 'recovery.limits', vars: { n: notice.reimported ?? 0 } };
  if (notice.store === 'library') {
    return notice.restoredFrom
      ? { key: 'recovery.library.restored', vars: { setAside, restoredFrom: notice.restoredFrom } }
      : { key: 'recovery.library.empty', vars: { setAside } };
  }
  if (notice.migrationFailed)
    return { key: 'recovery.catalog.migrationFailed', vars: { setAside, n: notice.rebuiltFiles ?? 0 } };
  return notice.rebuiltFiles !== undefined
    ? { key: 'recovery.catalog.rebuilt', vars: { setAside, n: notice.rebuiltFiles } }
    : { key: 'recovery.catalog.setAside', vars: { setAside } };
}

/** The notice as one line of text in `locale`, with its reason when there is one. */
export function recoveryText(locale: Locale, notice: RecoveryNotice): string {
  const { key, vars } = recoveryMessage(notice);
  const text = translate(locale, key, vars);
  return notice.reason ? `${text} ${translate(locale, 'recovery.reason', { reason: notice.reason })}` : text;
}
