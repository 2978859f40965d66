import { dropControls } from '../format/markdown-text.js';
import type { Taxonomy } from '../review/annotation.js';

/** A Mermaid label: one line, no control characters, in double quotes, with `"` and other troublesome characters as entity codes. */
export function mermaidLabel(text: string): string {
  const clean = dropControls(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '#quot;')
    .replace(/`/g, '#96;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
  return `"${clean}"`;
}

/**
 * The taxonomy as a Mermaid mindmap: the corpus at the root, one node per category with its size,
 * and under each its subcategories with their sizes. Nothing else: the groups it shows are the groups
 * the review's sections describe, by the same names and counts. Every label is quoted and escaped.
 */
export function renderMermaidMindmap(taxonomy: Taxonomy, rootLabel: string): string {
  const lines = ['mindmap', `  root((${mermaidLabel(rootLabel)}))`];
  for (const c of taxonomy.categories) {
    if (c.paperIds.length === 0) continue;
    const id = c.id.replace(/[^A-Za-z0-9_]/g, '_');
    lines.push(`    ${id}[${mermaidLabel(`${c.name} (${c.paperIds.length})`)}]`);
    (c.subcategories ?? []).forEach((sub, i) => lines.push(`      ${id}_s${i + 1}(${mermaidLabel(`${sub.name} (${sub.paperIds.length})`)})`));
  }
  return lines.join('\n');
}
