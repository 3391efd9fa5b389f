/**
 * Files and folders named on the command line (a second launch, "Open with Yuelan"): the arguments
 * that exist on disk and are page files or folders; switches and Electron's own arguments are skipped.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_EXTENSIONS, matchingExtension } from '../archive/ingest/formats/sniff.js';

export function pathsFromArgv(argv: string[], cwd: string, extensions = ALL_EXTENSIONS): string[] {
  const out: string[] = [];
  // argv[0] is the executable; "." is the app folder in development ("electron .").
  for (const arg of argv.slice(1)) {
    if (!arg || arg.startsWith('-') || arg === '.') continue;
    const abs = resolve(cwd, arg);
    try {
      const st = statSync(abs);
      if (st.isDirectory()) out.push(abs);
      else if (st.isFile() && matchingExtension(abs, extensions) !== undefined) out.push(abs);
    } catch {
      /* not a path */
    }
  }
  return out;
}
