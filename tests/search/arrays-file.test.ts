/**
 * The copies beside the index file: what is written is read back, part for part, whatever the parts'
 * sizes (empty ones, at the end, after a part that is not a multiple of 8); a copy of another state
 * is not read, and one of a later snapshot says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArraysFile, writeArraysFile } from '../../src-main/archive/search/arrays-file.js';
import { tempDir } from '../helpers/tmp.js';

const key = { epoch: 'e1', snap: 3, n: 7 };
const bytes = (n: number, from = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i + from) % 256);

describe('an arrays copy', () => {
  it.each([
    ['an empty last part', { a: bytes(13), b: bytes(5, 9), z: new Uint8Array(0) }],
    ['parts of every size', { a: bytes(8), b: bytes(1), c: bytes(0), d: bytes(1001, 3) }],
    ['one part', { only: bytes(3) }],
  ])('reads back what it wrote: %s', async (_, parts) => {
    const path = join(await tempDir(), 'copy.bin');
    expect(writeArraysFile(path, key, parts)).toBe(true);
    const read = readArraysFile(path, key, Object.keys(parts));
    expect(read.parts).toBeDefined();
    for (const [name, want] of Object.entries(parts)) {
      const got = read.parts![name]!;
      expect([...got], name).toEqual([...want]);
      expect(got.byteOffset % 8, name).toBe(0); // each part can be viewed as its typed array
    }
  });

  it('is not read for another state, a missing part or a cut file', async () => {
    const path = join(await tempDir(), 'copy.bin');
    writeArraysFile(path, key, { a: bytes(13), b: bytes(20) });
    expect(readArraysFile(path, { ...key, n: 8 }, ['a']).parts).toBeUndefined();
    expect(readArraysFile(path, { ...key, epoch: 'e2' }, ['a'])).toEqual({ later: false });
    expect(readArraysFile(path, { ...key, snap: 2 }, ['a'])).toEqual({ later: true });
    expect(readArraysFile(path, key, ['a', 'c']).parts).toBeUndefined();
    const file = await readFile(path);
    await writeFile(path, file.subarray(0, file.length - 10)); // into the last part
    expect(readArraysFile(path, key, ['a', 'b']).parts).toBeUndefined();
  });
});
