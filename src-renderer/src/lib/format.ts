/**
 * Dates as the archive gives them: publishedAt is ISO 8601 in China Standard Time, and the reader
 * shows it in that zone (the time the paper printed), in the UI language's conventions. A page that
 * printed only a date has `publishedPrecision: 'day'` (and may store the date alone, `YYYY-MM-DD`):
 * it is shown as a date, never with an invented 00:00.
 */
import type { TimePrecision } from '$contract';
import type { Locale } from './i18n/i18n.svelte';

const ARCHIVE_ZONE = 'Asia/Shanghai';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date alone is that day in the archive's zone (noon, so no zone can move it to another day). */
function toDate(iso: string): Date {
  return new Date(DATE_ONLY.test(iso) ? `${iso}T12:00:00+08:00` : iso);
}

/** True when a time is known to the day only: shown without a time of day. */
export function isDayOnly(iso: string | undefined, precision?: TimePrecision): boolean {
  return precision === 'day' || (iso !== undefined && DATE_ONLY.test(iso));
}

/** A timestamp in the archive's zone; an unreadable one is shown as it is. */
function formatIso(iso: string | undefined, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return '';
  const date = toDate(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone: ARCHIVE_ZONE, ...options }).format(date);
}

/** A published time as precise as the page gave it: the date and minute, or the date alone. */
export function formatDateTime(iso: string | undefined, locale: Locale, precision?: TimePrecision): string {
  if (isDayOnly(iso, precision))
    return formatIso(iso, locale, { year: 'numeric', month: 'long', day: 'numeric' });
  return formatIso(iso, locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function formatDay(day: string, locale: Locale): string {
  const date = new Date(`${day}T12:00:00+08:00`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, {
    timeZone: ARCHIVE_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

export function formatShortDate(iso: string | undefined, locale: Locale): string {
  return formatIso(iso, locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** The archive day (YYYY-MM-DD, China Standard Time) of a time: the one the core uses. */
export { archiveDay } from '../../../src-shared/archive-day';

/** The time of day alone (a list grouped by day), or '' when the page gave only a date. */
export function formatTimeOfDay(iso: string | undefined, locale: Locale, precision?: TimePrecision): string {
  if (isDayOnly(iso, precision)) return '';
  return formatIso(iso, locale, { hour: '2-digit', minute: '2-digit', hour12: false });
}
