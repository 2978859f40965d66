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

/** The boxes of the PRISMA 2020 flow of one review, shared by the Mermaid chart and the SVG. */
export function flowBoxes(c: PrismaCounts, criteria: CriteriaSet | null): FlowBox[] {
  const sources = Object.keys(c.identifiedBySource).length;
  return [
    { id: 'identified', lines: [`Records identified: ${c.identified}`, `from ${sources} source file${sources === 1 ? '' : 's'}`] },
    { id: 'duplicates', lines: [`Duplicate records removed: ${c.duplicatesRemoved}`] },
    { id: 'screened', lines: [`Records screened: ${c.screened}`, `without abstract: ${c.withoutAbstract}`] },
    {
      id: 'excluded',
      lines: [`Records excluded: ${c.excluded}`, ...Object.entries(c.excludedByReason).map(([r, n]) => `${reasonLabel(r, criteria)}: ${n}`)],
    },
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
