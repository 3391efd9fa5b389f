/**
 * Folder walks stay inside the folders given (issue #18, finding 3): links out of the folder are
 * skipped and reported, links inside are followed once, loops end, entries visited are capped, and an
 * aborted signal stops the walk. Every tree is made here, in a temp folder.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childPath, collectFiles, DEFAULT_MAX_ENTRIES } from '../../src-main/archive/ingest/collect-files.js';
import { tempDir } from '../helpers/tmp.js';

const TXT = ['.txt'];

async function tree(files: string[]): Promise<string> {
  const root = await tempDir('yuelan-walk-');
  for (const f of files) {
    await mkdir(join(root, f, '..'), { recursive: true });
    await writeFile(join(root, f), 'x');
  }
  return root;
}

describe('collectFiles', () => {
  it('walks a plain folder in name order, paths in the order given, and the default cap is 2,500,000', async () => {
    const root = await tree(['b.txt', 'a/2.txt', 'a/1.txt', 'c.md']);
    const other = await tree(['named.md']);
    const r = await collectFiles([join(other, 'named.md'), root], TXT);
    expect(r).toEqual({
      files: [join(other, 'named.md'), join(root, 'a/1.txt'), join(root, 'a/2.txt'), join(root, 'b.txt')],
      skipped: [],
      truncated: false,
      cancelled: false,
    });
    expect(DEFAULT_MAX_ENTRIES).toBe(2_500_000);
  });

  it('skips and reports a link to a file outside the folder; never reads it', async () => {
    const outside = await tree(['secret.txt']);
    const root = await tree(['page.txt']);
    await symlink(join(outside, 'secret.txt'), join(root, 'leak.txt'));
    const r = await collectFiles([root], TXT);
    expect(r.files).toEqual([join(root, 'page.txt')]);
    expect(r.skipped).toEqual([{ path: join(root, 'leak.txt'), reason: 'symlink outside the folder' }]);
  });

  it('does not walk a link to /etc, even for extension-less names like passwd', async () => {
    const root = await tree(['page.txt']);
    await symlink('/etc', join(root, 'etc'));
    const r = await collectFiles([root], ['', '.txt', '.conf']);
    expect(r.files).toEqual([join(root, 'page.txt')]);
    expect(r.skipped).toEqual([{ path: join(root, 'etc'), reason: 'symlink outside the folder' }]);
  });

  it('does not walk root -> / (it ends at once)', async () => {
    const root = await tree(['page.txt']);
    await symlink('/', join(root, 'root'));
    const started = Date.now();
    const r = await collectFiles([root], ['', '.txt']);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toEqual({
      files: [join(root, 'page.txt')],
      skipped: [{ path: join(root, 'root'), reason: 'symlink outside the folder' }],
      truncated: false,
      cancelled: false,
    });
  });

  it('ends loops: a link to the folder itself, a link to a parent, and links to each other', async () => {
    const root = await tree(['a.txt', 'sub/b.txt']);
    await symlink('.', join(root, 'self'));
    await symlink('..', join(root, 'sub', 'up'));
    await symlink('y.txt', join(root, 'x.txt'));
    await symlink('x.txt', join(root, 'y.txt'));
    const r = await collectFiles([root], TXT);
    expect(r.files).toEqual([join(root, 'a.txt'), join(root, 'sub/b.txt')]);
    expect(r.skipped).toEqual([
      { path: join(root, 'x.txt'), reason: 'symlink loop' },
      { path: join(root, 'y.txt'), reason: 'symlink loop' },
    ]);
  });

  it('follows links inside the folder once; a file reached directly keeps its own path', async () => {
    const root = await tree(['sub/b.txt', 'raw/page.dat', 'c.txt']);
    await symlink('sub', join(root, 'alias')); // sorts before sub: still walked as sub
    await symlink(join(root, 'c.txt'), join(root, 'also-c.txt'));
    await symlink('raw/page.dat', join(root, 'page.txt')); // only reachable through the link
    await symlink('missing.txt', join(root, 'dangling.txt'));
    await symlink('missing-folder', join(root, 'dangling-folder'));
    const r = await collectFiles([root], TXT);
    expect(r.files).toEqual([join(root, 'c.txt'), join(root, 'sub/b.txt'), join(root, 'page.txt')]);
    expect(r.skipped).toEqual([{ path: join(root, 'dangling.txt'), reason: 'symlink target missing' }]);
  });

  it('a link into a subfolder that only the link reaches is walked under the link', async () => {
    const base = await tree(['archive/a.txt', 'archive/.store/2024/x.txt']);
    const root = join(base, 'archive');
    await symlink(join(root, '.store', '2024'), join(root, 'y2024'));
    // Walking only the year folder: the store's own path is outside it.
    const r = await collectFiles([join(root, 'y2024')], TXT);
    expect(r.files).toEqual([join(root, 'y2024', 'x.txt')]);
  });

  it('takes paths named directly as given, even a link to elsewhere', async () => {
    const outside = await tree(['secret.txt', 'folder/in.txt']);
    const root = await tree([]);
    await symlink(join(outside, 'secret.txt'), join(root, 'named.txt'));
    await symlink(join(outside, 'folder'), join(root, 'named-folder'));
    const r = await collectFiles(
      [join(root, 'named.txt'), join(root, 'named-folder'), join(root, 'missing.txt')],
      TXT,
    );
    expect(r.files).toEqual([
      join(root, 'named.txt'),
      join(root, 'named-folder', 'in.txt'),
      join(root, 'missing.txt'),
    ]);
    expect(r.skipped).toEqual([]);
    // A file named and also found in a folder named is taken once.
    const twice = await collectFiles([outside, join(outside, 'secret.txt')], TXT);
    expect(twice.files).toEqual([join(outside, 'folder', 'in.txt'), join(outside, 'secret.txt')]);
  });

  it('stops at the entry cap and says where', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `p${i}.txt`);
    const root = await tree(names);
    const r = await collectFiles([root], TXT, { maxEntries: 4 });
    expect(r.truncated).toBe(true);
    expect(r.files).toHaveLength(4);
    for (const f of r.files) expect(names.map((n) => join(root, n))).toContain(f);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]!.reason).toBe('entry limit reached');
    expect(r.files).not.toContain(r.skipped[0]!.path);

    const exact = await collectFiles([root], TXT, { maxEntries: 10 });
    expect(exact).toMatchObject({ truncated: false, skipped: [] });
    expect(exact.files).toHaveLength(10);

    // Folders count as entries too; a second folder never reached is reported whole.
    const nested = await tree(['a/1.txt', 'a/2.txt', 'a/3.txt']);
    const second = await tree(['z.txt']);
    const cut = await collectFiles([nested, second], TXT, { maxEntries: 3 });
    expect(cut.files).toHaveLength(2);
    expect(cut.skipped).toEqual([
      { path: expect.stringMatching(/\/a\/\d\.txt$/) as unknown as string, reason: 'entry limit reached' },
      { path: second, reason: 'entry limit reached' },
    ]);
  });

  it('an aborted signal stops the walk: only named files, cancelled', async () => {
    const root = await tree(['a.txt', 'sub/b.txt']);
    const other = await tree(['named.txt']);
    const controller = new AbortController();
    controller.abort();
    const r = await collectFiles([join(other, 'named.txt'), root], TXT, { signal: controller.signal });
    expect(r).toEqual({ files: [join(other, 'named.txt')], skipped: [], truncated: false, cancelled: true });
  });

  it('an abort during a long walk stops it between entries', async () => {
    const root = await tree(Array.from({ length: 300 }, (_, i) => `d${i % 30}/p${i}.txt`));
    const controller = new AbortController();
    const walking = collectFiles([root], TXT, { signal: controller.signal });
    setImmediate(() => controller.abort());
    const r = await walking;
    expect(r.cancelled).toBe(true);
    expect(r.files.length).toBeLessThan(300);
  });

  it("builds a child's path as join does, at the root too", () => {
    for (const dir of [`${sep}srv${sep}归档`, sep, `${sep}srv${sep}`, `${sep}a b${sep}c`]) {
      for (const name of ['页面.txt', 'p0012345.txt', '.hidden.html'])
        expect(childPath(dir, name)).toBe(join(dir, name));
    }
  });
});
