import type { Paper } from '../corpus/paper.js';
import { answerFromRows } from '../query/answer-from-rows.js';
import type { CorpusTable } from '../query/corpus-table.js';
import type { QueryPlan } from '../query/query-plan.js';
import { runPlan, type QueryResult, type ResultRow } from '../query/run-plan.js';
import type { Hit } from '../retrieval/types.js';

/** A planned question's result, and the papers its answer may cite (its rows). */
export interface PlannedResult {
  result: QueryResult;
  papers: Paper[];
  /** The rows as sources (what /sources shows), in the answer's order. */
  sources: Hit[];
}

export function runPlanned(table: CorpusTable, plan: QueryPlan, previous: readonly number[]): PlannedResult {
  const result = runPlan(table, plan, previous);
  const seen = new Set<number>();
  const indices = result.rows.map((r) => r.index).filter((i) => !seen.has(i) && (seen.add(i), true));
  // A distribution's rows are its groups' papers.
  const papers = indices.map((i) => table.paper(i));
  const sources = indices.map((i, n): Hit => ({ paper: papers[n]!, score: 0, bm25Rank: null, bm25Score: null, matchedTerms: [], notes: table.notesOf(i) }));
  return { result, papers, sources };
}

/** The offline answer from the rows. */
export function offlineRowsAnswer(planned: PlannedResult, shown?: number): string {
  return answerFromRows(planned.result, shown);
}

/** A row as `ask --json` shows it: key, title, the quote behind it and the fields the question used. */
export function rowJson(row: ResultRow): Record<string, unknown> {
  return {
    key: row.key,
    title: row.title,
    ...(row.subject ? { subject: row.subject } : {}),
    ...row.fields,
    ...(row.figure?.value ? { figure: { value: row.figure.value.raw, number: row.figure.value.number, unit: row.figure.value.unit, direction: row.figure.value.direction, metric: row.figure.metric } } : {}),
    quote: row.quote,
  };
}
