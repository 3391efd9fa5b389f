/**
 * Taking the user's notes out and back in: Markdown for reading (grouped by article, each highlight
 * as a blockquote with its colour and note, worded and dated in the export's language, from the one
 * text table) and JSON for the whole library, which merges back in
 * without duplicates. Imported JSON is validated record by record, by the same rules as the API's
 * requests (library-schemas.ts), before anything is written: one bad record refuses the whole file.
 */
import { z } from 'zod';
import type { CatalogStore } from '../catalog/catalog-store.js';
import type { LibraryStore } from './library-store.js';
import { LIBRARY_FORMAT, type Annotation, type Bookmark } from './library-types.js';
import { annotationSchema, bookmarkSchema } from './library-schemas.js';
import { translate, type Locale } from '../../../src-shared/i18n/translate.js';

/** A time as the export's language writes it, in China Standard Time (the archive's days). */
function formatTime(iso: string, locale: Locale, dayOnly: boolean): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    ...(dayOnly ? {} : { timeStyle: 'short', hourCycle: 'h23' as const }),
  }).format(at);
}

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

export function exportLibraryMarkdown(
  library: LibraryStore,
  catalog: CatalogStore,
  locale: Locale = 'en',
  now = new Date(),
): string {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>): string =>
    translate(locale, key, vars);
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

  const out = [
    `# ${t('export.md.title')}`,
    '',
    t('export.md.exported', { time: formatTime(now.toISOString(), locale, false) }),
    '',
  ];
  const tags = (list: string[]): string => list.map((tag) => `#${tag}`).join(' ');
  for (const { id, e, meta } of sections) {
    out.push(`## ${meta?.title ?? t('export.md.missing', { id })}`, '');
    const facts = [
      meta?.label && t('export.md.label', { label: meta.label }),
      // A page that printed only a date keeps the date alone (never an invented 00:00).
      meta?.publishedAt &&
        t('export.md.time', {
          time: formatTime(meta.publishedAt, locale, meta.publishedPrecision === 'day'),
        }),
      meta?.byline && t('export.md.byline', { byline: meta.byline }),
      `ID: ${id}`,
      e.bookmark &&
        (e.bookmark.tags.length
          ? t('export.md.bookmarkedTags', { tags: tags(e.bookmark.tags) })
          : t('export.md.bookmarked')),
    ].filter(Boolean);
    out.push(facts.join(' · '), '');
    if (e.bookmark?.note) out.push(t('export.md.bookmarkNote', { note: e.bookmark.note }), '');
    const ordered = [...e.annotations].sort(
      (a, b) =>
        a.target.position.startBlock - b.target.position.startBlock ||
        a.target.position.startOffset - b.target.position.startOffset,
    );
    for (const a of ordered) {
      for (const line of a.target.quote.exact.split('\n')) out.push(`> ${line}`); // no spread: 100,000 lines fit
      const colour = t(`annotations.color.${a.color}`);
      out.push('', `— ${colour}${a.tags.length ? ` · ${tags(a.tags)}` : ''}`);
      if (a.note) out.push('', t('export.md.note', { note: a.note }));
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
