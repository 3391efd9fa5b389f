/**
 * The `yuelan` command's usage text and the checks of its flags: a mistake here is a usage error
 * (exit code 2), told before any data folder is opened.
 */
import {
  ARTICLE_KINDS,
  EXPORT_FORMATS,
  HIGHLIGHT_COLORS,
  SEARCH_SCOPES,
  SEARCH_SORTS,
  type ArticleKind,
  type ExportFormat,
  type HighlightColor,
  type SearchScope,
  type SearchSort,
} from '../api/contract.js';

export const USAGE = `Usage: yuelan <command> [options]

Commands:
  import [PATH...]     import page files and folders (default: the bundled seeds on first use)
  list                 list every article, newest first (--limit N, --readable)
  search QUERY         fuzzy search (--limit N, --kind full|brief|headline, --from/--to YYYY-MM-DD,
                       --sort relevance|newest|oldest, --bookmarked, --annotated, --source FILE,
                       --scope articles|notes|both, --readable)
  show ID              print one article
  bookmark add|rm ID [--tag T]...   bookmark an article (with tags) or remove the bookmark
  bookmark ls [--tag T]             list bookmarks (only those with tag T)
  annotate ID --quote TEXT [--note N] [--color yellow|green|blue|pink|purple] [--tag T]
                       highlight the first occurrence of TEXT in the article
  notes                list all annotations
  export --format md|json [--out FILE]   export notes (Markdown) or the whole library (JSON)
  import-library FILE  merge an exported library (JSON) into this one, without duplicates
  sync                 sync the library once (bookmarks, notes, reading positions, settings)
  sync setup --webdav URL --user USER | --folder DIR [--no-encryption]
                       set up sync (password: $YUELAN_SYNC_PASSWORD, passphrase: $YUELAN_SYNC_PASSPHRASE,
                       else asked); end-to-end encrypted unless --no-encryption
  sync status | off | resolve KEY N|all   what sync did last and its conflicts; turn it off; settle a note

A headline listed by several pages is one entry ("listed on N pages"; --json: its "listings", the
source file and time of each). --readable leaves out headline-only entries.

Options:
  --data DIR           data folder (default: $YUELAN_DATA, else the app's own folder)
  --json               print JSON records instead of text
  -h, --help           this help`;

export class UsageError extends Error {}

export const CLI_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  limit: { type: 'string' },
  kind: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  sort: { type: 'string' },
  source: { type: 'string' },
  bookmarked: { type: 'boolean', default: false },
  annotated: { type: 'boolean', default: false },
  readable: { type: 'boolean', default: false },
  scope: { type: 'string' },
  ext: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  quote: { type: 'string' },
  note: { type: 'string' },
  color: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  webdav: { type: 'string' },
  user: { type: 'string' },
  folder: { type: 'string' },
  'no-encryption': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--limit must be a whole number >= 1, got "${value}".`);
  return n;
}

/** A flag's value, checked against one of the contract's option lists. */
function oneOf<T extends string>(options: readonly T[], flag: string, value: string): T {
  if ((options as readonly string[]).includes(value)) return value as T;
  const list = `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
  throw new UsageError(`${flag} must be ${list}, got "${value}".`);
}

export const parseKind = (value: string): ArticleKind => oneOf(ARTICLE_KINDS, '--kind', value);
export const parseColor = (value: string): HighlightColor => oneOf(HIGHLIGHT_COLORS, '--color', value);
export const parseScope = (value: string): SearchScope => oneOf(SEARCH_SCOPES, '--scope', value);
export const parseSort = (value: string): SearchSort => oneOf(SEARCH_SORTS, '--sort', value);
export const parseFormat = (value: string): ExportFormat => oneOf(EXPORT_FORMATS, '--format', value);

export function parseDay(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD, got "${value}".`);
  return value;
}
