import { describeFilters, papersCount } from './describe-plan.js';
import { metricLabel } from './metric-figure.js';
import type { QueryResult, ResultRow } from './run-plan.js';

/** Rows shown in a terminal answer unless told otherwise (`--show N`); `--json` carries all of them. */
export const DEFAULT_SHOWN = 10;

/**
 * The offline answer to a planned question, from the result rows alone: the count and the filter applied,
 * then the papers (the first `shown`, with "and M more"), each cited, with the verbatim sentence behind it.
 */
export function answerFromRows(result: QueryResult, shown = DEFAULT_SHOWN): string {
  const { plan } = result;
  const filter = describeFilters(plan);
  switch (plan.kind) {
    case 'distribution': {
      const head = `The ${papersCount(result.count)} that ${filter}, by ${groupName(plan.groupBy!)}:`;
      const lines = result.groups.slice(0, Math.max(shown, 1)).map((g) => `- ${g.value}: ${g.count} ${cite(g.keys.slice(0, 3))}${g.keys.length > 3 ? ' …' : ''}`);
      return [head, ...lines, ...more(result.groups.length - lines.length, `more group${result.groups.length - lines.length === 1 ? '' : 's'}`)].join('\n');
    }
    case 'compare': {
      const lines: string[] = [];
      for (const subject of plan.subjects) {
        const rows = result.rows.filter((r) => r.subject === subject);
        if (rows.length === 0) {
          lines.push(`- ${subject}: no paper names it.`);
          continue;
        }
        for (const r of rows.slice(0, 3)) {
          if (r.figure || !plan.metric) lines.push(`- ${subject}: ${r.title}${figureText(r)}: "${r.quote ?? r.title}" [@${r.key}]`);
          else lines.push(`- ${subject}: ${r.title} [@${r.key}] (no ${metricLabel(plan.metric)} figure in its abstract)`);
        }
        lines.push(...more(rows.length - 3, `more paper${rows.length - 3 === 1 ? '' : 's'} name ${subject}`));
      }
      const what = plan.metric ? ` on ${metricLabel(plan.metric)}` : '';
      return [`Compared${what}, from the papers that name each:`, ...lines].join('\n');
    }
    case 'extremes':
    case 'list':
    case 'count':
      break;
    default:
      return '';
  }
  if (result.count === 0) return `No paper ${singular(filter)}.`;
  if (plan.metric) {
    const label = metricLabel(plan.metric);
    const head =
      plan.kind === 'extremes' && result.rows.length > 0
        ? `Of the ${papersCount(result.count)} that ${filter}, ${result.rows.length} report a ${label} figure. The ${plan.order === 'smallest' ? 'smallest' : 'largest'} is ${result.rows[0]!.figure!.value!.raw} [@${result.rows[0]!.key}]:`
        : `Of the ${papersCount(result.count)} that ${filter}, ${result.rows.length} report a ${label} figure in the abstract${result.rows.length ? ':' : '.'}`;
    const lines = result.rows.slice(0, shown).map((r) => `- ${r.figure!.value!.raw}: ${r.title}: "${r.quote}" [@${r.key}]`);
    return [head, ...lines, ...more(result.rows.length - lines.length, 'more')].join('\n');
  }
  const head = `${papersCount(result.count)} ${result.count === 1 ? singular(filter) : filter}${plan.kind === 'count' ? '.' : ':'}`;
  const lines = result.rows.slice(0, shown).map(rowLine);
  return [head, ...lines, ...more(result.rows.length - lines.length, 'more')].join('\n');
}

/** The filter said of one paper: "names X in its title", "is in the category". */
function singular(filter: string): string {
  return filter
    .replace(/\btheir\b/g, 'its')
    .replace(/(^|, | and )are /g, '$1is ')
    .replace(/(^|, | and )name /g, '$1names ')
    .replace(/(^|, | and )do not name /g, '$1does not name ');
}

function rowLine(r: ResultRow): string {
  return r.quote && r.quote !== r.title ? `- ${r.title}: "${r.quote}" [@${r.key}]` : `- ${r.title} [@${r.key}]`;
}

function figureText(r: ResultRow): string {
  return r.figure?.value ? ` (${r.figure.value.raw})` : '';
}

function cite(keys: readonly string[]): string {
  return keys.length > 0 ? `[${keys.map((k) => `@${k}`).join('; ')}]` : '';
}

function more(n: number, what: string): string[] {
  return n > 0 ? [`and ${n} ${what} (all of them with --json).`] : [];
}

function groupName(field: string): string {
  return field === 'contributionType' ? 'contribution type' : field === 'methodFamily' ? 'method family' : field;
}
