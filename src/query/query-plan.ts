import { z } from 'zod';

/** The question kinds: one paper's content (retrieval), or a query over the whole table. */
export const QUESTION_KINDS = ['lookup', 'list', 'count', 'compare', 'extremes', 'distribution'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Fields a filter reads. `text`: the title or abstract names the value (spelling variants and synonyms included). */
export const FILTER_FIELDS = ['text', 'title', 'category', 'contributionType', 'methodFamily', 'dataset', 'model', 'task', 'year', 'venue', 'author'] as const;
export const GROUP_FIELDS = ['year', 'category', 'contributionType', 'methodFamily', 'venue', 'dataset', 'model', 'task'] as const;

export const FilterSchema = z.object({
  field: z.enum(FILTER_FIELDS),
  /** names: the field names the value; is: equals it (case-insensitive); atLeast / atMost: numeric bounds (year). */
  op: z.enum(['names', 'is', 'atLeast', 'atMost']),
  value: z.string().min(1),
  /** True: the papers that do NOT satisfy it. */
  negate: z.boolean(),
});
export type Filter = z.infer<typeof FilterSchema>;

export const QueryPlanSchema = z.object({
  kind: z.enum(QUESTION_KINDS),
  /** Every filter must hold. */
  filters: z.array(FilterSchema),
  /** compare: the things compared, each a phrase the papers name (at least two). */
  subjects: z.array(z.string().min(1)),
  /** distribution: the field the papers are counted by. */
  groupBy: z.enum(GROUP_FIELDS).nullable(),
  /** extremes and compare (and a list of figures): the reported quantity, e.g. "speedup", "memory", "accuracy". */
  metric: z.string().nullable(),
  /** extremes: which end. */
  order: z.enum(['largest', 'smallest']).nullable(),
  /** previous: only the papers of the previous answer (a follow-up: "which of these ..."). */
  scope: z.enum(['corpus', 'previous']),
});
export type QueryPlan = z.infer<typeof QueryPlanSchema>;

/** Checks a plan beyond its shape: what each kind needs. Returns the problems, empty when it can run. */
export function planProblems(plan: QueryPlan): string[] {
  const out: string[] = [];
  if (plan.kind === 'compare' && plan.subjects.length < 2) out.push('a compare plan names at least two subjects');
  if (plan.kind === 'distribution' && plan.groupBy === null) out.push('a distribution plan needs groupBy');
  if (plan.kind === 'extremes' && (plan.metric === null || plan.order === null)) out.push('an extremes plan needs metric and order');
  for (const f of plan.filters) {
    if ((f.op === 'atLeast' || f.op === 'atMost') && !Number.isFinite(Number(f.value))) out.push(`filter ${f.field} ${f.op} needs a number, got "${f.value}"`);
  }
  return out;
}
