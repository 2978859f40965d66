import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import { paperRows } from './paper-rows.js';

/**
 * papers.jsonl: one JSON object per line per paper (id, key, title, year, category, contribution
 * type, problem, method family and summary, tasks, datasets, models, claims with their verbatim
 * quotes, status, error, relevance), in the papers' order.
 */
export function renderPapersJsonl(papers: Paper[], annotations: Annotation[], taxonomy: Taxonomy): string {
  return paperRows(papers, annotations, taxonomy)
    .map((row) => `${JSON.stringify(row)}\n`)
    .join('');
}
