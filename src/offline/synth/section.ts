import type { TaxonomyCategory } from '../../review/annotation.js';
import type { ReviewSection } from '../../review/review-draft.js';
import type { SectionPaper } from './section-paper.js';
import { groupBody, subcategoryLead } from './group-body.js';
import { typeBreakdown } from './type-breakdown.js';

/**
 * One section of the offline review: what the category holds (uncited counts), then each of its
 * subcategories under its own `### name` (the groups the mindmap shows, with the same names and
 * counts), or the category itself when it has none; each group's papers grouped by approach, with
 * how they differ, comparison tables and a summary of the papers no approach fits (see group-body.ts).
 */
export function writeSection(category: TaxonomyCategory, items: SectionPaper[]): ReviewSection {
  const byPaper = new Map(items.map((i) => [i.paper.id, i]));
  const groups = (category.subcategories ?? [])
    .map((s) => ({ name: s.name, definition: s.definition, items: s.paperIds.flatMap((id) => byPaper.get(id) ?? []) }))
    .filter((g) => g.items.length > 0);
  const paragraphs: string[] = [];
  if (groups.length < 2) {
    paragraphs.push(...groupBody(category.name, category.definition, items, false));
  } else {
    const types = typeBreakdown(items);
    paragraphs.push(`${category.definition.trim().replace(/\.?$/, '.')} ${subcategoryLead(groups)}${types ? ` By contribution: ${types}.` : ''}`);
    for (const g of groups) paragraphs.push(...groupBody(g.name, g.definition, g.items, true, category.name));
  }
  return { categoryId: category.id, heading: category.name, body: paragraphs.join('\n\n') };
}
