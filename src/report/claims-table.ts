import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import { isVerbatim } from '../verify/quotes.js';

/** A table cell: one line, `|` escaped. */
export function tableCell(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().replace(/\\?\|/g, '\\|');
}

/**
 * The comparison table of quantitative claims: one row per claim whose quote is verbatim in the
 * abstract, in taxonomy order, with the paper's citation, metric, value, baseline and the quote.
 * Papers outside the taxonomy or screened out by --topic are left out.
 */
export function renderClaimsTable(papers: readonly Paper[], annotations: readonly Annotation[], taxonomy: Taxonomy): string | null {
  const rows = claimRows(papers, annotations, taxonomy);
  return rows.length ? claimsTable(rows.map((r) => r.row)) : null;
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
