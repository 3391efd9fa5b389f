/**
 * Taking the user's notes out and back in: Markdown for reading (grouped by article, each highlight
 * as a blockquote with its colour and note) and JSON for the whole library, which merges back in
 * without duplicates. Imported JSON is validated record by record, by the same rules as the API's
 * requests (library-schemas.ts), before anything is written: one bad record refuses the whole file.
 */
import { z } from 'zod';
import type { CatalogStore } from '../catalog/catalog-store.js';
import type { LibraryStore } from './library-store.js';
import { LIBRARY_FORMAT, type Annotation, type Bookmark } from './library-types.js';
import { annotationSchema, bookmarkSchema } from './library-schemas.js';

const COLOR_NAMES: Record<string, string> = {
  yellow: '黄 yellow',
  green: '绿 green',
  blue: '蓝 blue',
  pink: '粉 pink',
  purple: '紫 purple',
};

export function exportLibraryJson(library: LibraryStore): string {
  const data = library.data;
  return JSON.stringify(
    {
      format: LIBRARY_FORMAT,
      schemaVersion: data.schemaVersion,
      exportedAt: new Date().toISOString(),
      bookmarks: data.bookmarks,
      annotations: data.annotations,
    },
    null,
    2,
  );
}

export function exportLibraryMarkdown(library: LibraryStore, catalog: CatalogStore): string {
  const byArticle = new Map<string, { bookmark?: Bookmark; annotations: Annotation[] }>();
  const entry = (id: string): { bookmark?: Bookmark; annotations: Annotation[] } => {
    let e = byArticle.get(id);
    if (!e) byArticle.set(id, (e = { annotations: [] }));
    return e;
  };
  for (const b of library.listBookmarks()) entry(b.articleId).bookmark = b;
  for (const a of library.listAnnotations()) entry(a.articleId).annotations.push(a);

  const sections = [...byArticle.entries()].map(([id, e]) => ({ id, e, meta: catalog.getMeta(id) }));
  sections.sort((x, y) => (y.meta?.publishedAt ?? '').localeCompare(x.meta?.publishedAt ?? ''));

  const out = ['# 阅览 Yuelan — 我的笔记 My notes', '', `Exported ${new Date().toISOString()}`, ''];
  for (const { id, e, meta } of sections) {
    out.push(`## ${meta?.title ?? `(article ${id} is no longer in the archive)`}`, '');
    const facts = [
      meta?.label && `Label: ${meta.label}`,
      // A page that printed only a date keeps the date alone (never an invented 00:00).
      meta?.publishedAt &&
        `Time: ${meta.publishedPrecision === 'day' ? meta.publishedAt.slice(0, 10) : meta.publishedAt}`,
      meta?.byline && `Byline: ${meta.byline}`,
      `ID: ${id}`,
      e.bookmark &&
        `Bookmarked${e.bookmark.tags.length ? ` (${e.bookmark.tags.map((t) => `#${t}`).join(' ')})` : ''}`,
    ].filter(Boolean);
    out.push(facts.join(' · '), '');
    if (e.bookmark?.note) out.push(`Bookmark note: ${e.bookmark.note}`, '');
    const ordered = [...e.annotations].sort(
      (a, b) =>
        a.target.position.startBlock - b.target.position.startBlock ||
        a.target.position.startOffset - b.target.position.startOffset,
    );
    for (const a of ordered) {
      for (const line of a.target.quote.exact.split('\n')) out.push(`> ${line}`); // no spread: 100,000 lines fit
      out.push(
        '',
        `— ${COLOR_NAMES[a.color] ?? a.color}${a.tags.length ? ` · ${a.tags.map((t) => `#${t}`).join(' ')}` : ''}`,
      );
      if (a.note) out.push('', `Note: ${a.note}`);
      out.push('');
    }
  }
  return out.join('\n');
}

const exportSchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  bookmarks: z.array(bookmarkSchema).default([]),
  annotations: z.array(annotationSchema).default([]),
});

/** Parse an exported library; throws an Error with a one-paragraph reason when it is not one. */
export function parseLibraryExport(text: string): { bookmarks: Bookmark[]; annotations: Annotation[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON: choose a library exported by Yuelan (JSON).');
  }
  const parsed = exportSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`The file is not a Yuelan library export: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data as { bookmarks: Bookmark[]; annotations: Annotation[] };
}

const ISSUES_SHOWN = 3;

/** The first few problems, each with where it is (`bookmarks[3].createdAt: ...`), and how many more. */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, ISSUES_SHOWN).map((issue) => {
    const where = issue.path
      .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`))
      .join('');
    return `${where ? `${where}: ` : ''}${issue.message}`;
  });
  const more = issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more ${more === 1 ? 'problem' : 'problems'}` : ''}.`;
}
