import type { Taxonomy } from '../review/annotation.js';
import type { CategorySpec } from '../review/engine.js';

/**
 * A taxonomy the user gave (`--taxonomy FILE`) with papers assigned: the user's ids, order and definitions kept,
 * empty categories included, paper ids sorted. The offline engine gives the same shape (offline/assign-taxonomy.ts).
 */
export function fileTaxonomy(categories: readonly CategorySpec[], assignment: ReadonlyMap<string, string>): Taxonomy {
  const members = new Map<string, string[]>(categories.map((c) => [c.id, []]));
  for (const [paperId, categoryId] of assignment) members.get(categoryId)?.push(paperId);
  return {
    source: 'file',
    categories: categories.map((c) => ({ id: c.id, name: c.name, definition: c.definition, paperIds: (members.get(c.id) ?? []).sort() })),
  };
}
