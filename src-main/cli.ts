/**
 * The `yuelan` command: the same core as the app, for scripts and terminals. Every command takes
 * --data DIR and --json; errors go to stderr with exit code 1 (2 for usage errors). Everything printed
 * is safe for a terminal (cli/terminal-text.ts): no escape sequences, C1 or bidi controls from file
 * names, titles or notes; paths and titles stay on their line; --json escapes them as \uXXXX.
 */
import { parseArgs } from 'node:util';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ArchiveCore, type OpenOptions } from './archive/archive-core.js';
import { resolveDataDir } from './archive/data-dir.js';
import type { ArticleKind, ArticleMeta, ImportReport } from './archive/model.js';
import type { SearchScope, SearchSort } from './archive/search/search-types.js';
import type { Request, Response } from './api/contract.js';
import { createHandlers } from './api/handlers.js';
import { dispatch } from './api/dispatch.js';
import { targetForQuote } from './archive/library/anchoring.js';
import {
  exportLibraryJson,
  exportLibraryMarkdown,
  parseLibraryExport,
} from './archive/library/library-export.js';
import { HIGHLIGHT_COLORS, type HighlightColor } from './archive/library/library-types.js';
import { writeFileDurably } from './archive/store/durable-json-file.js';
import { formatArticle, formatHit, formatListLine, formatReport } from './cli/format.js';
import { escapeJsonText, terminalJson, terminalLine, terminalText } from './cli/terminal-text.js';

const USAGE = `Usage: yuelan <command> [options]

Commands:
  import [PATH...]     import page files and folders (default: the bundled seeds on first use)
  list                 list every article, newest first (--limit N)
  search QUERY         fuzzy search (--limit N, --kind full|brief|headline, --from/--to YYYY-MM-DD,
                       --sort relevance|newest|oldest, --bookmarked, --annotated, --source FILE,
                       --scope articles|notes|both)
  show ID              print one article
  bookmark add|rm ID [--tag T]...   bookmark an article (with tags) or remove the bookmark
  bookmark ls [--tag T]             list bookmarks (only those with tag T)
  annotate ID --quote TEXT [--note N] [--color yellow|green|blue|pink|purple] [--tag T]
                       highlight the first occurrence of TEXT in the article
  notes                list all annotations
  export --format md|json [--out FILE]   export notes (Markdown) or the whole library (JSON)
  import-library FILE  merge an exported library (JSON) into this one, without duplicates

Options:
  --data DIR           data folder (default: $YUELAN_DATA, else the app's own folder)
  --json               print JSON records instead of text
  -h, --help           this help`;

export class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Rewrites one status line (a TTY's progress line); '' clears it. */
  status: (text: string) => void;
  isTTY: boolean;
}

