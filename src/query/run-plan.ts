import type { ClaimRow } from './paper-row.js';
import type { CorpusTable } from './corpus-table.js';
import { matchText, namesPhrase } from './match-text.js';
import { figureFor, figureScore, metricLabel } from './metric-figure.js';
import type { Filter, QueryPlan } from './query-plan.js';

/** One paper of a result, with the fields the question used. */
export interface ResultRow {
  index: number;
  key: string;
  title: string;
  /** The verbatim sentence (or the title) behind the row: what names the subject, or the figure's sentence. */
  quote: string | null;
  /** The fields the question used (category, year, the figure...). */
  fields: Record<string, unknown>;
  /** compare: the subject this row belongs to. */
  subject?: string;
  figure?: ClaimRow;
}

export interface QueryResult {
  plan: QueryPlan;
  /** Papers that satisfy the filters (the count of a count question); for compare, the papers of all subjects. */
  count: number;
  /** Every paper of the answer, in the answer's order (all of them: the terminal shows the first few). */
  rows: ResultRow[];
  /** distribution: the groups, largest first. */
  groups: { value: string; count: number; keys: string[] }[];
  /** extremes and figure lists: papers that satisfy the filters but report no figure for the metric. */
  withoutFigure: number;
}

/** Run a plan over the table; `previous` holds the indices of the previous answer's papers (scope "previous"). */
export function runPlan(table: CorpusTable, plan: QueryPlan, previous: readonly number[] = []): QueryResult {
  let selected = plan.scope === 'previous' && previous.length > 0 ? [...previous] : null;
  for (const f of plan.filters) selected = applyFilter(table, f, selected);
  const matched = selected ?? allIndices(table.size);
  const textPhrases = plan.filters.filter((f) => !f.negate && (f.field === 'text' || f.field === 'title' || f.field === 'dataset' || f.field === 'model' || f.field === 'task')).map((f) => f.value);
  const baseRow = (i: number, subject?: string, figure?: ClaimRow): ResultRow => {
    const p = table.meta(i);
    const phrase = subject ?? textPhrases[0];
    const fields = usedFields(table, plan, i);
    const row = { index: i, key: p.key, title: p.title, fields: figure ? { ...fields, [metricLabel(plan.metric!)]: figure.value?.raw } : fields, ...(subject ? { subject } : {}), ...(figure ? { figure } : {}) };
    // The sentence naming the subject is found when the row is shown (a list of thousands shows ten in the terminal).
    return figure ? { ...row, quote: figure.quote } : withLazyQuote(row, () => (phrase ? namingQuote(table, i, phrase) : null));
  };

  if (plan.kind === 'distribution' && plan.groupBy) {
    const groups = new Map<string, string[]>();
    for (const i of matched) {
      for (const value of groupValues(table, plan.groupBy, i)) {
        const list = groups.get(value) ?? [];
        list.push(table.meta(i).key);
        groups.set(value, list);
      }
    }
    const sorted = [...groups].map(([value, keys]) => ({ value, count: keys.length, keys }));
    sorted.sort((a, b) => (plan.groupBy === 'year' ? a.value.localeCompare(b.value) : b.count - a.count || a.value.localeCompare(b.value)));
    return { plan, count: matched.length, rows: matched.map((i) => baseRow(i)), groups: sorted, withoutFigure: 0 };
  }

  if (plan.kind === 'compare') {
    const rows: ResultRow[] = [];
    let total = 0;
    for (const subject of plan.subjects) {
      const own = applyFilter(table, { field: 'title', op: 'names', value: subject, negate: false }, selected);
      const papers = own.length > 0 ? own : applyFilter(table, { field: 'text', op: 'names', value: subject, negate: false }, selected);
      total += papers.length;
      for (const i of papers) {
        const figure = plan.metric ? figureFor(table.claims(i), plan.metric, 'largest') : undefined;
        rows.push(baseRow(i, subject, figure));
      }
    }
    return { plan, count: total, rows, groups: [], withoutFigure: 0 };
  }

  if ((plan.kind === 'extremes' || plan.kind === 'list') && plan.metric) {
    const order = plan.order ?? 'largest';
    const withFigure: ResultRow[] = [];
    for (const i of matched) {
      const figure = figureFor(table.claims(i), plan.metric, order);
      if (figure) withFigure.push(baseRow(i, undefined, figure));
    }
    withFigure.sort((a, b) => compareFigures(a.figure!, b.figure!, plan.metric!, order) || a.index - b.index);
    return { plan, count: matched.length, rows: withFigure, groups: [], withoutFigure: matched.length - withFigure.length };
  }

  return { plan, count: matched.length, rows: matched.map((i) => baseRow(i)), groups: [], withoutFigure: 0 };
}

/** A filter value may name alternatives: "LongBench or RULER". */
export function alternatives(value: string): string[] {
  return value.split(/\s+or\s+/i).filter(Boolean);
}

