/**
 * Plain-text renderings of articles and reports for the terminal (the --json forms print the records
 * themselves).
 */
import type { Article, ArticleMeta, ImportReason, ImportReport, TimePrecision } from '../archive/model.js';
import type { ExtractionWarning } from '../archive/ingest/formats/saved-page.js';
import { terminalLine } from './terminal-text.js';
import { translate } from '../../src-shared/i18n/translate.js';
import type { ListedArticle, SearchHit } from '../archive/search/search-types.js';

/**
 * A published time as the archive keeps it (China Standard Time), `YYYY-MM-DD HH:MM`, or the date
 * alone, padded to the same width, when the page printed only a date: never an invented 00:00.
 */
export function formatTime(iso: string | undefined, precision?: TimePrecision): string {
  if (!iso) return '                ';
  if (precision === 'day' || /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.slice(0, 10).padEnd(16);
  return iso.slice(0, 16).replace('T', ' ');
}

export function formatListLine(a: ArticleMeta & Pick<ListedArticle, 'listings'>): string {
  const label = a.label ? `[${a.label}] ` : '';
  const pages = new Set(a.listings?.map((l) => l.source)).size;
  const listed = pages > 1 ? `  (listed on ${pages} pages)` : '';
  return `${a.id}  ${formatTime(a.publishedAt, a.publishedPrecision)}  ${a.kind.padEnd(8)}  ${label}${a.title}${listed}`;
}

export function formatHit(hit: SearchHit, rank: number): string {
  const lines = [`${String(rank).padStart(3)}. ${formatListLine(hit.article)}`];
  if (hit.context) lines.push(`       ${hit.context.text.replace(/\s+/g, ' ')}`);
  return lines.join('\n');
}

export function formatArticle(a: Article): string {
  const out = [a.title];
  const time = a.publishedAt && formatTime(a.publishedAt, a.publishedPrecision).trim();
  const meta = [a.label && `label: ${a.label}`, time, a.kind, a.byline].filter(Boolean).join('  ·  ');
  out.push(meta, `id: ${a.id}`);
  out.push(...savedPageLines(a));
  if (a.titleCue?.length) out.push(`title from: ${a.titleCue.join(', ')}`);
  if (a.titleInferred) out.push('title guessed from the text (the page names no headline for it)');
  out.push('');
  if (a.blocks?.length) {
    for (const b of a.blocks) out.push(blockLine(a, b), '');
  } else {
    if (a.snippet) out.push(a.snippet, '');
    out.push('(The full text of this article is not in the archive.)', '');
  }
  out.push('Sources:', ...a.sources.map((s) => `  ${s}`));
  return out.join('\n');
}

/** What a saved page told about its article (absent for the text format's pages). */
function savedPageLines(a: Article): string[] {
  const lines: string[] = [];
  if (a.format && a.format !== 'text') lines.push(`format: ${a.format}`);
  if (a.source) lines.push(`source: ${terminalLine(a.source)}`);
  if (a.editor) lines.push(`editor: ${terminalLine(a.editor)}`);
  if (a.part && a.part.total > 1) lines.push(`part: ${a.part.index} of ${a.part.total}`);
  if (a.url) lines.push(`url: ${terminalLine(a.url)}`);
  // A capture time is when the page was saved, never its published time.
  if (a.capturedAt) lines.push(`captured: ${terminalLine(a.capturedAt)}`);
  if (a.images?.length) {
    const held = a.images.filter((image) => image.media).length;
    lines.push(`pictures: ${a.images.length} (${held} in the archive)`);
  }
  if (a.original) lines.push('original page: kept (the app shows it sandboxed)');
  return lines;
}

function blockLine(a: Article, b: NonNullable<Article['blocks']>[number]): string {
  if (b.type === 'heading') return `## ${b.text}`;
  if (b.type !== 'figure') return `    ${b.text}`;
  const image = b.image === undefined ? undefined : a.images?.[b.image];
  const words = b.text || (image?.alt ? terminalLine(image.alt) : '');
  return `    [picture${image?.media ? '' : ', not in the archive'}]${words ? ` ${words}` : ''}`;
}

/** An import reason in English, worded from the app's text table as the Sources view words it. */
export function reasonText(reason: ImportReason): string {
  if (reason.code === 'other') return reason.detail;
  const category = translate('en', `sources.reason.${reason.code}`);
  return reason.detail
    ? translate('en', 'sources.reasonDetail', { category, detail: reason.detail })
    : category;
}

/** Why a saved page's extraction is unsure, as `yuelan import` says it. */
const WARNING_WORDS: Record<ExtractionWarning, string> = {
  noTitle: 'no headline found',
  noTime: 'no published time found',
  shortBody: 'body under 100 characters',
};

export function formatReport(r: ImportReport): string {
  const lines = [
    `Files: ${r.files.imported} imported, ${r.files.unchanged} unchanged, ${r.files.duplicate} duplicate, ${r.files.rejected} rejected`,
    `Articles: ${r.articles.added} added, ${r.articles.updated} updated, ${r.articles.upgraded} upgraded`,
  ];
  if (r.titlesGuessed)
    lines.push(`Titles: ${r.titlesGuessed} guessed from the text (the page named no headline for them)`);
  for (const d of r.duplicates) lines.push(`  duplicate: ${d.path} (same as ${d.duplicateOf})`);
  for (const x of r.rejected) lines.push(`  rejected: ${x.path}: ${reasonText(x.reason)}`);
  for (const x of r.skipped ?? []) lines.push(`  skipped: ${x.path}: ${x.reason}`);
  const formats = Object.entries(r.formats ?? {}).map(
    ([format, n]) =>
      `${format} ${n.files} ${n.files === 1 ? 'file' : 'files'} (${n.articles} ${n.articles === 1 ? 'article' : 'articles'})`,
  );
  if (formats.length) lines.push(`By format: ${formats.join(', ')}`);
  for (const x of r.partial ?? []) lines.push(`  partly imported: ${x.path}: ${reasonText(x.reason)}`);
  for (const x of r.lowConfidence ?? []) {
    const page = x.url ? ` (${x.url})` : '';
    lines.push(
      `  unsure: ${x.path}${page}: ${x.title}: ${x.warnings.map((w) => WARNING_WORDS[w]).join(', ')}`,
    );
  }
  if (r.cancelled) lines.push('Import cancelled; what was imported before is kept.');
  return lines.join('\n');
}
