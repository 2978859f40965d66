import type { Paper } from '../corpus/paper.js';
import type { Annotation, Claim, Taxonomy } from '../review/annotation.js';
import { csvDocument } from './csv.js';
import { paperRows } from './paper-rows.js';

const HEADER = [
  'id', 'key', 'title', 'year', 'category', 'contribution_type', 'method_family', 'method_summary', 'problem',
  'tasks', 'datasets', 'models', 'claims', 'status', 'error', 'relevance',
];

/** A claim on one line: `metric: value (vs. baseline) — "quote"`, or `text — "quote"`. */
export function flattenClaim(c: Claim): string {
  const head = c.quantitative && c.value
    ? `${c.metric ?? 'result'}: ${c.value}${c.baseline ? ` (vs. ${c.baseline})` : ''}`
    : c.text;
  return `${head} — "${c.quote.replace(/\s+/g, ' ').trim()}"`;
}

/**
 * papers.csv: the same rows as papers.jsonl as a table a spreadsheet opens (RFC 4180). Lists are
 * joined with "; ", claims one per line inside their cell, numbered.
 */
export function renderPapersCsv(papers: Paper[], annotations: Annotation[], taxonomy: Taxonomy): string {
  // A two-level taxonomy adds a subcategory column after the category.
  const twoLevel = taxonomy.categories.some((c) => c.subcategories?.length);
  const rows = paperRows(papers, annotations, taxonomy).map((r) => [
    r.id,
    r.key,
    r.title,
    r.year,
    r.category,
    ...(twoLevel ? [r.subcategory ?? null] : []),
    r.contributionType,
    r.methodFamily,
    r.methodSummary,
    r.problem,
    r.tasks.join('; '),
    r.datasets.join('; '),
    r.models.join('; '),
    r.claims.map((c, i) => `${i + 1}. ${flattenClaim(c)}`).join('\n'),
    r.status,
    r.error,
    r.relevance ? `${r.relevance.relevant ? 'relevant' : 'not relevant'}: ${r.relevance.reason}` : null,
  ]);
  return csvDocument(twoLevel ? [...HEADER.slice(0, 5), 'subcategory', ...HEADER.slice(5)] : HEADER, rows);
}
