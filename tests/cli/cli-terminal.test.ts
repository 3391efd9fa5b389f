/**
 * The CLI prints nothing a terminal would act on (issue #18, finding 6): file names and titles with
 * escape sequences, C1 controls and bidi overrides lose them in human output, stay on their line, and
 * come out of --json escaped (valid JSON, the same strings). Runs the real `yuelan` process on files
 * the test writes.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeJsonText, terminalLine, terminalText } from '../../src-main/cli/terminal-text.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = join(process.cwd(), 'bin', 'yuelan.mjs');
const PAGES = join(process.cwd(), 'tests', 'fixtures', 'pages');
const HEADLINE = '宁波中秋消费市场活力涌动 销售额突破4000万元';

/** Every character a terminal could act on or that reorders text (newline aside). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function yuelan(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const NAMES = {
  escapes: 'x\x1b]0;TITLE\x07\x1b[2J.txt',
  rlo: 'zdup\u202Etxt.exe.txt', // sorts after the first: its duplicate
  c1: 'bad\u009b31m\u0085.txt',
  newline: 'line\n  rejected: forged.txt',
};

async function archive(): Promise<string> {
  const dir = await tempDir('yuelan-terminal-');
  await copyFile(join(PAGES, 'single-headline.txt'), join(dir, NAMES.escapes));
  await copyFile(join(PAGES, 'single-headline.txt'), join(dir, NAMES.rlo)); // a duplicate of it
  await copyFile(join(PAGES, 'binary.txt'), join(dir, NAMES.c1)); // rejected
  await copyFile(join(PAGES, 'binary.txt'), join(dir, NAMES.newline)); // rejected
  await writeFile(
    join(dir, 'title.txt'),
    '-\n标题\u202E反转\u009b2J\u2066测试\u2069 新闻\n2022-09-14 10:00:00\n',
  );
  return dir;
}

describe('CLI output is safe for a terminal', () => {
  it('import and show print paths and titles without controls, one per line', async () => {
    const dir = await archive();
    const data = await tempDir();
    const imported = yuelan(['import', dir, '--data', data]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).not.toMatch(UNSAFE);
    expect(imported.out).toContain(
      `duplicate: ${join(dir, 'zduptxt.exe.txt')} (same as ${join(dir, 'x]0;TITLE[2J.txt')})`,
    );
    expect(imported.out).toContain(`rejected: ${join(dir, 'bad31m .txt')}: `);
    expect(imported.out).toContain(`rejected: ${join(dir, 'line   rejected: forged.txt')}: `);
    expect(imported.out.split('\n').filter((l) => l.trimStart().startsWith('rejected:'))).toHaveLength(2);

    const list = yuelan(['list', '--data', data]);
    expect(list.out).not.toMatch(UNSAFE);
    const all = JSON.parse(yuelan(['list', '--json', '--data', data]).out) as {
      id: string;
      title: string;
    }[];
    const headline = all.find((a) => a.title === HEADLINE)!;
    const shown = yuelan(['show', headline.id, '--data', data]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).not.toMatch(UNSAFE);
    expect(shown.out).toContain(`Sources:\n  ${join(dir, 'x]0;TITLE[2J.txt')}`);
    const titled = all.find((a) => a.title.startsWith('标题'))!;
    expect(titled.title).toMatch(/^标题.*反转.*测试/);
    const title = yuelan(['show', titled.id, '--data', data]);
    expect(title.out).not.toMatch(UNSAFE);
    expect(title.out).toContain('反转');
  });

  it('--json escapes them instead: valid JSON, the same strings', async () => {
    const dir = await archive();
    const data = await tempDir();
    const imported = yuelan(['import', dir, '--json', '--data', data]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).not.toMatch(UNSAFE);
    const report = JSON.parse(imported.out) as {
      rejected: { path: string }[];
      duplicates: { path: string; duplicateOf: string }[];
    };
    expect(report.duplicates).toEqual([
      { path: join(dir, NAMES.rlo), duplicateOf: join(dir, NAMES.escapes) },
    ]);
    expect(report.rejected.map((r) => r.path).sort()).toEqual(
      [join(dir, NAMES.c1), join(dir, NAMES.newline)].sort(),
    );
    const list = yuelan(['list', '--json', '--data', data]);
    expect(list.out).not.toMatch(UNSAFE);
    const titles = (JSON.parse(list.out) as { title: string; sources: string[] }[]).flatMap((a) => [
      a.title,
      ...a.sources,
    ]);
    expect(titles).toContain(join(dir, NAMES.escapes));

    const exported = yuelan(['export', '--format', 'json', '--data', data]);
    expect(exported.out).not.toMatch(UNSAFE);
    expect(JSON.parse(exported.out)).toMatchObject({ format: 'yuelan-library' });
  });

  it('error messages lose them too', async () => {
    const data = await tempDir();
    const r = yuelan(['import-library', '/nonexistent/\x1b]0;owned\x07\u202E.json', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('/nonexistent/]0;owned.json');
    expect(r.err).not.toMatch(UNSAFE);
  });
});

describe('terminal-text', () => {
  it('strips C0 (but newline and tab), DEL, C1 and bidi controls', () => {
    expect(
      terminalText('a\x1b[2Jb\x07c\td\ne\r\x7f\u0085\u009b\u202a\u202e\u2066\u2069\u200e\u200f\u061cf'),
    ).toBe('a[2Jbc\td\nef');
    expect(terminalLine('a\nb\tc\r\nd')).toBe('a b c d');
    expect(terminalText('福建 ‘引号’ — ok …')).toBe('福建 ‘引号’ — ok …');
  });

  it('escapes in JSON what JSON.stringify leaves raw, and parses back the same', () => {
    const value = { s: 'x\u009b\u202e\u2067\u0085\x7fy\x1b' };
    const json = escapeJsonText(JSON.stringify(value));
    expect(json).toBe('{"s":"x\\u009b\\u202e\\u2067\\u0085\\u007fy\\u001b"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
