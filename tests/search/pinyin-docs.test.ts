/**
 * The index answers a pinyin query (pinyinDocs) with exactly the titles a check of every title finds
 * (pinyinMatchKind on its encoded pinyin): full spellings from the start of a syllable, ending inside
 * one or not, letters that split into syllables more than one way, initials, and letters naming
 * nothing. The titles are the synthetic feed's (real clauses of news headlines) and a few of our own.
 * An index from before version 12 (no initials 4-gram) answers alike, for its docs and those added.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticArticle } from '../../bench/synthetic-feed.js';
import { FIELD, FIELD_SPAN } from '../../src-main/archive/search/index-records.js';
import { SearchService } from '../../src-main/archive/search/search-service.js';
import type { SearchIndex } from '../../src-main/archive/search/search-index.js';
import { decodePinyin, loadPinyin, pinyinMatchKind } from '../../src-main/archive/search/pinyin.js';
import { MemoryFeed } from '../helpers/memory-feed.js';
import { tempDir } from '../helpers/tmp.js';

const OWN = [
  '西安先生谈西安新闻',
  '先进典型：西安市先锋',
  '嗯，这是一个好问题',
  '皮袄与棉袄',
  '档案建档 党建引领',
  '长安街上的长江',
  '女儿与旅游',
  '欧盟：偶然的安然',
  '爱国爱党爱人民',
  // Letters both spelt in full and as initials (a e a e: the full match is the better one).
  '阿额阿额饿',
  // Initials holding jldj and ldjz but not jldjz: each 4-gram there, the letters not.
  '近邻党建好两党就在',
];

/** Our own titles as headlines, their ids from `prefix`. */
function putOwn(feed: MemoryFeed, prefix: string): void {
  OWN.forEach((title, i) =>
    feed.put({
      id: `${prefix}${i}`,
      title,
      kind: 'headline',
      publishedAt: '2024-05-01T08:00:00+08:00',
      sources: ['/own.txt'],
    }),
  );
}

let index: SearchIndex;
let titles: string[];

beforeAll(async () => {
  await loadPinyin();
  const feed = MemoryFeed.of(3000);
  putOwn(feed, 'own');
  const service = await SearchService.open(feed, await tempDir());
  index = service.index;
  titles = [];
  for (let d = 0; d < index.docCount; d++) if (index.alive(d)) titles.push(index.doc(d)!.pinyin);
}, 120_000);

/** Every live doc's kind of match, checked on its encoded pinyin. */
function bruteForce(letters: string, of = index): { full: number[]; initials: number[] } {
  const out = { full: [] as number[], initials: [] as number[] };
  for (let d = 0; d < of.docCount; d++) {
    if (!of.alive(d)) continue;
    const kind = pinyinMatchKind(of.doc(d)!.pinyin, letters);
    if (kind) out[kind].push(d);
  }
  return out;
}

/** Queries cut from the titles' spellings: from a syllable start, `len` letters on, and initials. */
function queriesFromTitles(count: number): string[] {
  const out: string[] = [];
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const py = decodePinyin(titles[next(titles.length)]!);
    if (!py.starts.length) continue;
    const from = py.starts[next(py.starts.length)]!;
    out.push(py.full.slice(from, from + 3 + next(14)));
    const at = next(py.initials.length);
    if (py.initials.length - at >= 3) out.push(py.initials.slice(at, at + 3 + next(4)));
    // Not from a syllable start: found only where it happens to start one elsewhere.
    out.push(py.full.slice(from + 1, from + 5 + next(6)));
  }
  return out.filter((q) => q.length >= 2);
}

