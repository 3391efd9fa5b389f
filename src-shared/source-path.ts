/**
 * A source file's folder and name, for the core (Sources pages filtered and grouped by folder) and the
 * renderer (folder headings, file names) alike. Paths may be POSIX or Windows ones: either separator
 * ends the folder.
 */

/** The file's folder with its separator at the end ('/a/b/'), so '/a/b/' is never taken for '/a/bc/'. */
export function sourceFolder(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The file's name (the whole path when it has no folder). */
export function sourceName(path: string): string {
  return path.slice(sourceFolder(path).length) || path;
}
