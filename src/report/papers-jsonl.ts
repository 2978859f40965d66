import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import { chunkLines } from './chunk-lines.js';
import { paperRows } from './paper-rows.js';

/**
 * papers.jsonl: one JSON object per line per paper (id, key, title, year, category, contribution
 * type, problem, method family and summary, tasks, datasets, models, claims with their verbatim
 * quotes, status, error, relevance), in the papers' order.
 */
export function renderPapersJsonl(papers: Paper[], annotations: Annotation[], taxonomy: Taxonomy): string {
  return [...papersJsonlChunks(papers, annotations, taxonomy)].join('');
}

/** The same file as chunks of lines, produced as they are written (a large corpus's file is never one string). */
export function papersJsonlChunks(papers: Paper[], annotations: Annotation[], taxonomy: Taxonomy): Iterable<string> {
  return chunkLines(paperRows(papers, annotations, taxonomy), (row) => `${JSON.stringify(row)}\n`);
}