export async function runCli(argv: string[], terminal: Io): Promise<number> {
  // The one way out: whatever a command prints loses the controls a terminal would act on.
  const io: Io = {
    ...terminal,
    out: (text) => terminal.out(terminalText(text)),
    err: (text) => terminal.err(terminalText(text)),
    status: (text) => terminal.status(terminalLine(text)),
  };
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
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
      scope: { type: 'string' },
      ext: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      quote: { type: 'string' },
      note: { type: 'string' },
      color: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const limit = parseLimit(values.limit);
  const print = (value: unknown, text: () => string): void =>
    io.out(values.json ? terminalJson(value) : text());
  const dataDir = resolveDataDir(values.data);
  // A search index built while opening (a new index version) shows a progress line on a terminal.
  const showProgress = io.isTTY && !values.json;
  const indexLine = (p: { done: number; total: number }): void =>
    io.status(p.done < p.total ? `Building the search index ${p.done}/${p.total}` : '');
  const openCore = (options: OpenOptions = {}): Promise<ArchiveCore> =>
    ArchiveCore.open(dataDir, showProgress ? { ...options, onIndexProgress: indexLine } : options);

  switch (command) {
    case 'import': {
      const core = await openCore({ deferSeeding: true });
      const paths = args.map((p) => resolve(p));
      if (core.firstUse && core.seedsDir) paths.push(core.seedsDir);
      if (paths.length === 0) throw new UsageError('import needs at least one file or folder.');
      const unsubscribe = core.onEvent((event, p) => {
        if (!showProgress) return;
        if (event === 'search:indexing') return indexLine(p as { done: number; total: number });
        if (event !== 'import:progress') return;
        const { done, total, current } = p as { done: number; total: number; current?: string };
        io.status(`Importing ${done}/${total}${current ? `  ${current.slice(-60)}` : ''}`);
      });
      const report = await core.importPaths(uniquePaths(paths), {
        ...(values.ext ? { extensions: values.ext.map((e) => (e.startsWith('.') ? e : `.${e}`)) } : {}),
      });
      unsubscribe();
      if (showProgress) io.status('');
      print(report, () => formatReport(oneLineReport(report)));
      return 0;
    }
    case 'list': {
      const core = await openCore();
      warnRecovery(core, io);
      const all = core.catalog
        .listArticles()
        .sort(
          (a, b) =>
            (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.title.localeCompare(b.title),
        );
      const shown = limit === undefined ? all : all.slice(0, limit);
      print(shown, () => shown.map((a) => formatListLine(oneLineMeta(a))).join('\n'));
      return 0;
    }
    case 'search': {
      if (args.length === 0) throw new UsageError('search needs a QUERY.');
      const core = await openCore();
      warnRecovery(core, io);
      // The same channel as the app, so filters, scope and validation cannot drift apart.
      const request: Request<'archive:search'> = { q: args.join(' '), limit: limit ?? 20 };
      if (values.kind) request.kinds = values.kind.map(parseKind);
      if (values.from) request.from = parseDay(values.from, '--from');
      if (values.to) request.to = parseDay(values.to, '--to');
      if (values.sort) request.sort = parseSort(values.sort);
      if (values.source) request.source = resolve(values.source);
      if (values.bookmarked) request.bookmarked = true;
      if (values.annotated) request.annotated = true;
      if (values.scope) request.scope = parseScope(values.scope);
      const reply = await dispatch(createHandlers(core, ''), 'archive:search', request);
      if (!reply.ok) throw new UsageError(reply.error.message);
      const result = reply.value as Response<'archive:search'>;
      const articles = result.hits.map((h) => h.article);
      const notes = result.notes ?? [];
      const scoped = request.scope && request.scope !== 'articles';
      print(scoped ? { articles, notes } : articles, () => {
        const lines = result.hits.map((h, i) => formatHit({ ...h, article: oneLineMeta(h.article) }, i + 1));
        for (const n of notes) {
          lines.push(
            `  note: ${terminalLine(n.article?.title ?? n.annotation.articleId)}\n       ${n.context.text.replace(/\s+/g, ' ')}`,
          );
        }
        if (lines.length) return lines.join('\n');
        return (
          `No results for "${request.q}".` +
          (result.suggestions?.length ? ` Did you mean: ${result.suggestions.join(' / ')}?` : '')
        );
      });
      return 0;
    }
    case 'show': {
      const id = args[0];
      if (!id) throw new UsageError('show needs an article ID.');
      const core = await openCore();
      warnRecovery(core, io);
      const article = await core.catalog.getArticle(id);
      if (!article) {
        io.err(`yuelan: no article with id ${id}`);
        return 1;
      }
      print(article, () =>
        formatArticle({ ...oneLineMeta(article), sources: article.sources.map(terminalLine) }),
      );
      return 0;
    }
    case 'bookmark': {
      const [action, id] = args;
      const core = await openCore();
      warnRecovery(core, io);
      if (action === 'ls') {
        const list = core.library
          .listBookmarks()
          .filter((b) => !values.tag || values.tag.every((t) => b.tags.includes(t)))
          .map((b) => ({ ...b, article: core.catalog.getMeta(b.articleId) }));
        print(list, () =>
          list
            .map(
              (b) =>
                `${b.article ? formatListLine(oneLineMeta(b.article)) : `${b.articleId}  (not in the archive)`}${b.tags.length ? `  #${b.tags.map(terminalLine).join(' #')}` : ''}`,
            )
            .join('\n'),
        );
        return 0;
      }
      if ((action !== 'add' && action !== 'rm') || !id)
        throw new UsageError('bookmark takes add ID, rm ID or ls.');
      if (action === 'rm') {
        const removed = await core.library.removeBookmarks([id]);
        print({ removed }, () =>
          removed.length ? `Removed the bookmark on ${id}.` : `${id} was not bookmarked.`,
        );
        return 0;
      }
      if (!core.catalog.getMeta(id)) {
        io.err(`yuelan: no article with id ${id}`);
        return 1;
      }
      const bookmark = await core.library.setBookmark(id, {
        ...(values.tag ? { tags: values.tag } : {}),
        ...(values.note !== undefined ? { note: values.note } : {}),
      });
      print(
        bookmark,
        () => `Bookmarked ${id}${bookmark.tags.length ? ` #${bookmark.tags.join(' #')}` : ''}.`,
      );
      return 0;
    }
    case 'annotate': {
      const id = args[0];
      if (!id || !values.quote) throw new UsageError('annotate needs an article ID and --quote TEXT.');
      const color = parseColor(values.color ?? 'yellow');
      const core = await openCore();
      warnRecovery(core, io);
      const body = await core.catalog.getBody(id);
      if (!body) {
        io.err(
          `yuelan: ${core.catalog.getMeta(id) ? `article ${id} has no text in the archive` : `no article with id ${id}`}`,
        );
        return 1;
      }
      const target = targetForQuote(body.blocks, values.quote);
      if (!target) {
        io.err(`yuelan: the quote was not found in article ${id}`);
        return 1;
      }
      const annotation = await core.library.addAnnotation({
        articleId: id,
        target,
        color,
        ...(values.note ? { note: values.note } : {}),
        ...(values.tag ? { tags: values.tag } : {}),
      });
      print(annotation, () => `Highlighted in ${id}: “${annotation.target.quote.exact}” (${annotation.id})`);
      return 0;
    }
    case 'notes': {
      const core = await openCore();
      warnRecovery(core, io);
      const notes = core.library
        .listAnnotations()
        .map((a) => ({ ...a, article: core.catalog.getMeta(a.articleId) }));
      print(notes, () =>
        notes.length
          ? notes
              .map(
                (a) =>
                  `${terminalLine(a.article?.title ?? a.articleId)}\n  > ${terminalLine(a.target.quote.exact)}  [${a.color}]${a.note ? `\n  ${a.note}` : ''}`,
              )
              .join('\n')
          : 'No notes yet.',
      );
      return 0;
    }
    case 'export': {
      const format = values.format ?? 'md';
      if (format !== 'md' && format !== 'json')
        throw new UsageError(`--format must be md or json, got "${format}".`);
      const core = await openCore();
      warnRecovery(core, io);
      const content =
        format === 'md' ? exportLibraryMarkdown(core.library, core.catalog) : exportLibraryJson(core.library);
      if (values.out) {
        await writeFileDurably(resolve(values.out), content);
        io.err(`Wrote ${resolve(values.out)}`);
      } else io.out(format === 'json' ? escapeJsonText(content) : content);
      return 0;
    }
    case 'import-library': {
      const file = args[0];
      if (!file) throw new UsageError('import-library needs a FILE.');
      const core = await openCore();
      warnRecovery(core, io);
      const records = parseLibraryExport(await readFile(resolve(file), 'utf8'));
      const added = await core.library.merge(records);
      print(
        added,
        () =>
          `Merged ${added.bookmarks} bookmarks and ${added.annotations} annotations (the rest were already here).`,
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}".`);
  }
}

/** A report whose paths each print on their own line. */
function oneLineReport(r: ImportReport): ImportReport {
  return {
    ...r,
    rejected: r.rejected.map((x) => ({ path: terminalLine(x.path), reason: terminalLine(x.reason) })),
    duplicates: r.duplicates.map((d) => ({
      path: terminalLine(d.path),
      duplicateOf: terminalLine(d.duplicateOf),
    })),
    ...(r.skipped ? { skipped: r.skipped.map((x) => ({ ...x, path: terminalLine(x.path) })) } : {}),
  };
}

/** An article's one-line fields (title, label, byline) kept on one line. */
function oneLineMeta<T extends ArticleMeta>(a: T): T {
  return {
    ...a,
    title: terminalLine(a.title),
    ...(a.label ? { label: terminalLine(a.label) } : {}),
    ...(a.byline ? { byline: terminalLine(a.byline) } : {}),
  };
}

function warnRecovery(core: ArchiveCore, io: Io): void {
  const message = core.recoveryMessage();
  if (message) io.err(`yuelan: ${message}`);
}

function uniquePaths(paths: string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    let key = p;
    try {
      key = realpathSync(p);
    } catch {
      /* a missing path is reported by the importer */
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--limit must be a whole number >= 1, got "${value}".`);
  return n;
}

function parseKind(value: string): ArticleKind {
  if (value === 'full' || value === 'brief' || value === 'headline') return value;
  throw new UsageError(`--kind must be full, brief or headline, got "${value}".`);
}

function parseColor(value: string): HighlightColor {
  if ((HIGHLIGHT_COLORS as readonly string[]).includes(value)) return value as HighlightColor;
  throw new UsageError(`--color must be one of ${HIGHLIGHT_COLORS.join(', ')}, got "${value}".`);
}

function parseScope(value: string): SearchScope {
  if (value === 'articles' || value === 'notes' || value === 'both') return value;
  throw new UsageError(`--scope must be articles, notes or both, got "${value}".`);
}

function parseSort(value: string): SearchSort {
  if (value === 'relevance' || value === 'newest' || value === 'oldest') return value;
  throw new UsageError(`--sort must be relevance, newest or oldest, got "${value}".`);
}

function parseDay(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD, got "${value}".`);
  return value;
}

const isEntry = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    status: (t) => process.stderr.write(`\r\x1b[K${t}`),
    isTTY: Boolean(process.stderr.isTTY),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const usage =
        err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      process.stderr.write(`yuelan: ${terminalText(err instanceof Error ? err.message : String(err))}\n`);
      if (usage) process.stderr.write('Run "yuelan --help" for usage.\n');
      process.exitCode = usage ? 2 : 1;
    },
  );
}
