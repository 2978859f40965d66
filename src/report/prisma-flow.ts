import type { CriteriaSet } from '../review/criteria.js';
import type { PrismaCounts } from '../review/prisma.js';

/** One box of the PRISMA flow: its lines of text. */
export interface FlowBox {
  id: 'identified' | 'duplicates' | 'screened' | 'excluded' | 'failed' | 'included';
  lines: string[];
}

/** The reason an exclusion is counted under, spelled out with its criterion when it has one. */
export function reasonLabel(reason: string, criteria: CriteriaSet | null): string {
  const c = criteria?.criteria.find((x) => x.id === reason);
  if (!c) return reason;
  return `${c.id} (${c.kind === 'inclusion' ? 'inclusion not met' : 'exclusion met'})`;
}

/**
 * The excluded box. Each record is counted once, under its first reason (PRISMA's convention), and the box
 * says so; with criteria, every criterion also shows how many records it excluded in all, beside it.
 */
function excludedLines(c: PrismaCounts, criteria: CriteriaSet | null): string[] {
  const head = `Records excluded: ${c.excluded}`;
  const byCriterion = c.excludedByCriterion ?? {};
  if (!criteria || Object.keys(byCriterion).length === 0) {
    return [head, ...Object.entries(c.excludedByReason).map(([r, n]) => `${reasonLabel(r, criteria)}: ${n}`)];
  }
  const ids = [...criteria.criteria.map((k) => k.id), ...Object.keys(c.excludedByReason)].filter((id, i, all) => all.indexOf(id) === i);
  const lines = ids
    .filter((id) => (c.excludedByReason[id] ?? 0) > 0 || (byCriterion[id] ?? 0) > 0)
    .map((id) => `${reasonLabel(id, criteria)}: ${c.excludedByReason[id] ?? 0} (${byCriterion[id] ?? c.excludedByReason[id] ?? 0} in all)`);
  return [head, 'one reason each: the first criterion failed', '(in all: every record the criterion excludes)', ...lines];
}

/** The boxes of the PRISMA 2020 flow of one review, shared by the Mermaid chart and the SVG. */
export function flowBoxes(c: PrismaCounts, criteria: CriteriaSet | null): FlowBox[] {
  const sources = Object.keys(c.identifiedBySource).length;
  return [
    { id: 'identified', lines: [`Records identified: ${c.identified}`, `from ${sources} source file${sources === 1 ? '' : 's'}`] },
    { id: 'duplicates', lines: [`Duplicate records removed: ${c.duplicatesRemoved}`] },
    { id: 'screened', lines: [`Records screened: ${c.screened}`, `without abstract: ${c.withoutAbstract}`] },
    { id: 'excluded', lines: excludedLines(c, criteria) },
    { id: 'failed', lines: [`Records not assessed (failed): ${c.failed}`] },
    {
      id: 'included',
      lines: [
        `Studies included in the review: ${c.included}`,
        ...(c.offlineScreening?.notJudged ? [`kept without an offline judgement: ${c.offlineScreening.notJudged}`] : []),
      ],
    },
  ];
}