/** The row with its `quote` found on first reading (and kept). */
function withLazyQuote(row: Omit<ResultRow, 'quote'>, find: () => string | null): ResultRow {
  let quote: string | null | undefined;
  return Object.defineProperty(row as ResultRow, 'quote', { enumerable: true, get: () => (quote === undefined ? (quote = find()) : quote) });
}

function namingQuote(table: CorpusTable, i: number, phrase: string): string | null {
  for (const alt of alternatives(phrase)) {
    const s = table.namingSentence(i, alt);
    if (s) return s;
  }
  return null;
}

function allIndices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The papers (of `within`, or of the corpus) that satisfy one filter, in corpus order. */
export function applyFilter(table: CorpusTable, f: Filter, within: readonly number[] | null): number[] {
  const holds = filterTest(table, f);
  const pool = within ?? allIndices(table.size);
  return pool.filter((i) => holds(i) !== f.negate);
}

function filterTest(table: CorpusTable, f: Filter): (i: number) => boolean {
  const asked = matchText(f.value);
  const names = (text: string | null | undefined) => !!text && namesPhrase(matchText(text), asked);
  const equals = (text: string | null | undefined) => !!text && matchText(text).stems === asked.stems;
  const test = f.op === 'is' ? equals : names;
  const notes = (i: number) => table.notesOf(i);
  const numeric = (v: number | undefined | null) => {
    if (v === undefined || v === null) return false;
    const n = Number(f.value);
    return f.op === 'atLeast' ? v >= n : f.op === 'atMost' ? v <= n : v === n;
  };
  switch (f.field) {
    case 'text':
    case 'dataset':
    case 'model':
    case 'task': {
      const naming = new Set(alternatives(f.value).flatMap((v) => table.naming(v)));
      const listed = f.field === 'text' ? null : f.field === 'dataset' ? 'datasets' : f.field === 'model' ? 'models' : 'tasks';
      return (i) => naming.has(i) || (listed !== null && (notes(i)?.[listed] ?? []).some((v) => names(v)));
    }
    case 'title':
      return (i) => names(table.meta(i).title);
    case 'category':
      return (i) => test(notes(i)?.category) || test(notes(i)?.subcategory);
    case 'contributionType':
      return (i) => names(notes(i)?.contributionType?.replace(/-/g, ' '));
    case 'methodFamily':
      return (i) => test(notes(i)?.methodFamily);
    case 'year':
      return (i) => numeric(table.meta(i).year);
    case 'venue':
      return (i) => test(table.meta(i).venue);
    case 'author':
      return (i) => table.meta(i).authors.some((a) => names(a));
  }
}

/** The values a paper is counted under when grouping by `field`. */
function groupValues(table: CorpusTable, field: NonNullable<QueryPlan['groupBy']>, i: number): string[] {
  const p = table.meta(i);
  const n = table.notesOf(i);
  switch (field) {
    case 'year':
      return [p.year !== null ? String(p.year) : 'no year'];
    case 'venue':
      return [p.venue ?? 'no venue'];
    case 'category':
      return [n?.category ?? 'no category (no review)'];
    case 'contributionType':
      return [n?.contributionType ?? 'no type (no review)'];
    case 'methodFamily':
      return [n?.methodFamily ?? 'no method family (no review)'];
    case 'dataset':
    case 'model':
    case 'task': {
      const r = table.row(i);
      const key = field === 'dataset' ? 'datasets' : field === 'model' ? 'models' : 'tasks';
      const values = [...new Set([...r[key], ...r.mentions[key]])];
      return values.length > 0 ? values : [`no ${field} named`];
    }
  }
}

/** The fields a row shows: those the plan filtered or grouped on. */
function usedFields(table: CorpusTable, plan: QueryPlan, i: number): Record<string, unknown> {
  const p = table.meta(i);
  const n = table.notesOf(i);
  const out: Record<string, unknown> = {};
  const fields = new Set<string>([...plan.filters.map((f) => f.field), ...(plan.groupBy ? [plan.groupBy] : [])]);
  if (fields.has('year')) out.year = p.year;
  if (fields.has('venue')) out.venue = p.venue;
  if (fields.has('category')) out.category = n?.category ?? null;
  if (fields.has('contributionType')) out.contributionType = n?.contributionType ?? null;
  if (fields.has('methodFamily')) out.methodFamily = n?.methodFamily ?? null;
  if (fields.has('author')) out.authors = p.authors;
  for (const key of ['dataset', 'model', 'task'] as const) {
    if (!fields.has(key)) continue;
    const r = table.row(i);
    const list = key === 'dataset' ? 'datasets' : key === 'model' ? 'models' : 'tasks';
    out[list] = [...new Set([...r[list], ...r.mentions[list]])];
  }
  return out;
}

function compareFigures(a: ClaimRow, b: ClaimRow, metric: string, order: 'largest' | 'smallest'): number {
  const av = figureScore(a, metric);
  const bv = figureScore(b, metric);
  return order === 'largest' ? bv - av : av - bv;
}
