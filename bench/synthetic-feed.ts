/**
 * A synthetic catalog as a change feed (src-main/archive/search/index-feed.ts), kept nowhere: article i
 * (change number i) is made from i alone, out of the seed page's clauses and headlines, so millions of
 * articles cost no memory and a second process makes exactly the same ones. The index tests build on
 * it (a feed they change), and bench/index-probe.ts builds millions of headline entries from it.
 */
import { readFileSync } from 'node:fs';
import type { IndexedArticle } from '../src-main/archive/search/index-feed.js';
import type { ArticleMeta } from '../src-main/archive/model.js';
import { SEED, rng } from './corpus.js';

export interface SyntheticArticle extends IndexedArticle {
  sources: string[];
  body?: string[];
}

const CITIES = [
  '福州',
  '厦门',
  '泉州',
  '杭州',
  '宁波',
  '温州',
  '广州',
  '深圳',
  '太原',
  '济南',
  '青岛',
  '成都',
];
/** Headlines per source page (a page of the feed lists this many articles). */
export const PER_PAGE = 30;

interface SeedText {
  clauses: string[];
  headlines: string[];
  lines: string[];
}

let seedText: SeedText | undefined;
function seed(): SeedText {
  if (seedText) return seedText;
  const text = readFileSync(SEED, 'utf8').replace(/^\uFEFF/, '');
  const blocks = text.split(/\n-\n/);
  const lines = blocks[0]!.split('\n').filter((l) => l.trim().length > 20);
  const clauses = lines
    .flatMap((l) => l.split(/[,。;:、“”!?()]/))
    .map((c) => c.trim())
    .filter((c) => c.length >= 4 && c.length <= 16);
  const headlines = blocks
    .slice(1)
    .map((b) => b.split('\n').filter((l) => l.trim()))
    .filter((ls) => ls.length === 2)
    .map((ls) => ls[0]!);
  seedText = { clauses, headlines, lines };
  return seedText;
}

const pick = <T>(r: () => number, a: T[]): T => a[Math.floor(r() * a.length)]!;
const pad = (n: number): string => String(n).padStart(2, '0');

/** A time in China Standard Time, `seconds` after 2015-01-01 00:00. */
function cst(seconds: number): string {
  const d = new Date(Date.UTC(2015, 0, 1) + seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

function titleOf(i: number): string {
  // Every tenth entry is another page's listing of an earlier headline (a fold of two).
  if (i % 10 === 0 && i > 3) i -= 3;
  const r = rng(i * 2654435761);
  const s = seed();
  // Now and then a seed headline (the same few hundred titles: folds of a few dozen).
  if (r() < 0.003) return `${pick(r, CITIES)}${pick(r, s.headlines)}`;
  return `${pick(r, CITIES)}${pick(r, s.clauses)} ${pick(r, s.clauses)}`;
}

/**
 * Article i (1, 2, ...). `mixed`: one in twenty full (with a body), one in seven brief, the rest
 * headlines; otherwise headlines only. Times are distinct (i * 97 s), so orders never tie.
 */
export function syntheticArticle(i: number, mixed = true): SyntheticArticle {
  const r = rng(i * 40503 + 7);
  const s = seed();
  const kind = !mixed ? 'headline' : i % 20 === 0 ? 'full' : i % 7 === 0 ? 'brief' : 'headline';
  const a: SyntheticArticle = {
    id: `s${i}`,
    title: titleOf(i),
    kind,
    publishedAt: cst(i * 97),
    sources: [`/synthetic/p${Math.floor(i / PER_PAGE)}.txt`],
  };
  if (kind !== 'headline') a.snippet = `${pick(r, s.clauses)},${pick(r, s.clauses)}`;
  if (kind === 'full') {
    a.bodyRef = `b${i}`;
    a.body = [pick(r, s.lines), pick(r, s.lines), pick(r, s.lines)];
  }
  return a;
}

/** An article's metadata as the catalog gives it. */
export function metaOf(a: SyntheticArticle): ArticleMeta {
  const { body: _body, bodyRef: _ref, ...meta } = a;
  return meta;
}

/** Articles 1..n as a feed that never changes (the probe's millions). */
export class SyntheticFeed {
  readonly changeSeq: number;
  constructor(
    readonly size: number,
    readonly mixed = false,
    readonly catalogId = 'synthetic',
  ) {
    this.changeSeq = size;
  }

  changesSince(seq: number, limit: number): { seq: number; article: IndexedArticle }[] {
    const out: { seq: number; article: IndexedArticle }[] = [];
    for (let i = seq + 1; i <= Math.min(this.size, seq + limit); i++)
      out.push({ seq: i, article: syntheticArticle(i, this.mixed) });
    return out;
  }

  removedSince(): { seq: number; id: string }[] {
    return [];
  }

  async getBody(id: string): Promise<{ blocks: { text: string }[] } | undefined> {
    const body = syntheticArticle(Number(id.slice(1)), this.mixed).body;
    return body && { blocks: body.map((text) => ({ text })) };
  }

  articleIdsOfSource(path: string): string[] {
    const page = Number(/p(\d+)\.txt$/.exec(path)?.[1] ?? -1);
    const out: string[] = [];
    for (let i = Math.max(1, page * PER_PAGE); i < (page + 1) * PER_PAGE && i <= this.size; i++)
      out.push(`s${i}`);
    return out;
  }

  getMeta(id: string): ArticleMeta | undefined {
    const i = Number(id.slice(1));
    return i >= 1 && i <= this.size ? metaOf(syntheticArticle(i, this.mixed)) : undefined;
  }
}
