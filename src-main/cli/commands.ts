/**
 * The `yuelan` commands. Each one asks the core through the contract (`call`, which goes through
 * `dispatch()` like the app's requests), so the CLI and the app validate, filter and order alike;
 * what is left here is reading flags and printing for a terminal.
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArchiveCore } from '../archive/archive-core.js';
import { writeFileDurably } from '../archive/store/durable-json-file.js';
import type { ArticleMeta, Channel, ImportReport, Request, Response } from '../api/contract.js';
import { formatArticle, formatHit, formatListLine, formatReport } from './format.js';
import { escapeJsonText, terminalLine } from './terminal-text.js';
import { parseColor, parseDay, parseFormat, parseKind, parseScope, parseSort, UsageError } from './args.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Rewrites one status line (a TTY's progress line); '' clears it. */
  status: (text: string) => void;
  isTTY: boolean;
}

/** What a command gets: its arguments, the flags, and the opened archive with its contract. */
export interface CommandContext {
  args: string[];
  values: {
    json: boolean;
    limit?: number;
    kind?: string[];
    from?: string;
    to?: string;
    sort?: string;
    source?: string;
    bookmarked: boolean;
    annotated: boolean;
    readable: boolean;
    scope?: string;
    ext?: string[];
    tag?: string[];
    quote?: string;
    note?: string;
    color?: string;
    format?: string;
    out?: string;
  };
  io: Io;
  showProgress: boolean;
  indexLine: (p: { done: number; total: number }) => void;
  print: (value: unknown, text: () => string) => void;
  open: (options?: { deferSeeding?: boolean }) => Promise<{ core: ArchiveCore; call: Call }>;
}

export type Call = <C extends Channel>(channel: C, request: Request<C>) => Promise<Response<C>>;

export async function importCommand({
  args,
  values,
  io,
  showProgress,
  indexLine,
  print,
  open,
}: CommandContext) {
  const { core, call } = await open({ deferSeeding: true });
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
  try {
    const report = await call('archive:import', {
      paths: uniquePaths(paths),
      ...(values.ext ? { extensions: values.ext.map((e) => (e.startsWith('.') ? e : `.${e}`)) } : {}),
    });
    if (showProgress) io.status('');
    print(report, () => formatReport(oneLineReport(report)));
  } finally {
    unsubscribe();
  }
}

/** The contract answers a page at most; the CLI lists everything unless told --limit. */
const PAGE = 100_000;

export async function listCommand({ values, print, open }: CommandContext) {
  const { call } = await open();
  const want = values.limit ?? Number.POSITIVE_INFINITY;
  const shown: ArticleMeta[] = [];
  for (;;) {
    const page = await call('archive:list', {
      offset: shown.length,
      limit: Math.min(PAGE, want - shown.length),
      ...(values.readable ? { readable: true } : {}),
    });
    shown.push(...page.articles);
    if (page.articles.length === 0 || shown.length >= Math.min(want, page.total)) break;
  }
  print(shown, () => shown.map((a) => formatListLine(oneLineMeta(a))).join('\n'));
}

export async function searchCommand({ args, values, print, open }: CommandContext) {
  if (args.length === 0) throw new UsageError('search needs a QUERY.');
  const request: Request<'archive:search'> = { q: args.join(' '), limit: values.limit ?? 20 };
  if (values.kind) request.kinds = values.kind.map(parseKind);
  if (values.from) request.from = parseDay(values.from, '--from');
  if (values.to) request.to = parseDay(values.to, '--to');
  if (values.sort) request.sort = parseSort(values.sort);
  if (values.source) request.source = resolve(values.source);
  if (values.bookmarked) request.bookmarked = true;
  if (values.annotated) request.annotated = true;
  if (values.readable) request.readable = true;
  if (values.scope) request.scope = parseScope(values.scope);
  const { call } = await open();
  const result = await call('archive:search', request);
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
}

export async function showCommand({ args, print, open }: CommandContext) {
  const id = args[0];
  if (!id) throw new UsageError('show needs an article ID.');
  const { call } = await open();
  const { bookmarked: _bookmarked, reading: _reading, ...article } = await call('archive:get', { id });
  print(article, () =>
    formatArticle({ ...oneLineMeta(article), sources: article.sources.map(terminalLine) }),
  );
}

