/**
 * Dates as the archive gives them: publishedAt is ISO 8601 in China Standard Time, and the reader
 * shows it in that zone (the time the paper printed), in the UI language's conventions.
 */
import type { Locale } from './i18n/i18n.svelte';

const ARCHIVE_ZONE = 'Asia/Shanghai';

/** A timestamp in the archive's zone; an unreadable one is shown as it is. */
function formatIso(iso: string | undefined, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone: ARCHIVE_ZONE, ...options }).format(date);
}

export function formatDateTime(iso: string | undefined, locale: Locale): string {
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

/** The archive day (YYYY-MM-DD, China Standard Time) of a timestamp, or '' when there is none. */
export function archiveDay(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ARCHIVE_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
