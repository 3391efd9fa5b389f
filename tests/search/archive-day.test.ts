/** The archive's calendar (src-shared/archive-day.ts): China Standard Time days, in one place. */
import { describe, expect, it } from 'vitest';
import { archiveDay, archiveDayEnd, archiveDayStart } from '../../src-shared/archive-day.js';

describe('archive day', () => {
  it('is the day in China Standard Time, whatever offset the time was written with', () => {
    expect(archiveDay('2022-09-13T08:49:19+08:00')).toBe('2022-09-13');
    expect(archiveDay('2022-09-12T16:00:00Z')).toBe('2022-09-13');
    expect(archiveDay('2022-09-12T15:59:59.999Z')).toBe('2022-09-12');
    expect(archiveDay('2022-09-13T01:00:00+09:00')).toBe('2022-09-13');
    expect(archiveDay(Date.parse('2022-09-12T23:30:00+08:00'))).toBe('2022-09-12');
  });

  it('is empty for no time or an unreadable one', () => {
    expect(archiveDay(undefined)).toBe('');
    expect(archiveDay('')).toBe('');
    expect(archiveDay('yesterday')).toBe('');
  });

  it('spans from midnight to midnight, China Standard Time', () => {
    expect(archiveDayStart('2022-09-13')).toBe(Date.parse('2022-09-13T00:00:00+08:00'));
    expect(archiveDayEnd('2022-09-13')).toBe(Date.parse('2022-09-14T00:00:00+08:00'));
    expect(archiveDay(archiveDayEnd('2022-09-13') - 1)).toBe('2022-09-13');
    expect(archiveDayStart('2022-13-45')).toBeNaN();
  });
});
