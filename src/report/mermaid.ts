import { dropControls } from '../format/markdown-text.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';

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

function topFamilies(ids: readonly string[], annotations: ReadonlyMap<string, Annotation>, max: number): string[] {
  const counts = new Map<string, { n: number; form: string }>();
  for (const id of ids) {
    const a = annotations.get(id);
    const f = a?.status === 'ok' ? a.methodFamily.trim() : '';
    if (!f) continue;
    const k = f.toLowerCase();
    counts.set(k, { n: (counts.get(k)?.n ?? 0) + 1, form: counts.get(k)?.form ?? f });
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || (a.form.toLowerCase() < b.form.toLowerCase() ? -1 : 1))
    .slice(0, max)
    .map((c) => (c.n > 1 ? `${c.form} (${c.n})` : c.form));
}

/**
 * The taxonomy as a Mermaid mindmap: the corpus at the root, one node per category with its size,
 * and under each its subcategories with their sizes (two-level taxonomies) or else its most frequent
 * method families. Every label is quoted and escaped.
 */
export function renderMermaidMindmap(taxonomy: Taxonomy, annotations: readonly Annotation[], rootLabel: string): string {
  const byId = new Map(annotations.map((a) => [a.paperId, a]));
  const lines = ['mindmap', `  root((${mermaidLabel(rootLabel)}))`];
  for (const c of taxonomy.categories) {
    if (c.paperIds.length === 0) continue;
    const id = c.id.replace(/[^A-Za-z0-9_]/g, '_');
    lines.push(`    ${id}[${mermaidLabel(`${c.name} (${c.paperIds.length})`)}]`);
    if (c.subcategories?.length) {
      c.subcategories.forEach((sub, i) => lines.push(`      ${id}_s${i + 1}(${mermaidLabel(`${sub.name} (${sub.paperIds.length})`)})`));
      continue;
    }
    topFamilies(c.paperIds, byId, 3).forEach((f, i) => lines.push(`      ${id}_f${i + 1}(${mermaidLabel(f)})`));
  }
  return lines.join('\n');
}
