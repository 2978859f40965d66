import { approachesOf, type Approach } from './approaches.js';
import { metricComparisons } from './compare.js';
import type { SectionPaper } from './section-paper.js';
import { figureTables } from './figure-table.js';
import { paperSentences, supported } from './paper-sentences.js';
import { capitalize, cite, escapeInline, listJoin, papersCount } from './prose.js';
import { sharedSummary } from './shared-summary.js';
import { typeBreakdown } from './type-breakdown.js';

/** Words of a paper's headline claim quoted in a section (the whole sentence is in the claims table). */
const QUOTE_WORDS = 25;
/** Up to this many papers no approach fits are described one by one; more are summarised by what they share. */
const SUMMARISED_FROM = 3;

/** "Within this approach, A [@a] stresses X, B [@b] Y and C [@c] Z." from what only each paper holds. */
function differences(approach: Approach): string | null {
  const parts = approach.items.flatMap((i) => {
    const own = approach.distinct.get(i.paper.id);
    const part = own ? `${i.label.text} ${cite(i.paper.key)} ${own === undefined ? '' : `on ${escapeInline(own)}`}` : null;
    return part && supported(part, i.paper) ? [part] : [];
  });
  if (parts.length < 2) return null;
  return `Where they differ is in focus: ${listJoin(parts)}.`;
}

/** One approach: its papers described (what each does, its headline claim), then how they differ. */
function approachParagraph(approach: Approach): string {
  const described = approach.items.map((m) => paperSentences(m, QUOTE_WORDS).join(' ')).filter((s) => s);
  const contrast = [differences(approach), ...metricComparisons(approach.items)].filter((s): s is string => !!s);
  return `**${escapeInline(approach.label)}.** ${[...described, ...contrast].join(' ')}`;
}

/**
 * The body of one group (a subcategory, or a category that has none): its definition and size, then
 * its papers grouped by approach, each approach described paper by paper with how they differ; papers
 * that fit no approach summarised by what they share (or described, when one or two); then small
 * comparison tables where three or more papers report the same measure on the same benchmark or model.
 * With `heading`, a `### name` line opens it (review-markdown.ts keeps it as the subsection heading).
 */
export function groupBody(name: string, definition: string, items: readonly SectionPaper[], heading: boolean, categoryName = name): string[] {
  const out: string[] = heading ? [`### ${name}`] : [];
  const types = typeBreakdown(items);
  out.push(`${definition.trim().replace(/\.?$/, '.')} ${heading ? 'This group holds' : 'This category holds'} ${papersCount(items.length)}${types ? `: ${types}` : ''}.`);
  const describable = items.filter((i) => paperSentences(i).length > 0);
  const silent = items.filter((i) => paperSentences(i).length === 0);
  const { approaches, rest } = approachesOf(describable, name, categoryName);
  for (const a of approaches) out.push(approachParagraph(a));
  const leftover = [...rest, ...silent];
  if (leftover.length > SUMMARISED_FROM || (leftover.length > 0 && silent.length > 0)) out.push(sharedSummary(leftover, name, categoryName));
  else if (leftover.length) out.push(leftover.map((m) => paperSentences(m, QUOTE_WORDS).join(' ')).join(' '));
  out.push(...figureTables(items));
  return out;
}

/** "Eleven papers in three subcategories: A (5), B (4) and C (2)." (uncited counts). */
export function subcategoryLead(groups: readonly { name: string; items: readonly SectionPaper[] }[]): string {
  return `${capitalize(papersCount(groups.reduce((n, g) => n + g.items.length, 0)))} in ${groups.length} subcategories: ${listJoin(groups.map((g) => `${escapeInline(g.name)} (${g.items.length})`))}.`;
}
