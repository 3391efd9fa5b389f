/**
 * The archive's calendar: pages give China Standard Time (UTC+8, no daylight saving), and a day of
 * the archive is a day in that zone. The one place that turns a time into its day and a day into its
 * span, for the core (timeline, search filters) and the renderer (day headings, note filters) alike.
 */

/** China Standard Time's offset from UTC, in milliseconds. */
export const ARCHIVE_UTC_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const CST_TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+\+08:00$/;

/** The archive day (YYYY-MM-DD, China Standard Time) of a time, or '' when there is none. */
export function archiveDay(time: string | number | undefined | null): string {
  if (time === undefined || time === null || time === '') return '';
  // The importer writes times with +08:00: their first ten characters are the day.
  if (typeof time === 'string' && CST_TIME.test(time)) return time.slice(0, 10);
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) return '';
  return new Date(ms + ARCHIVE_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant (ms since the epoch) of an archive day given as YYYY-MM-DD; NaN if unreadable. */
export function archiveDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - ARCHIVE_UTC_OFFSET_MS;
}

/** The first instant after an archive day (its end, exclusive). */
export function archiveDayEnd(day: string): number {
  return archiveDayStart(day) + DAY_MS;
}
