/** The app's import field (#17): `~` is the home folder, and a relative path starts from there. */
import { describe, expect, it } from 'vitest';
import { expandUserPath } from '../../src-main/archive/user-path.js';

describe('expandUserPath', () => {
  it('expands ~ and resolves relative paths from the home folder; absolute ones stay', () => {
    expect(expandUserPath('~', '/home/u')).toBe('/home/u');
    expect(expandUserPath('~/新闻/2022', '/home/u')).toBe('/home/u/新闻/2022');
    expect(expandUserPath(' pages ', '/home/u')).toBe('/home/u/pages');
    expect(expandUserPath('../shared', '/home/u')).toBe('/home/shared');
    expect(expandUserPath('/data/pages', '/home/u')).toBe('/data/pages');
    expect(expandUserPath('~other', '/home/u')).toBe('/home/u/~other');
  });
});
