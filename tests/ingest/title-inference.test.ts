/**
 * The page's own title from several cues (title-cues.ts), on 2,000 generated pages whose own headline
 * shares only one clause with the body, sits anywhere from entry 5 to 29 with a random time, in
 * Simplified or Traditional, with or without teasers, markers, labels and `·` (page-generator.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage, type ParsedArticle } from '../../src-main/archive/ingest/parse-page.js';
import { generatePage } from '../fixtures/page-generator.js';

const SEED = join(process.cwd(), 'seeds', '000_b120d21b52c3fbe4.txt');

function full(text: string): { own: ParsedArticle; all: ParsedArticle[] } {
  const parsed = parsePage(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { own: parsed.page.articles.find((a) => a.kind === 'full')!, all: parsed.page.articles };
}

describe('the own title from several cues', () => {
  it('finds the own title and time on at least 99.5% of 2,000 generated pages', () => {
    let right = 0;
    const wrong: string[] = [];
    for (let seed = 1; seed <= 2000; seed++) {
      const page = generatePage(seed);
      const { own, all } = full(page.text);
      if (own.title === page.title && own.publishedAt === page.publishedAt) right++;
      else wrong.push(`${seed}: ${page.title} -> ${own.title}`);
      // The chosen headline is the page's own article, never also a headline-only entry.
      expect(all.filter((a) => a.title === own.title && a.publishedAt === own.publishedAt)).toHaveLength(1);
    }
    expect(right / 2000, wrong.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(0.995);
  });

  it('covers what it claims: pages of every kind are in the sample', () => {
    const pages = Array.from({ length: 2000 }, (_, i) => generatePage(i + 1));
    const positions = new Set(pages.map((p) => p.position));
    expect(Math.min(...positions)).toBe(5);
    expect(Math.max(...positions)).toBe(29);
    expect(pages.filter((p) => p.traditional).length).toBeGreaterThan(300);
    expect(pages.filter((p) => p.title.includes('·')).length).toBeGreaterThan(150);
    expect(pages.filter((p) => p.text.includes('...')).length).toBeGreaterThan(1000);
    expect(pages.filter((p) => !p.text.includes('...')).length).toBeGreaterThan(600);
    expect(pages.filter((p) => /下转第/.test(p.text) || /下轉第/.test(p.text)).length).toBeGreaterThan(500);
  });

  it('says which cues chose the seed’s title', () => {
    const { own } = full(readFileSync(SEED, 'utf8'));
    expect(own.title).toBe('福建全面加强城市基层党建工作综述 打造近邻党建“主心骨”');
    expect(own.titleCue).toEqual(['clause', 'run', 'overlap', 'position', 'latest']);
    expect(own.titleInferred).toBeUndefined();
  });

  it('keeps a provisional title and every headline when no cue convinces', () => {
    const body = [
      '今年以来，全市持续推进老旧小区改造，累计完成改造项目一百余个，惠及居民三万余户。',
      '下一步，相关部门将继续完善长效管理机制，让更多居民享受到改造成果。',
    ].join('\n');
    const list = [
      ['海南开展私设“景点”问题专项整治 全面规范旅游市场秩序', '2022-09-13 08:27:29'],
      ['宁波中秋消费市场活力涌动 销售额突破4000万元', '2022-09-13 08:22:57'],
    ];
    const text = [body, ...list.map(([t, d]) => `${t}\n${d}`)].join('\n-\n');
    const { own, all } = full(text);
    // The first sentence (up to 40 characters) stands in as the title.
    expect(own).toMatchObject({
      kind: 'full',
      titleInferred: true,
      title: '今年以来，全市持续推进老旧小区改造，累计完成改造项目一百余个，惠及居民三万余户',
    });
    expect(own.titleCue).toBeUndefined();
    expect(all.filter((a) => a.kind === 'headline').map((a) => a.title)).toEqual(list.map(([t]) => t));
  });
});
