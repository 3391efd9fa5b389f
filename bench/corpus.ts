/**
 * The bench corpus: N saved pages made deterministically from the seed page. Each page has a main
 * article (shuffled, mutated seed paragraphs under a title of its own), teasers and a headline list
 * drawn from a per-day "wire" (so the same headline appears on many pages), dates spread over years,
 * a share written in Traditional Chinese, and some CRLF/BOM files.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Converter } from 'opencc-js';

export const toTraditional = Converter({ from: 'cn', to: 'tw' });

export const SEED = join(import.meta.dirname, '..', 'seeds', '000_b120d21b52c3fbe4.txt');
const PAGES_PER_DAY = 10;
export const TRADITIONAL_SHARE = 0.15;

export const CITIES = [
  '福州',
  '厦门',
  '泉州',
  '漳州',
  '莆田',
  '三明',
  '南平',
  '龙岩',
  '宁德',
  '杭州',
  '宁波',
  '温州',
  '嘉兴',
  '湖州',
  '绍兴',
  '金华',
  '广州',
  '深圳',
  '佛山',
  '东莞',
  '珠海',
  '太原',
  '大同',
  '长治',
  '晋城',
  '海口',
  '三亚',
  '成都',
  '绵阳',
  '西安',
  '咸阳',
  '南京',
  '苏州',
  '无锡',
  '常州',
  '合肥',
  '芜湖',
  '济南',
  '青岛',
  '烟台',
];
const PROVINCES = ['福建', '浙江', '广东', '山西', '海南', '四川', '陕西', '江苏', '安徽', '山东'];
const TOPICS = [
  '全面加强城市基层党建工作综述',
  '推进街道管理体制改革',
  '深化近邻党建工作',
  '加强小区党支部建设',
  '推动在职党员报到服务',
  '建设社区党群服务中心',
  '提升城市基层治理水平',
  '打造共建共享治理格局',
  '激活社区治理活力',
  '完善社区工作者薪酬体系',
];
const SUBS = [
  '打造近邻党建“主心骨”',
  '做强街道“动力轴心”',
  '从“独角戏”到“大合唱”',
  '让数据多跑路群众少跑腿',
  '小矛盾不出楼栋',
  '邻里一家亲',
  '街道吹哨部门报到',
  '支部建在小区上',
  '人民城市人民建',
  '破解小马拉大车',
];
export const LABELS = ['全球实时:', '今日播报!', '热头条丨', '【时快讯】', '当前热门:', '环球简讯:'];

export interface SeedParts {
  body: string[];
  headlines: string[];
  /** Teaser snippets (the text after the headline, without the dots). */
  snippets: string[];
}

export function readSeed(): SeedParts {
  const text = readFileSync(SEED, 'utf8').replace(/^\uFEFF/, '');
  const blocks = text.split(/\n-\n/);
  const body = blocks[0]!.split('\n').filter((l) => l.trim());
  const headlines: string[] = [];
  const teasers: string[] = [];
  for (const b of blocks.slice(1)) {
    const lines = b.split('\n').filter((l) => l.trim());
    if (lines.length === 2) headlines.push(lines[0]!);
    else if (lines[0]?.endsWith('...')) teasers.push(lines[0]);
  }
  const snippets = teasers.map((t) => {
    const h = headlines.find((x) => t.startsWith(x));
    return (h ? t.slice(h.length) : t).replace(/\.\.\.$/, '');
  });
  // Headlines without their aggregator labels: labels are added back at random.
  const clean = headlines.map((h) =>
    h.replace(
      /^(全球实时:|今日播报!|热头条丨|【时快讯】|当前热门:|环球简讯:|当前资讯!|世界热资讯!|天天热头条丨|当前短讯!)/,
      '',
    ),
  );
  return { body, headlines: clean, snippets };
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, a: T[]): T => a[Math.floor(r() * a.length)]!;

