import type { Paper } from '../corpus/paper.js';
import type { Taxonomy } from '../review/annotation.js';

/**
 * taxonomy.json: the categories with id, name, definition, size, paper ids and paper keys. The
 * same format `--taxonomy FILE` reads back: names and definitions as edited, and every paper a
 * category lists (paperIds or paperKeys) stays in it; only papers no category lists are placed.
 * A category of a two-level taxonomy lists its subcategories in the same shape.
 */
export function renderTaxonomyJson(taxonomy: Taxonomy, papers: Paper[]): string {
  const keys = new Map(papers.map((p) => [p.id, p.key]));
  const doc = {
    source: taxonomy.source,
    categories: taxonomy.categories.map((c) => ({
      id: c.id,
      name: c.name,
      definition: c.definition,
      size: c.paperIds.length,
      paperIds: c.paperIds,
      paperKeys: c.paperIds.map((id) => keys.get(id) ?? null),
      ...(c.subcategories
        ? {
            subcategories: c.subcategories.map((s) => ({
              id: s.id,
              name: s.name,
              definition: s.definition,
              size: s.paperIds.length,
              paperIds: s.paperIds,
              paperKeys: s.paperIds.map((id) => keys.get(id) ?? null),
            })),
          }
        : {}),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
