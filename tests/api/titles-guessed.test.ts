/**
 * The import report says how many titles were guessed (#13): articles of the imported files whose
 * page named no headline for them (titleInferred), counted from the catalog, through the contract as
 * the app and `yuelan import` get it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveCore } from '../../src-main/archive/archive-core.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { GUESSED_PAGE, writeFoldPages } from '../fixtures/folded-headlines.js';
import { tempDir } from '../helpers/tmp.js';

describe('import report: titles guessed', () => {
  it('counts the guessed titles of the files imported, and says nothing when there are none', async () => {
    const dir = await tempDir();
    const folded = await writeFoldPages(join(dir, 'folded'));
    await mkdir(join(dir, 'guessed'));
    await writeFile(join(dir, 'guessed', 'guess.txt'), GUESSED_PAGE);
    const handlers = createHandlers(await ArchiveCore.open(join(dir, 'data')), '');

    const plain = await handlers['archive:import']({ paths: [folded] });
    expect(plain.files.imported).toBe(3);
    expect(plain.titlesGuessed).toBeUndefined();

    const guessed = await handlers['archive:import']({ paths: [join(dir, 'guessed')] });
    expect(guessed.titlesGuessed).toBe(1);
    const again = await handlers['archive:reimportSource']({ path: join(dir, 'guessed', 'guess.txt') });
    expect(again.titlesGuessed).toBe(1);
  });
});
