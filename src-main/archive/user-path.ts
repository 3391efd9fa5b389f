/**
 * A path typed into the app's import field: `~` is the home folder, and a relative path starts from
 * there too (the app's working folder means nothing to its user; the CLI resolves its own paths
 * against the shell's folder before they get here, so they arrive absolute).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export function expandUserPath(typed: string, home = homedir()): string {
  const p = typed.trim();
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return join(home, p.slice(2));
  return isAbsolute(p) ? p : resolve(home, p);
}
