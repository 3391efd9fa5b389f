/**
 * `yuelan sync`: sync the library once, or `setup`, `status`, `resolve`, `off`. The WebDAV password
 * comes from YUELAN_SYNC_PASSWORD and the passphrase from YUELAN_SYNC_PASSPHRASE, else from a prompt
 * that does not echo; both are kept in the data folder's sync/secrets.json, readable by the user only.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { SyncResult, SyncStatus } from '../api/contract.js';
import { ApiError } from '../api/client.js';
import { UsageError } from './args.js';
import type { CommandContext } from './commands.js';
import { terminalLine } from './terminal-text.js';

interface SyncFlags {
  webdav?: string;
  user?: string;
  folder?: string;
  'no-encryption'?: boolean;
}

export async function syncCommand(context: CommandContext): Promise<void> {
  const [action, ...rest] = context.args;
  if (action === undefined) return runSync(context);
  if (action === 'setup') return setup(context);
  if (action === 'status') return status(context);
  if (action === 'off') return off(context);
  if (action === 'resolve') return resolveConflict(context, rest);
  throw new UsageError('sync takes setup, status, resolve KEY N|all, off, or nothing (sync now).');
}

async function runSync({ print, open }: CommandContext): Promise<void> {
  const { call } = await open();
  const result = await call('sync:run', {});
  print(result, () => resultText(result));
  // Exit code 1, and the reason on stderr too, for scripts.
  if (!result.ok) throw new ApiError('INTERNAL', `sync failed: ${result.error?.message ?? 'unknown error'}`);
}

export function resultText(r: SyncResult): string {
  if (!r.ok)
    return `Sync failed: ${terminalLine(r.error?.message ?? 'unknown error')}\nNothing was lost: the next sync sends the rest.`;
  const lines = [`Sent ${r.sent}, received ${r.received}, merged ${r.merged}.`];
  for (const key of r.keptOverDeletion) {
    lines.push(`Kept ${terminalLine(key)}: it was deleted on another device but edited later here or there.`);
  }
  if (r.conflicts) lines.push(`${r.conflicts} note(s) were edited on two devices: see "yuelan sync status".`);
  if (r.unreadable)
    lines.push(`${r.unreadable} file(s) on the target could not be read and were left alone.`);
  return lines.join('\n');
}

async function setup({ values, io, print, open }: CommandContext): Promise<void> {
  const flags = values as CommandContext['values'] & SyncFlags;
  if (Boolean(flags.webdav) === Boolean(flags.folder)) {
    throw new UsageError('sync setup takes --webdav URL --user USER, or --folder DIR.');
  }
  let target: { type: 'webdav'; url: string; user: string } | { type: 'folder'; path: string };
  let password: string | undefined;
  if (flags.webdav) {
    if (!/^https?:\/\//.test(flags.webdav))
      throw new UsageError('--webdav takes an http:// or https:// address.');
    if (!flags.user) throw new UsageError('sync setup --webdav needs --user USER.');
    target = { type: 'webdav', url: flags.webdav, user: flags.user };
    password =
      process.env.YUELAN_SYNC_PASSWORD ??
      (await prompt(io, `Password for ${flags.user}: `, 'YUELAN_SYNC_PASSWORD'));
  } else target = { type: 'folder', path: resolve(flags.folder!) };
  let passphrase: string | undefined;
  if (!flags['no-encryption']) {
    passphrase = process.env.YUELAN_SYNC_PASSPHRASE;
    if (passphrase === undefined) {
      passphrase = await prompt(io, 'Encryption passphrase: ', 'YUELAN_SYNC_PASSPHRASE');
      if ((await prompt(io, 'The passphrase again: ', 'YUELAN_SYNC_PASSPHRASE')) !== passphrase) {
        throw new UsageError('the two passphrases differ.');
      }
    }
    if (!passphrase)
      throw new UsageError('the passphrase is empty (use --no-encryption to sync without one).');
  }
  const { call } = await open();
  const done = await call('sync:setup', {
    target,
    ...(password !== undefined ? { password } : {}),
    ...(passphrase !== undefined ? { passphrase } : {}),
  });
  const where = target.type === 'webdav' ? target.url : target.path;
  print(
    done,
    () =>
      `Sync ${done.created ? 'started a new library at' : 'joined the library at'} ${terminalLine(where)}` +
      `${done.encrypted ? ', end-to-end encrypted' : ', not encrypted'}. Run "yuelan sync" to sync now.`,
  );
}

async function status({ print, open }: CommandContext): Promise<void> {
  const { call } = await open();
  const s = await call('sync:status', {});
  print(s, () => statusText(s));
}

function statusText(s: SyncStatus): string {
  if (!s.configured) return `Sync is off (this device is ${s.deviceId}). Set it up with "yuelan sync setup".`;
  const target = s.target!.type === 'webdav' ? `${s.target!.url} as ${s.target!.user}` : s.target!.path;
  const lines = [
    `Syncing with ${terminalLine(target)}, ${s.encrypted ? 'end-to-end encrypted' : 'not encrypted'} (this device is ${s.deviceId}).`,
    s.lastSync ? `Last sync ${s.lastSync.at}: ${resultText(s.lastSync).split('\n')[0]}` : 'Not synced yet.',
  ];
  if (s.waiting)
    lines.push(`${s.waiting} bookmark(s) or note(s) wait for their article to be imported on this device.`);
  for (const c of s.conflicts) {
    lines.push(
      `Conflict in ${terminalLine(c.key)} (${c.field}): pick with "yuelan sync resolve ${c.key} N" or "... all"`,
    );
    c.texts.forEach((t, i) => lines.push(`  ${i}: ${terminalLine(t) || '(empty)'}`));
  }
  return lines.join('\n');
}

async function resolveConflict({ print, open }: CommandContext, [key, pick]: string[]): Promise<void> {
  if (!key || pick === undefined)
    throw new UsageError('sync resolve takes KEY and N (the text to keep) or all.');
  const choice = pick === 'all' ? 'all' : Number(pick);
  if (choice !== 'all' && !Number.isInteger(choice))
    throw new UsageError('sync resolve takes a text number or all.');
  const { call } = await open();
  const done = await call('sync:resolve', { key, choice });
  print(done, () => `Resolved ${terminalLine(key)}; the next sync carries it to the other devices.`);
}

async function off({ print, open }: CommandContext): Promise<void> {
  const { call } = await open();
  const done = await call('sync:off', {});
  print(
    done,
    () => 'Sync is off; the password and passphrase were removed from this device. The library stays.',
  );
}

/** Ask on the terminal without echoing; off a terminal the variable must be set instead. */
function prompt(io: CommandContext['io'], question: string, variable: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(new UsageError(`set ${variable} (no terminal to ask on).`));
  }
  return new Promise((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    let asked = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!asked) write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      io.err('');
      done(answer);
    });
    asked = true;
  });
}
