/**
 * What an export of the library is called: the save dialog's suggestion (desktop), the download's
 * name (the app) and the core's answer all use this one name.
 */
export type ExportFormat = 'md' | 'json';

/** `yuelan-notes-YYYY-MM-DD.md` or `yuelan-library-YYYY-MM-DD.json` (the UTC date of `now`). */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return format === 'md' ? `yuelan-notes-${day}.md` : `yuelan-library-${day}.json`;
}
