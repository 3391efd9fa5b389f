/**
 * Two folders carried by an unreliable copier (what Syncthing or Dropbox does between two machines):
 * files arrive late, out of order and twice (an old version after a newer one), and when both sides
 * changed a file the copier keeps the other side's as a `.sync-conflict-*` copy, as Syncthing does.
 * Each device syncs with its own folder; in the end both libraries are the same and nothing is lost.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { ARTICLE, ARTICLE2, device, target, type Device } from './helpers.js';

/** Copies item files from one folder to the other, badly, remembering every version it has seen. */
class Copier {
  readonly #seen = new Map<string, Buffer[]>();
  /** What each side's file held when the copier last wrote or read it. */
  readonly #last = new Map<string, string>();
  #seed = 7;
  /** How often each fault happened (the test checks that each did). */
  readonly faults = { late: 0, stale: 0, conflictCopies: 0 };

  #random(): number {
    this.#seed = (this.#seed * 1103515245 + 12345) % 2 ** 31;
    return this.#seed / 2 ** 31;
  }

  async carry(from: string, to: string, { faithful = false } = {}): Promise<void> {
    await mkdir(join(to, 'items'), { recursive: true });
    await copyFile(join(from, 'manifest.json'), join(to, 'manifest.json')).catch(() => undefined);
    const names = (await readdir(join(from, 'items'))).filter(
      (n) => !n.startsWith('.') && !n.includes('sync-conflict'),
    );
    if (!faithful) names.reverse();
    for (const name of names) {
      const bytes = await readFile(join(from, 'items', name));
      const versions = this.#seen.get(name) ?? [];
      if (!versions.some((v) => v.equals(bytes))) versions.push(bytes);
      this.#seen.set(name, versions);
      const roll = this.#random();
      if (!faithful && roll < 0.25) {
        this.faults.late++; // next time
        continue;
      }
      // At least once for sure: the item names are random, so the rolls alone sometimes never
      // fell on a file with an older version.
      const stale = !faithful && versions.length > 1 && (roll < 0.45 || this.faults.stale === 0);
      if (stale) this.faults.stale++;
      const sent = stale ? versions[0]! : bytes; // an old one again
      const dest = join(to, 'items', name);
      const there = await readFile(dest).catch(() => undefined);
      const key = `${to}/${name}`;
      if (
        there &&
        !there.equals(sent) &&
        this.#last.get(key) !== undefined &&
        this.#last.get(key) !== there.toString('hex')
      ) {
        // Both sides changed it: keep theirs beside, the way Syncthing does.
        this.faults.conflictCopies++;
        await writeFile(
          join(to, 'items', name.replace(/(\.\w+)$/, '.sync-conflict-20261201-120000-COPIER$1')),
          sent,
        );
      } else await writeFile(dest, sent);
      this.#last.set(key, (await readFile(dest)).toString('hex'));
    }
  }
}

const notes = (d: Device): string[] =>
  d.library
    .listAnnotations()
    .map((a) => `${a.id}:${a.note ?? ''}:${a.color}`)
    .sort();

describe('two folders and an unreliable copier', () => {
  it('converge with nothing lost', async () => {
    const fa = await tempDir('yuelan-copier-a-');
    const fb = await tempDir('yuelan-copier-b-');
    const a = await device();
    const b = await device();
    await a.sync.setup({ target: { type: 'folder', path: fa }, passphrase: '同一口令' });
    const copier = new Copier();
    await copier.carry(fa, fb, { faithful: true });
    await b.sync.setup({ target: { type: 'folder', path: fb }, passphrase: '同一口令' });

    const made: string[] = [];
    for (let round = 0; round < 6; round++) {
      made.push(
        (
          await a.library.addAnnotation({
            articleId: ARTICLE,
            target: target(),
            color: 'yellow',
            note: `a${round}`,
          })
        ).id,
      );
      made.push(
        (
          await b.library.addAnnotation({
            articleId: ARTICLE2,
            target: target(),
            color: 'blue',
            note: `b${round}`,
          })
        ).id,
      );
      await a.library.setBookmark(ARTICLE, { tags: [`a${round}`] });
      await b.library.setBookmark(ARTICLE, { tags: [`b${round}`] });
      if (round > 0) await b.library.updateAnnotation(made[0]!, { color: round % 2 ? 'green' : 'pink' });
      await a.sync.sync();
      await b.sync.sync();
      await copier.carry(fa, fb);
      await copier.carry(fb, fa);
    }
    // Then the copier behaves: deliver everything until neither side has anything left to do.
    for (let i = 0; i < 6; i++) {
      const ra = await a.sync.sync();
      await copier.carry(fa, fb, { faithful: true });
      const rb = await b.sync.sync();
      await copier.carry(fb, fa, { faithful: true });
      if (ra.sent + ra.received + rb.sent + rb.received === 0) break;
    }
    expect(copier.faults.late).toBeGreaterThan(0);
    expect(copier.faults.stale).toBeGreaterThan(0);
    expect(copier.faults.conflictCopies).toBeGreaterThan(0);
    expect(notes(a)).toEqual(notes(b));
    for (const id of made) expect(a.library.getAnnotation(id)).toBeDefined();
    expect(a.library.listBookmarks()[0]!.tags.sort()).toEqual(['a5', 'b5']);
    expect(b.library.listBookmarks()[0]!.tags.sort()).toEqual(['a5', 'b5']);
    expect((await readdir(join(fa, 'items'))).filter((n) => n.includes('sync-conflict'))).toEqual([]);
  });
});
