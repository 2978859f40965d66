import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
import type { CriteriaSet } from '../review/criteria.js';
import type { PrismaCounts } from '../review/prisma.js';
import { flowBoxes, reasonLabel } from './prisma-flow.js';

/** A Mermaid label of several lines: each line escaped, joined with <br/>, quoted. */
function label(lines: readonly string[]): string {
  const esc = (t: string) => t.replace(/"/g, '#quot;').replace(/`/g, '#96;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  return `"${lines.map(esc).join('<br/>')}"`;
}

/** The PRISMA 2020 flow as a Mermaid flowchart. */
export function renderPrismaMermaid(c: PrismaCounts, criteria: CriteriaSet | null): string {
  const boxes = flowBoxes(c, criteria);
  return [
    'flowchart TD',
    ...boxes.map((b) => `  ${b.id}[${label(b.lines)}]`),
    '  identified --> duplicates',
    '  identified --> screened',
    '  screened --> excluded',
    '  screened --> failed',
    '  screened --> included',
  ].join('\n');
}

/** How the excluded box counts: once per record, under its first criterion, with each criterion's own total beside it. */
function countingNote(c: PrismaCounts, criteria: CriteriaSet): string {
  const all = criteria.criteria.map((k) => `${k.id} ${(c.excludedByCriterion ?? {})[k.id] ?? 0}`).join(', ');
  return (
    'The flow counts each excluded record once, under the first criterion it fails in the order of the criteria file ' +
    `(PRISMA's convention), so the reasons add up to the ${c.excluded} excluded. A record can fail several criteria: ` +
    `the records each criterion excludes in all are ${all}.`
  );
}

/**
 * The review's "Screening flow (PRISMA 2020)" section: the Mermaid flowchart, the criteria when
 * there were some, and every paper excluded with the criteria that excluded it.
 */
export function renderPrismaSection(
  c: PrismaCounts,
  criteria: CriteriaSet | null,
  papers: readonly Paper[],
  annotations: readonly Annotation[],
): string {
  const out = ['## Screening flow (PRISMA 2020)', '', '```mermaid', renderPrismaMermaid(c, criteria), '```', ''];
  if (!criteria) return out.join('\n');
  out.push(countingNote(c, criteria), '');
  out.push('Criteria (a paper is included when every inclusion criterion is met or unclear and no exclusion criterion is met):', '');
  for (const k of criteria.criteria) out.push(`- ${k.id} (${k.kind}): ${k.text}`);
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const excluded = papers.filter((p) => byId.get(p.id)?.status === 'excluded');
  if (excluded.length) {
    out.push('', `Excluded papers (${excluded.length}), with the criteria that excluded them:`, '');
    for (const p of excluded) {
      const by = byId.get(p.id)?.screening?.excludedBy ?? [];
      out.push(`- ${p.key}: ${p.title.replace(/\s+/g, ' ')} (${by.map((r) => reasonLabel(r, criteria)).join('; ')})`);
    }
  }
  return `${out.join('\n')}\n`;
}