export function shuffle<T>(r: () => number, a: T[]): T[] {
  const out = [...a];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function stamp(day: number, secondOfDay: number): string {
  const d = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000);
  const s = Math.floor(secondOfDay);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

export interface Entry {
  title: string;
  time: string;
}

/** A headline from the seed, mutated: a city in front, halves swapped, a label. */
function mutateHeadline(r: () => number, base: string): string {
  let t = base;
  const halves = t.split(' ');
  if (halves.length === 2 && r() < 0.3) t = `${halves[1]} ${halves[0]}`;
  if (r() < 0.5)
    t = pick(r, CITIES) + t.replace(/^(东莞|南海|顺德|禅城区|晋城|阳泉|长治|朔州|宁波|南浔|海南|山西)/, '');
  if (r() < 0.15) t = pick(r, LABELS) + t;
  return t;
}

/** The day's wire: the headlines every page of that day lists. */
export function dayWire(seed: SeedParts, day: number): Entry[] {
  const r = rng(day * 7919 + 17);
  const out: Entry[] = [];
  for (let i = 0; i < 24; i++) {
    out.push({
      title: mutateHeadline(r, pick(r, seed.headlines)),
      time: stamp(day, 6 * 3600 + r() * 14 * 3600),
    });
  }
  return out;
}

export function mainEntry(
  day: number,
  page: number,
): Entry & { city: string; province: string; topic: string } {
  const r = rng(page * 104729 + 3);
  const city = pick(r, CITIES);
  const province = pick(r, PROVINCES);
  const topic = pick(r, TOPICS);
  // Now and then the seed's own headline again: the duplicate that search must rank by recency.
  const title =
    r() < 0.02 ? '福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”' : `${city}${topic} ${pick(r, SUBS)}`;
  return { title, time: stamp(day, 6 * 3600 + r() * 15 * 3600), city, province, topic };
}

function mutateParagraph(r: () => number, p: string, city: string, province: string): string {
  let t = p.replace(/福建|我省/g, province).replace(/厦门/g, city);
  t = t.replace(/\d+/g, (d) => (r() < 0.3 ? String(Math.floor(r() * 10 ** d.length)) : d));
  if (r() < 0.25) {
    // Swap two clauses: same words, other order.
    const parts = t.split(',');
    if (parts.length > 2) {
      const i = Math.floor(r() * (parts.length - 1));
      [parts[i], parts[i + 1]] = [parts[i + 1]!, parts[i]!];
      t = parts.join(',');
    }
  }
  return t;
}

/** A page's own article: the seed's paragraphs shuffled and mutated, under its title, with a byline. */
export function articleBody(
  seed: SeedParts,
  r: () => number,
  main: { title: string; city: string; province: string; topic: string },
): string[] {
  const paras = seed.body.filter((l) => !l.endsWith('郑昭)'));
  const kept = shuffle(r, paras).filter(() => r() < 0.85);
  const body = kept.map((p) => mutateParagraph(r, p, main.city, main.province));
  body.unshift(`${main.city}${main.topic}。${main.title.replace(/\s+/g, ',')}。`);
  body.push(`(本报记者 ${pick(r, ['郑昭', '林晓', '王芳', '陈明'])})`);
  return body;
}

export function makePage(seed: SeedParts, page: number, pages: number): string {
  const r = rng(page * 2654435761);
  const day = Math.floor(page / PAGES_PER_DAY);
  const main = mainEntry(day, page);
  const body = articleBody(seed, r, main);

  const wire = dayWire(seed, day);
  const lines = [...body];
  for (let i = 0; i < 4; i++) {
    const e = wire[(page + i * 5) % wire.length]!;
    lines.push('-', `${e.title}${pick(r, seed.snippets)}...`);
  }
  const entries: Entry[] = [main];
  for (const e of wire) if (r() < 0.8) entries.push(e);
  for (let k = 1; k <= 3; k++) {
    const sib = day * PAGES_PER_DAY + ((page + k) % PAGES_PER_DAY);
    if (sib < pages && sib !== page) entries.push(mainEntry(day, sib));
  }
  for (const e of shuffle(r, entries)) lines.push('-', e.title, e.time);
  let text = lines.join('\n') + '\n';
  if (r() < TRADITIONAL_SHARE) text = toTraditional(text);
  if (r() < 0.05) text = text.replace(/\n/g, '\r\n');
  if (r() < 0.05) text = '\uFEFF' + text;
  return text;
}

/** Write N pages under `dir` (100 per folder); returns the total bytes written. */
export async function writeCorpus(dir: string, pages: number): Promise<number> {
  const seed = readSeed();
  let bytes = 0;
  for (let p = 0; p < pages; p++) {
    const sub = join(dir, String(Math.floor(p / 100)).padStart(4, '0'));
    if (p % 100 === 0) await mkdir(sub, { recursive: true });
    const buf = Buffer.from(makePage(seed, p, pages), 'utf8');
    bytes += buf.length;
    await writeFile(join(sub, `p${String(p).padStart(6, '0')}.txt`), buf);
  }
  return bytes;
}
