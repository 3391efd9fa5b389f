/**
 * Originals written by the import's parse workers skip the fsync per file; the import syncs the ones
 * its metadata names before flushing it. A file left short under its key (a crash between rename and
 * sync) is written again by the next `put` of the same content; a missing key is skipped by the sync.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OriginalsStore, syncOriginals } from '../../src-main/archive/catalog/originals-store';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('originals with a deferred sync', () => {
  it('writes, rewrites a short file under its key, and syncs the keys that exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yuelan-originals-'));
    dirs.push(dir);
    const store = new OriginalsStore(dir, { deferSync: true });
    const html = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>正文</p></body></html>';
    const key = await store.put(html);
    expect(key).toBe(createHash('sha256').update(html).digest('hex'));
    const file = join(store.folder, `${key}.html`);
    expect(await readFile(file, 'utf8')).toBe(html);

    await writeFile(file, '');
    expect(await store.put(html)).toBe(key);
    expect((await stat(file)).size).toBe(Buffer.byteLength(html));
    expect(await store.read(key!)).toBe(html);

    const missing = 'f'.repeat(64);
    expect(await syncOriginals(dir, [key!, key!, missing, 'not a key'])).toBe(1);
    expect(await syncOriginals(join(dir, 'nothing-here'), [key!])).toBe(0);
  });
});
