/**
 * The `yuelan` command: the same core as the app, for scripts and terminals. Every command takes
 * --data DIR and --json; errors go to stderr with exit code 1 (2 for usage errors). Everything printed
 * is safe for a terminal (cli/terminal-text.ts): no escape sequences, C1 or bidi controls from file
 * names, titles or notes; paths and titles stay on their line; --json escapes them as \uXXXX.
 */
import { parseArgs } from 'node:util';
import { ArchiveCore, type OpenOptions } from './archive/archive-core.js';
import { resolveDataDir } from './archive/data-dir.js';
import { findSeedsDir } from './app-paths.js';
import { createHandlers } from './api/handlers.js';
import { ApiError, call, invoker } from './api/client.js';
import { CLI_OPTIONS, parseLimit, USAGE, UsageError } from './cli/args.js';
import {
  annotateCommand,
  bookmarkCommand,
  exportCommand,
  importCommand,
  importLibraryCommand,
  listCommand,
  notesCommand,
  searchCommand,
  showCommand,
  type Call,
  type CommandContext,
  type Io,
} from './cli/commands.js';
import { syncCommand } from './cli/sync-command.js';
import { terminalJson, terminalLine, terminalText } from './cli/terminal-text.js';
import { recoveryText } from '../src-shared/recovery.js';

export { UsageError } from './cli/args.js';

const COMMANDS: Record<string, (context: CommandContext) => Promise<void>> = {
  import: importCommand,
  list: listCommand,
  search: searchCommand,
  show: showCommand,
  bookmark: bookmarkCommand,
  annotate: annotateCommand,
  notes: notesCommand,
  export: exportCommand,
  'import-library': importLibraryCommand,
  sync: syncCommand,
};

/** Commands whose requests carry the user's flags: the contract refusing one is a usage error. */
const FLAG_REQUESTS = new Set(['search', 'import']);

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
    options: CLI_OPTIONS,
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run || !Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}".`);
  const limit = parseLimit(values.limit);
  const dataDir = resolveDataDir(values.data);
  // A search index built while opening (a new index version) shows a progress line on a terminal.
  const showProgress = io.isTTY && !values.json;
  const indexLine = (p: { done: number; total: number }): void =>
    io.status(p.done < p.total ? `Building the search index ${p.done}/${p.total}` : '');
  // An older data folder's catalog is copied into the SQLite catalog on first open.
  const migrateLine = (p: { done: number; total: number }): void =>
    io.status(p.done < p.total ? `Upgrading the catalog ${p.done}/${p.total}` : '');
  const seedsDir = findSeedsDir();
  const open = async (opening: OpenOptions = {}): Promise<{ core: ArchiveCore; call: Call }> => {
    const options = { ...opening, ...(seedsDir ? { seedsDir } : {}) };
    const core = await ArchiveCore.open(
      dataDir,
      showProgress ? { ...options, onIndexProgress: indexLine, onMigrateProgress: migrateLine } : options,
    );
    const invoke = invoker(createHandlers(core, ''));
    // What was recovered at open, said once (read from the core: app:info would also count every
    // article and source, a fifth of a cold search's time at a million pages).
    if (!options.deferSeeding)
      for (const notice of core.recoveryNotices()) io.err(`yuelan: ${recoveryText('en', notice)}`);
    return { core, call: (channel, request) => call(invoke, channel, request) };
  };
  try {
    await run({
      args,
      values: { ...values, ...(limit !== undefined ? { limit } : {}) } as CommandContext['values'],
      io,
      showProgress,
      indexLine,
      print: (value, text) => io.out(values.json ? terminalJson(value) : text()),
      open,
    });
    return 0;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === 'BAD_REQUEST' && FLAG_REQUESTS.has(command)) throw new UsageError(err.message);
    // The contract's messages are sentences; a terminal's error line is lower case, without a stop.
    io.err(`yuelan: ${err.message.charAt(0).toLowerCase()}${err.message.slice(1).replace(/\.$/, '')}`);
    return 1;
  }
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
