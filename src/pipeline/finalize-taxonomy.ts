import type { Taxonomy } from '../review/annotation.js';
import type { CategorySpec } from '../review/engine.js';

/**
 * Turn categories plus a paper -> category assignment into a Taxonomy: empty categories dropped,
 * ordered by size (then name), ids renumbered c1..cN, paper ids sorted. Deterministic.
 */
export function finalizeTaxonomy(
  categories: CategorySpec[],
  assignment: ReadonlyMap<string, string>,
  source: Taxonomy['source'],
): Taxonomy {
  const members = new Map<string, string[]>(categories.map((c) => [c.id, []]));
  for (const [paperId, categoryId] of assignment) members.get(categoryId)?.push(paperId);
  const kept = categories
    .map((c) => ({ ...c, paperIds: (members.get(c.id) ?? []).sort() }))
    .filter((c) => c.paperIds.length > 0)
    .sort((a, b) => b.paperIds.length - a.paperIds.length || a.name.localeCompare(b.name));
  return {
    source,
    categories: kept.map((c, i) => ({ id: `c${i + 1}`, name: c.name, definition: c.definition, paperIds: c.paperIds })),
  };
}
