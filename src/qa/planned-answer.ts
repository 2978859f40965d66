import type { Paper } from '../corpus/paper.js';
import { answerFromRows } from '../query/answer-from-rows.js';
import type { CorpusTable } from '../query/corpus-table.js';
import type { QueryPlan } from '../query/query-plan.js';
import { runPlan, type QueryResult, type ResultRow } from '../query/run-plan.js';
import type { Hit } from '../retrieval/types.js';

/** A planned question's result, and the papers its answer may cite (its rows). */
export interface PlannedResult {
  result: QueryResult;
  /** Keys of the answer's papers, in the answer's order, each once (a distribution's rows are its groups' papers). */
  keys: string[];
  /** Paper ids by key, for the answer's papers. */
  ids: ReadonlyMap<string, string>;
  /** The answer's papers with these keys, read from the table (only those the answer cites are needed). */
  papersOf(keys: ReadonlySet<string>): Paper[];
  /** The rows as sources (what /sources shows), in the answer's order; each paper is read when its source is. */
  sources: Hit[];
}

export function runPlanned(table: CorpusTable, plan: QueryPlan, previous: readonly number[]): PlannedResult {
  const result = runPlan(table, plan, previous);
  const seen = new Set<number>();
  const indices = result.rows.map((r) => r.index).filter((i) => !seen.has(i) && (seen.add(i), true));
  const keys = indices.map((i) => table.meta(i).key);
  return {
    result,
    keys,
    ids: new Map(indices.map((i) => [table.meta(i).key, table.meta(i).id])),
    papersOf: (wanted) => indices.filter((i, n) => wanted.has(keys[n]!)).map((i) => table.paper(i)),
    sources: indices.map((i) => lazySource(table, i)),
  };
}

/** A row as a source, its paper read from the table on first use (a list of thousands is rarely read whole). */
function lazySource(table: CorpusTable, i: number): Hit {
  let paper: Paper | undefined;
  return {
    get paper() {
      return (paper ??= table.paper(i));
    },
    score: 0,
    bm25Rank: null,
    bm25Score: null,
    matchedTerms: [],
    notes: table.notesOf(i),
  };
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
