import type { Paper } from '../corpus/paper.js';
import type { Annotation, Claim, Taxonomy } from '../review/annotation.js';
import type { CriteriaScreening } from '../review/criteria.js';
import { csvChunks } from './csv.js';
import { paperRows, type PaperRow } from './paper-rows.js';

const HEADER = [
  'id', 'key', 'title', 'title_derived', 'title_only', 'authors', 'year', 'venue', 'doi', 'url', 'category', 'contribution_type', 'method_family', 'method_summary', 'problem',
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
 * papers.csv: the same rows as papers.jsonl as a table a spreadsheet opens (RFC 4180), with the
 * bibliographic columns (authors, year, venue, doi, url) a reference manager needs. Lists are
 * joined with "; ", claims one per line inside their cell, numbered.
 */
export function renderPapersCsv(papers: Paper[], annotations: Annotation[], taxonomy: Taxonomy): string {
  return [...papersCsvChunks(papers, annotations, taxonomy)].join('');
}

/** The same file as chunks of records, produced as they are written (a large corpus's file is never one string). */
export function papersCsvChunks(papers: Paper[], annotations: Annotation[], taxonomy: Taxonomy): Iterable<string> {
  const all = paperRows(papers, annotations, taxonomy);
  // Criteria runs get three more columns: the decision, what excluded the paper, every answer.
  const criteria = all.some((r) => r.screening);
  // A two-level taxonomy adds a subcategory column after the category.
  const twoLevel = taxonomy.categories.some((c) => c.subcategories?.length);
  const cells = (r: PaperRow) => [
    r.id,
    r.key,
    r.title,
    r.titleDerived ? 'yes' : '',
    r.titleOnly ? 'yes' : '',
    r.authors.join('; '),
    r.year,
    r.venue,
    r.doi,
    r.url,
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
    ...(criteria ? screeningCells(r.screening) : []),
  ];
  const header = twoLevel ? [...HEADER.slice(0, HEADER.indexOf('category') + 1), 'subcategory', ...HEADER.slice(HEADER.indexOf('category') + 1)] : HEADER;
  return csvChunks(criteria ? [...header, ...SCREENING_HEADER] : header, mapLazily(all, cells));
}

const SCREENING_HEADER = ['decision', 'excluded_by', 'criteria_answers'];

/** `I1: met — reason — "quote"`, one answer per line. */
function screeningCells(s: CriteriaScreening | undefined): (string | null)[] {
  if (!s) return [null, null, null];
  const answers = s.answers.map((a) => `${a.criterion}: ${a.answer} — ${a.reason}${a.quote ? ` — "${a.quote.replace(/\s+/g, ' ')}"` : ''}`);
  return [s.decision, s.excludedBy.join('; '), answers.join('\n')];
}

function* mapLazily<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
