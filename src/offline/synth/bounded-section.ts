import type { TaxonomyCategory } from '../../review/annotation.js';
import type { ReviewSection } from '../../review/review-draft.js';
import { isVerbatim } from '../../verify/quotes.js';
import { metricComparisons, sharedDatasets } from './compare.js';
import type { SectionPaper } from './section-paper.js';
import { capitalize, listJoin, papersCount } from './prose.js';
import { paperSentences } from './paper-sentences.js';
import { typeBreakdown } from './type-breakdown.js';

/** A group a bounded section describes: a subcategory, or a category that has none. */
export interface Group {
  id: string;
  name: string;
  definition: string;
  items: SectionPaper[];
}

function hasFigure(item: SectionPaper): boolean {
  return item.annotation.claims.some((c) => c.quantitative && c.value !== null && isVerbatim(c.quote, item.paper.abstract));
}

const byId = (a: SectionPaper, b: SectionPaper): number => (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0);

/**
 * The `count` papers that stand for a group: one per method family in turn, the most common
 * families first (so the main lines of work are all shown), preferring papers that report a
 * verbatim quantitative result, then papers with a real title; ties by id. Deterministic.
 */
export function representatives(items: readonly SectionPaper[], count: number): SectionPaper[] {
  const families = new Map<string, SectionPaper[]>();
  for (const item of [...items].sort(byId)) {
    const key = item.annotation.methodFamily.trim().toLowerCase() || '(none)';
    families.set(key, [...(families.get(key) ?? []), item]);
  }
  const rank = (i: SectionPaper): number => (hasFigure(i) ? 0 : 2) + (i.paper.titleDerived ? 1 : 0);
  const queues = [...families]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([, members]) => [...members].sort((a, b) => rank(a) - rank(b) || byId(a, b)));
  const out: SectionPaper[] = [];
  for (let round = 0; out.length < count && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      if (out.length >= count) break;
      if (q[round]) out.push(q[round]!);
    }
  }
  return out;
}

/** "Most common method families: X (12), Y (9) and Z (4)." (uncited counts). */
function familySentence(items: readonly SectionPaper[]): string | null {
  const counts = new Map<string, { form: string; n: number }>();
  for (const i of items) {
    const f = i.annotation.methodFamily.trim();
    if (!f) continue;
    const c = counts.get(f.toLowerCase());
    counts.set(f.toLowerCase(), { form: c?.form ?? f, n: (c?.n ?? 0) + 1 });
  }
  const top = [...counts.values()].filter((c) => c.n >= 2).sort((a, b) => b.n - a.n || (a.form < b.form ? -1 : 1)).slice(0, 4);
  return top.length ? `The method families named most often here are ${listJoin(top.map((c) => `${c.form} (${c.n})`))}.` : null;
}

/** One group: its definition and size, its representative papers described, then its shared figures and data. */
export function groupParagraphs(group: Group, count: number, heading: boolean): string[] {
  const n = group.items.length;
  const types = typeBreakdown(group.items);
  const shown = representatives(group.items, count);
  const lead = `${group.definition.trim().replace(/\.?$/, '.')} ${capitalize(papersCount(n))}${types ? `: ${types}` : ''}.`;
  const families = familySentence(group.items);
  const out = [heading ? `### ${group.name}` : null, families ? `${lead} ${families}` : lead].filter((s): s is string => !!s);
  if (shown.length) {
    const intro = shown.length < n ? `${capitalize(papersCount(shown.length))} stand for the main lines of work here:` : 'The papers:';
    out.push(`${intro}\n\n${shown.map((m) => `- ${paperSentences(m).join(' ')}`).join('\n')}`);
  }
  // Compared among the papers shown, so every figure and dataset named belongs to a paper the reader has just met.
  const contrast = [...metricComparisons(shown), sharedDatasets(shown)].filter((s): s is string => !!s);
  if (contrast.length) out.push(contrast.join(' '));
  if (shown.length < n) out.push(`The other ${papersCount(n - shown.length)} of this group are listed in papers.csv and papers.jsonl (${group.id}).`);
  return out;
}

/**
 * A category's section in a bounded review: what the category holds, its subcategories (each
 * described from `counts[i]` representative papers), or the category itself described that way
 * when it has none.
 */
export function writeBoundedSection(category: TaxonomyCategory, groups: Group[], counts: number[]): ReviewSection {
  const paragraphs: string[] = [];
  if (groups.length > 1) {
    const total = groups.reduce((s, g) => s + g.items.length, 0);
    paragraphs.push(
      `${category.definition.trim().replace(/\.?$/, '.')} This category holds ${papersCount(total)} in ${groups.length} subcategories: ${listJoin(groups.map((g) => `${g.name} (${g.items.length})`))}.`,
    );
    groups.forEach((g, i) => paragraphs.push(...groupParagraphs(g, counts[i]!, true)));
  } else if (groups[0]) {
    paragraphs.push(...groupParagraphs(groups[0], counts[0]!, false));
  }
  return { categoryId: category.id, heading: category.name, body: paragraphs.join('\n\n') };
}
