/**
 * The titles' pinyin read where it lies in its copy `search/pinyin.bin` (a stretch of the file at a
 * time) answers as the same store held in memory: for sparse and dense candidates, titles longer than
 * a read, docs appended after the copy, and a copy another process replaced meanwhile.
 */
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPinyin, titlePinyin } from '../../src-main/archive/search/pinyin.js';
import { PinyinStore } from '../../src-main/archive/search/pinyin-store.js';
import { Syllables, encodeSyllables, syllablesOf } from '../../src-main/archive/search/syllables.js';
import { writeArraysFile } from '../../src-main/archive/search/arrays-file.js';
import { tempDir } from '../helpers/tmp.js';

const CHARS = [
  ...'福建全面加强城市基层党建工作综述打造近邻主心骨西安先生厦门赋权街道吹哨交通安全月饼小区支部',
];

/** A seeded generator (the same titles every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Titles as syllable numbers (the store's form), of the syllables of CHARS. */
function titles(count: number, rnd: () => number, syllables: Syllables): Uint8Array[] {
  const ids = CHARS.map((c) => {
    const py = titlePinyin(c);
    return syllables.id(syllablesOf(py.full, py.starts)[0]!);
  });
  const pick = (len: number): number[] =>
    Array.from({ length: len }, () => ids[Math.floor(rnd() * ids.length)]!);
  return Array.from({ length: count }, (_, i) =>
    // Mostly headlines; every 997th far longer than a read of the copy (a 256 KB stretch holds
    // thousands of the others), every 101st empty.
    encodeSyllables(
      i % 997 === 5
        ? Array<number[]>(9000).fill(pick(20)).flat()
        : pick(i % 101 === 7 ? 0 : 4 + Math.floor(rnd() * 26)),
    ),
  );
}

function fill(store: PinyinStore, list: Uint8Array[]): void {
  for (const t of list) store.set(store.n, t);
}

describe('the pinyin copy read where it lies', () => {
  beforeAll(loadPinyin);

  it('checks candidates as the store held in memory does', async () => {
    const rnd = random(7);
    const syllables = new Syllables();
    // Numbers past 127 take two bytes: some real syllables get those.
    for (let i = 0; i < 120; i++) syllables.id(`filler${i}`);
    const first = titles(30_000, rnd, syllables);
    const later = titles(3_000, rnd, syllables);
    const held = new PinyinStore(syllables);
    fill(held, first);
    const onFile = new PinyinStore(syllables);
    fill(onFile, first);

    const dir = await tempDir();
    const path = join(dir, 'pinyin.bin');
    const key = { epoch: 'e1', snap: 1, n: onFile.n };
    expect(writeArraysFile(path, key, onFile.toCopy())).toBe(true);
    onFile.reopen(path, key);
    // Docs committed after the copy are held in memory.
    fill(held, later);
    fill(onFile, later);
    expect(Buffer.compare(onFile.toBlobs().py, held.toBlobs().py)).toBe(0);
    expect(Buffer.compare(onFile.toBlobs().pyoff, held.toBlobs().pyoff)).toBe(0);

    // Another process writes a later copy over it: this store reads the one it opened.
    const other = new PinyinStore(new Syllables());
    fill(other, titles(50, random(9), new Syllables()));
    expect(writeArraysFile(path, { epoch: 'e1', snap: 2, n: other.n }, other.toCopy())).toBe(true);

    const n = held.n;
    const sets: [string, number[]][] = [
      ['every doc', Array.from({ length: n }, (_, d) => d)],
      ['sparse', Array.from({ length: 300 }, (_, i) => Math.floor((i * n) / 300))],
      ['dense then sparse', [...Array.from({ length: 5000 }, (_, d) => d + 9000), 20_000, 29_999, 31_000]],
      ['one', [12_345]],
      ['the long titles', [5, 997 + 5, 2 * 997 + 5, 29 * 997 + 5]],
      ['past the last doc', [0, n - 1, n, n + 10]],
    ];
    const queries = ['dangjian', 'jsgz', 'xiamen', 'jinlindangjian', 'xian', 'zhuxingu', 'jdcs', 'qm', 'a'];
    let matched = 0;
    for (const [what, docs] of sets)
      for (const q of queries) {
        const want = held.kinds(docs, q);
        expect([...onFile.kinds(docs, q)], `${what} ${q}`).toEqual([...want]);
        matched += want.filter((k) => k > 0).length;
      }
    // The queries do match (some of) these titles, in both tiers.
    expect(matched).toBeGreaterThan(1000);
    // Past 31 letters, the check by strings (a doc at a time).
    const long = 'jianjianzhujianjianzhujianjianzhujianjian';
    for (const d of [5, 12_345, 30_998, n - 1])
      expect(onFile.matchKind(d, long)).toBe(held.matchKind(d, long));

    // A snapshot of the store read from its copy: its bytes held while the copy is replaced (a file
    // held open cannot be replaced on Windows), then the new copy read as the old one was.
    const { bytes, copy } = onFile.snapshot();
    expect(Buffer.compare(bytes, held.toBlobs().py)).toBe(0);
    onFile.release(bytes);
    const [, docs] = sets[0]!;
    expect([...onFile.kinds(docs, 'dangjian')]).toEqual([...held.kinds(docs, 'dangjian')]);
    const next = { epoch: 'e1', snap: 3, n: onFile.n };
    expect(writeArraysFile(path, next, copy)).toBe(true);
    onFile.reopen(path, next);
    fill(held, later.slice(0, 10));
    fill(onFile, later.slice(0, 10));
    const all = Array.from({ length: held.n }, (_, d) => d);
    for (const q of queries) expect([...onFile.kinds(all, q)], q).toEqual([...held.kinds(all, q)]);
    expect(Buffer.compare(onFile.toBlobs().py, held.toBlobs().py)).toBe(0);
    onFile.close();
    await rm(dir, { recursive: true, force: true });
  });
});
