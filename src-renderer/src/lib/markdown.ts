/**
 * An article as Markdown, for "copy" and "save as .md": title, a line of label, time and byline, a
 * line of what a saved page told (source, editor, part, address, capture time), the headings,
 * paragraphs and picture captions (a picture itself stays in the archive: Markdown would fetch a web
 * address), and the source files. Archive text is escaped where Markdown would read it
 * as syntax at the start of a line.
 */
import type { Article } from '$contract';

function escapeLine(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#>+\-=])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

export interface MarkdownLabels {
  /** The published time, already worded as precisely as the page gave it. */
  time: string;
  sources: string;
  /** What a picture's caption line starts with (图 / Picture). */
  picture?: string;
  /** Source, editor, part, address, capture time: already worded. */
  facts?: string[];
  notInArchive?: string;
}

export function articleToMarkdown(article: Article, labels: MarkdownLabels): string {
  const lines: string[] = [`# ${escapeLine(article.title)}`, ''];
  const meta = [article.label ? `【${article.label}】` : '', labels.time, article.byline ?? '']
    .filter(Boolean)
    .join(' · ');
  if (meta) lines.push(escapeLine(meta), '');
  if (labels.facts?.length) lines.push(escapeLine(labels.facts.join(' · ')), '');
  if (labels.notInArchive) lines.push(`> ${escapeLine(labels.notInArchive)}`, '');
  if (article.kind !== 'full' && article.snippet) lines.push(escapeLine(article.snippet), '');
  for (const block of article.blocks ?? []) {
    if (block.type === 'figure') {
      const image = block.image === undefined ? undefined : article.images?.[block.image];
      const words = block.text || image?.alt || '';
      lines.push(`*${escapeLine(`${labels.picture ?? '图'}${words ? `：${words}` : ''}`)}*`, '');
    } else lines.push(block.type === 'heading' ? `## ${escapeLine(block.text)}` : escapeLine(block.text), '');
  }
  if (article.sources.length > 0) {
    lines.push('---', '', `${labels.sources}:`, '');
    for (const source of article.sources) lines.push(`- ${escapeLine(source)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** A file name for the article: its title without characters file systems refuse. */
export function markdownFileName(article: Article): string {
  const base =
    article.title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .trim()
      .slice(0, 80) || article.id;
  return `${base}.md`;
}
