import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import { markdownInline } from '../format/markdown-text.js';
import { isVerbatim } from '../verify/quotes.js';

/** A table cell: one line of safe inline Markdown (raw HTML escaped, see markdown-text.ts), `|` escaped. */
export function tableCell(text: string | null | undefined): string {
  return markdownInline(text ?? '').replace(/\\?\|/g, '\\|');
}

export function claimsTable(rows: readonly string[]): string {
  return ['| Paper | Metric | Value | Baseline | Quote from the abstract |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The table's rows with the key of the paper each belongs to, in taxonomy order. */
export function claimRows(papers: readonly Paper[], annotations: readonly Annotation[], taxonomy: Taxonomy): { key: string; row: string }[] {
  const byPaper = new Map(papers.map((p) => [p.id, p]));
  const byAnnotation = new Map(annotations.map((a) => [a.paperId, a]));
  const inTaxonomy = taxonomy.categories.flatMap((c) => c.paperIds);
  const order = inTaxonomy.length > 0 ? inTaxonomy : papers.map((p) => p.id);
  const seen = new Set<string>();
  const rows: { key: string; row: string }[] = [];
  for (const id of order) {
    if (seen.has(id)) continue;
    seen.add(id);
    const paper = byPaper.get(id);
    const a = byAnnotation.get(id);
    if (!paper || a?.status !== 'ok' || a.relevance?.relevant === false) continue;
    for (const c of a.claims) {
      if (!c.quantitative || !isVerbatim(c.quote, paper.abstract)) continue;
      const cells = [`[@${paper.key}]`, tableCell(c.metric), tableCell(c.value), tableCell(c.baseline), `"${tableCell(c.quote)}"`];
      rows.push({ key: paper.key, row: `| ${cells.join(' | ')} |` });
    }
  }
  return rows;
}
