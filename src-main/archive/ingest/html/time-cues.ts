/**
 * The published time of a Chinese news page. What the page prints under its headline wins
 * (`2019年06月15日08:18`, `2019-09-07 13:43:45`, `发布时间：…`, `来源：X 2019-09-26 10:56`); only when
 * nothing is printed do the meta tags (`article:published_time`, `publishdate`, `PubDate`) and JSON-LD
 * `datePublished` speak. Times are China Standard Time unless the page gives an offset; a printed date
 * without a time stays a date (precision `day`), never an invented midnight.
 */
import type { TimeCue, TimePrecision } from '../formats/saved-page.js';

export interface FoundTime {
  publishedAt: string;
  publishedPrecision: TimePrecision;
  timeCue: TimeCue;
}

const YEAR = '((?:19|20)\\d\\d)';
const SEP = '\\s*[-/.年]\\s*';
const DAY_END = '\\s*日?';
const CLOCK = '(?:[\\sT]*(\\d{1,2})\\s*[:：时]\\s*(\\d{2})(?:\\s*[:：分]\\s*(\\d{2}))?)?';
const ZONE = '(?:\\s*(Z|[+-]\\d{2}:?\\d{2}))?';

/** A date (and maybe a clock time) as pages print it; digits around it must not be part of a number. */
const PRINTED = new RegExp(
  `(?<![\\d])${YEAR}${SEP}(\\d{1,2})${SEP.replace('年', '月')}(\\d{1,2})${DAY_END}${CLOCK}${ZONE}(?![\\d])`,
  'g',
);

/** Parse one time as printed or as a meta tag gives it; undefined when it is no valid date. */
export function parseTimeText(text: string): { iso: string; precision: TimePrecision } | undefined {
  PRINTED.lastIndex = 0;
  const m = PRINTED.exec(text);
  return m ? fromMatch(m) : undefined;
}

/** Every time printed in `text`, in order, with where it starts. */
export function printedTimes(text: string): { iso: string; precision: TimePrecision; index: number }[] {
  const out: { iso: string; precision: TimePrecision; index: number }[] = [];
  PRINTED.lastIndex = 0;
  for (let m = PRINTED.exec(text); m && out.length < 100; m = PRINTED.exec(text)) {
    const t = fromMatch(m);
    if (t) out.push({ ...t, index: m.index });
  }
  return out;
}

function fromMatch(m: RegExpExecArray): { iso: string; precision: TimePrecision } | undefined {
  const [, y, mo, d, h, mi, s, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const date = `${y}-${pad(month)}-${pad(day)}`;
  if (h === undefined || mi === undefined) return { iso: date, precision: 'day' };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? undefined : Number(s);
  if (hour > 23 || minute > 59 || (second !== undefined && second > 59))
    return { iso: date, precision: 'day' };
  const offset = zoneOf(zone);
  const clock = `${pad(hour)}:${pad(minute)}${second === undefined ? '' : `:${pad(second)}`}`;
  return { iso: `${date}T${clock}${offset}`, precision: second === undefined ? 'minute' : 'second' };
}

function zoneOf(zone: string | undefined): string {
  if (!zone) return '+08:00';
  if (zone === 'Z') return '+00:00';
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

/** A Unix time in seconds (WeChat's `var ct = "…"`), as China Standard Time. */
export function fromEpochSeconds(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds < 631152000 || seconds > 4102444800) return undefined;
  const d = new Date((seconds + 8 * 3600) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}+08:00`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
