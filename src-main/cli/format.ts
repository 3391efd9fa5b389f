/**
 * Plain-text renderings of articles and reports for the terminal (the --json forms print the records
 * themselves).
 */
import type { Article, ArticleMeta, ImportReason, ImportReport } from '../archive/model.js';
import { translate } from '../../src-shared/i18n/translate.js';
import type { ListedArticle, SearchHit } from '../archive/search/search-types.js';

export function formatTime(iso: string | undefined): string {
  if (!iso) return '                ';
  return iso.slice(0, 16).replace('T', ' ');
}

export function formatListLine(a: ArticleMeta & Pick<ListedArticle, 'listings'>): string {
  const label = a.label ? `[${a.label}] ` : '';
  const pages = new Set(a.listings?.map((l) => l.source)).size;
  const listed = pages > 1 ? `  (listed on ${pages} pages)` : '';
  return `${a.id}  ${formatTime(a.publishedAt)}  ${a.kind.padEnd(8)}  ${label}${a.title}${listed}`;
}

export function formatHit(hit: SearchHit, rank: number): string {
  const lines = [`${String(rank).padStart(3)}. ${formatListLine(hit.article)}`];
  if (hit.context) lines.push(`       ${hit.context.text.replace(/\s+/g, ' ')}`);
  return lines.join('\n');
}

export function formatArticle(a: Article): string {
  const out = [a.title];
  const meta = [a.label && `label: ${a.label}`, a.publishedAt && formatTime(a.publishedAt), a.kind, a.byline]
    .filter(Boolean)
    .join('  ·  ');
  out.push(meta, `id: ${a.id}`);
  if (a.titleCue?.length) out.push(`title from: ${a.titleCue.join(', ')}`);
  if (a.titleInferred) out.push('title guessed from the text (the page names no headline for it)');
  out.push('');
  if (a.blocks?.length) {
    for (const b of a.blocks) out.push(b.type === 'heading' ? `## ${b.text}` : `    ${b.text}`, '');
  } else {
    if (a.snippet) out.push(a.snippet, '');
    out.push('(The full text of this article is not in the archive.)', '');
  }
  out.push('Sources:', ...a.sources.map((s) => `  ${s}`));
  return out.join('\n');
}

/** An import reason in English, worded from the app's text table as the Sources view words it. */
export function reasonText(reason: ImportReason): string {
  if (reason.code === 'other') return reason.detail;
  const category = translate('en', `sources.reason.${reason.code}`);
  return reason.detail
    ? translate('en', 'sources.reasonDetail', { category, detail: reason.detail })
    : category;
}

export function formatReport(r: ImportReport): string {
  const lines = [
    `Files: ${r.files.imported} imported, ${r.files.unchanged} unchanged, ${r.files.duplicate} duplicate, ${r.files.rejected} rejected`,
    `Articles: ${r.articles.added} added, ${r.articles.updated} updated, ${r.articles.upgraded} upgraded`,
  ];
  for (const d of r.duplicates) lines.push(`  duplicate: ${d.path} (same as ${d.duplicateOf})`);
  for (const x of r.rejected) lines.push(`  rejected: ${x.path}: ${reasonText(x.reason)}`);
  for (const x of r.skipped ?? []) lines.push(`  skipped: ${x.path}: ${x.reason}`);
  if (r.cancelled) lines.push('Import cancelled; what was imported before is kept.');
  return lines.join('\n');
}
