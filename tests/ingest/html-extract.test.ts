/**
 * The HTML extractor against the fixture table (tests/fixtures/html/expectations.json, written with
 * the pages by tests/fixtures/html/gen/generate.ts): every expected value is asserted exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src-main/archive/ingest/html/extract-article.js';
import type { Expect } from '../fixtures/html/gen/types.js';

const dir = join(__dirname, '../fixtures/html');
const table = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8')) as {
  articles: { file: string; encoding: string; url?: string; charsetHint?: string; expect: Expect }[];
  rejects: { file: string; code: string; detail: string }[];
};

describe('HTML fixture table', () => {
  it('holds at least 40 article pages', () => {
    expect(table.articles.length).toBeGreaterThanOrEqual(40);
  });

  it.each(table.articles)('$file', ({ file, url, charsetHint, expect: want }) => {
    const bytes = readFileSync(join(dir, 'pages', file));
    const r = extractArticle(new Uint8Array(bytes), {
      ...(url ? { url } : {}),
      ...(charsetHint ? { charsetHint } : {}),
    });
    if (!r.ok) throw new Error(`${file}: rejected (${r.code}: ${r.detail})`);
    const paragraphs = r.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
    const body = r.blocks.map((b) => b.text).join('\n');
    expect({
      title: r.title,
      titleCue: r.titleCue,
      publishedAt: r.publishedAt,
      precision: r.publishedPrecision,
      timeCue: r.timeCue,
      byline: r.byline,
      editor: r.editor,
      source: r.source,
      first: paragraphs[0],
      last: paragraphs[paragraphs.length - 1],
      part: r.part,
      warnings: r.warnings,
    }).toEqual({
      title: want.title,
      titleCue: want.titleCue,
      publishedAt: want.publishedAt,
      precision: want.precision,
      timeCue: want.timeCue,
      byline: want.byline,
      editor: want.editor,
      source: want.source,
      first: want.first,
      last: want.last,
      part: want.part,
      warnings: want.warnings ?? [],
    });
    for (const s of want.absent) expect(body, `"${s}" must stay out of the body`).not.toContain(s);
    expect(r.blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual(want.headings ?? []);
    if (want.figures) {
      expect(r.blocks.filter((b) => b.type === 'figure').map((b) => b.text)).toEqual(want.figures);
      expect(r.images.length).toBe(want.figures.length);
    }
    expect(body).not.toMatch(/\ufffd/);
  });

  it.each(table.rejects)('rejects $file as $code', ({ file, code, detail }) => {
    const r = extractArticle(new Uint8Array(readFileSync(join(dir, 'pages', file))), {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.detail).toContain(detail);
  });
});