export async function bookmarkCommand({ args, values, print, open }: CommandContext) {
  const [action, id] = args;
  if (action !== 'ls' && ((action !== 'add' && action !== 'rm') || !id))
    throw new UsageError('bookmark takes add ID, rm ID or ls.');
  const { call } = await open();
  if (action === 'ls') {
    const list = (await call('library:bookmarks', {})).filter(
      (b) => !values.tag || values.tag.every((t) => b.tags.includes(t)),
    );
    print(list, () =>
      list
        .map(
          (b) =>
            `${b.article ? formatListLine(oneLineMeta(b.article)) : `${b.articleId}  (not in the archive)`}${b.tags.length ? `  #${b.tags.map(terminalLine).join(' #')}` : ''}`,
        )
        .join('\n'),
    );
    return;
  }
  if (action === 'rm') {
    const { removed } = await call('library:removeBookmarks', { articleIds: [id!] });
    print({ removed }, () =>
      removed.length ? `Removed the bookmark on ${id}.` : `${id} was not bookmarked.`,
    );
    return;
  }
  const { bookmark } = await call('library:setBookmark', {
    articleId: id!,
    bookmarked: true,
    ...(values.tag ? { tags: values.tag } : {}),
    ...(values.note !== undefined ? { note: values.note } : {}),
  });
  print(bookmark, () => `Bookmarked ${id}${bookmark?.tags.length ? ` #${bookmark.tags.join(' #')}` : ''}.`);
}

export async function annotateCommand({ args, values, print, open }: CommandContext) {
  const id = args[0];
  if (!id || !values.quote) throw new UsageError('annotate needs an article ID and --quote TEXT.');
  const color = parseColor(values.color ?? 'yellow');
  const { call } = await open();
  const {
    anchor: _anchor,
    article: _article,
    ...annotation
  } = await call('library:addAnnotation', {
    articleId: id,
    quote: values.quote,
    color,
    ...(values.note ? { note: values.note } : {}),
    ...(values.tag ? { tags: values.tag } : {}),
  });
  print(annotation, () => `Highlighted in ${id}: “${annotation.target.quote.exact}” (${annotation.id})`);
}

export async function notesCommand({ print, open }: CommandContext) {
  const { call } = await open();
  const notes = await call('library:annotations', {});
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
}

export async function exportCommand({ values, io, open }: CommandContext) {
  const format = parseFormat(values.format ?? 'md');
  const { call } = await open();
  const { content } = await call('library:export', { format });
  if (values.out) {
    await writeFileDurably(resolve(values.out), content);
    io.err(`Wrote ${resolve(values.out)}`);
  } else io.out(format === 'json' ? escapeJsonText(content) : content);
}

export async function importLibraryCommand({ args, print, open }: CommandContext) {
  const file = args[0];
  if (!file) throw new UsageError('import-library needs a FILE.');
  const { call } = await open();
  const added = await call('library:importLibrary', { content: await readFile(resolve(file), 'utf8') });
  print(
    added,
    () =>
      `Merged ${added.bookmarks} bookmarks and ${added.annotations} annotations (the rest were already here).`,
  );
}

/** A report whose paths each print on their own line. */
function oneLineReport(r: ImportReport): ImportReport {
  return {
    ...r,
    rejected: r.rejected.map((x) => ({
      path: terminalLine(x.path),
      reason: { ...x.reason, detail: terminalLine(x.reason.detail) },
    })),
    duplicates: r.duplicates.map((d) => ({
      path: terminalLine(d.path),
      duplicateOf: terminalLine(d.duplicateOf),
    })),
    ...(r.skipped ? { skipped: r.skipped.map((x) => ({ ...x, path: terminalLine(x.path) })) } : {}),
    ...(r.partial
      ? {
          partial: r.partial.map((x) => ({
            path: terminalLine(x.path),
            reason: { ...x.reason, detail: terminalLine(x.reason.detail) },
          })),
        }
      : {}),
    ...(r.lowConfidence
      ? {
          lowConfidence: r.lowConfidence.map((x) => ({
            ...x,
            path: terminalLine(x.path),
            title: terminalLine(x.title),
            ...(x.url ? { url: terminalLine(x.url) } : {}),
          })),
        }
      : {}),
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
