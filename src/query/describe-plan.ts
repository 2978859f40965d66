import { alternatives } from './run-plan.js';
import type { Filter, QueryPlan } from './query-plan.js';

/** The filter a plan applies, in words, as the answer states it: "name LongBench in their title or abstract". */
export function describeFilters(plan: QueryPlan): string {
  const parts = plan.filters.map(describeFilter);
  if (plan.scope === 'previous') parts.unshift('are among the papers of the previous answer');
  return parts.length > 0 ? joinAnd(parts) : 'are in the corpus';
}

function describeFilter(f: Filter): string {
  const not = f.negate ? 'do not ' : '';
  const v = f.field === 'text' || f.field === 'title' ? alternatives(f.value).join(' or ') : f.value;
  switch (f.field) {
    case 'text':
      return `${not}name ${v} in their title or abstract`;
    case 'title':
      return `${not}name ${v} in their title`;
    case 'dataset':
    case 'model':
    case 'task':
      return `${not}name the ${f.field} ${v}`;
    case 'category':
      return `${f.negate ? 'are not' : 'are'} in the review's category "${v}"`;
    case 'contributionType':
      return `${f.negate ? 'are not' : 'are'} of the contribution type "${v}" (by the review)`;
    case 'methodFamily':
      return `${f.negate ? 'are not' : 'are'} of the method family "${v}"`;
    case 'year':
      return f.op === 'atLeast' ? `are from ${v} or later` : f.op === 'atMost' ? `are from ${v} or earlier` : `are from ${v}`;
    case 'venue':
      return `${f.negate ? 'did not appear' : 'appeared'} in ${v}`;
    case 'author':
      return `${f.negate ? 'are not' : 'are'} by an author named ${v}`;
  }
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "1 paper", "15 papers". */
export function papersCount(n: number): string {
  return `${n} paper${n === 1 ? '' : 's'}`;
}