describe('pinyinDocs', () => {
  it('agrees with checking every title, for many queries', () => {
    const queries = [
      ...['dangjian', 'dangjia', 'dangj', 'dan', 'xian', 'xia', 'xianxian', 'xiansheng', 'xianjin'],
      ...['xiamen', 'zhuxingu', 'jinlin', 'jldj', 'changan', 'changjiang', 'chang', 'nver', 'nvyou'],
      ...['piao', 'mianao', 'ouran', 'ouranan', 'aiguo', 'aidangai', 'ngzhe', 'enzhe', 'en', 'xa'],
      ...['jianshe', 'shequ', 'jiedao', 'zhuang', 'zhuangz', 'qqqq', 'zzz', 'xyzxyz', 'aaaa', 'dj'],
      ...['aea', 'aeae', 'aeaea', 'jldjz', 'ldjz', 'jldjh'],
      // More letters than the check's bit masks hold, and split many ways (xian or xi+an each time).
      'xian'.repeat(9),
      'xianxianxianxianxianxianxianxiansheng',
      ...queriesFromTitles(300),
    ];
    let found = 0;
    for (const q of queries) {
      const expected = bruteForce(q);
      const got = index.pinyinDocs(q);
      expect({ full: [...got.full], initials: [...got.initials] }, q).toEqual(expected);
      found += expected.full.length + expected.initials.length;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it('finds a title by letters that split into syllables more than one way', () => {
    // xian (先) or xi+an (西安): both titles are found.
    const full = new Set([...index.pinyinDocs('xian').full].map((d) => index.doc(d)!.id));
    expect(full.has('own0')).toBe(true);
    expect(full.has('own1')).toBe(true);
    const xian2 = new Set([...index.pinyinDocs('xianxian').full].map((d) => index.doc(d)!.id));
    expect(xian2.has('own0')).toBe(true); // 西安先生: xi an xian
    const none = index.pinyinDocs('qqqq');
    expect(none.full.length + none.initials.length).toBe(0);
  });
});

describe('initials in an index from before version 12', () => {
  it('are found among the docs it held (no 4-gram: checked) and those added since (4-grams)', async () => {
    const feed = MemoryFeed.of(1500);
    putOwn(feed, 'own');
    const dir = await tempDir();
    await (await SearchService.open(feed, dir)).close();
    // The file as version 11 left it: no initials 4-gram.
    const db = new Database(join(dir, 'search', 'index.db'));
    const lo = FIELD.initials * FIELD_SPAN + (1 << 15);
    const removed = db
      .prepare('DELETE FROM grams WHERE key >= ? AND key < ?')
      .run(lo, lo + (1 << 20)).changes;
    db.prepare("UPDATE meta SET v = 11 WHERE k = 'version'").run();
    db.close();
    expect(removed).toBeGreaterThan(100);

    const service = await SearchService.open(feed, dir);
    const upgraded = service.index;
    const held = upgraded.docCount;
    expect(upgraded.quadsFrom).toBe(held);
    for (let i = 1501; i <= 2500; i++) feed.put(syntheticArticle(i));
    putOwn(feed, 'added');
    await service.refresh();
    expect(upgraded.docCount).toBeGreaterThan(held + 500);

    // Initials of 3 to 7 letters cut from titles on either side, and a few of the bench's.
    const queries = ['jldj', 'jldjz', 'dj', 'djy', 'sqfw', 'zxg', 'aea', 'aeae', 'aeaea', 'ldjz'];
    for (let d = 0; d < upgraded.docCount; d += 37) {
      const py = upgraded.doc(d) && decodePinyin(upgraded.doc(d)!.pinyin);
      if (py && py.initials.length >= 3) queries.push(py.initials.slice(0, 3 + (d % 5)));
    }
    const found = { old: 0, added: 0 };
    for (const q of queries) {
      const expected = bruteForce(q, upgraded);
      const got = upgraded.pinyinDocs(q);
      expect({ full: [...got.full], initials: [...got.initials] }, q).toEqual(expected);
      for (const d of expected.initials) found[d < held ? 'old' : 'added']++;
    }
    expect(found.old).toBeGreaterThan(200);
    expect(found.added).toBeGreaterThan(200);
    await service.close();
  }, 120_000);
});
