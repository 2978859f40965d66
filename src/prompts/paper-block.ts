import { escapeUntrusted } from '../review/untrusted-text.js';

/**
 * Papers are handed to the model as delimited, untrusted data. Anything in the text that could
 * close or open a delimiter is neutralised, so an abstract cannot step outside its own block.
 */
export interface PaperBlockFields {
  id: string;
  key?: string;
  title: string;
  abstract?: string;
  /** Extra fields rendered as `<name>value</name>` lines (method family, claims...). */
  extra?: Record<string, string>;
}

export { escapeUntrusted };

export function paperBlock(p: PaperBlockFields): string {
  const attrs = `id="${escapeUntrusted(p.id)}"${p.key ? ` key="${escapeUntrusted(p.key)}"` : ''}`;
  const lines = [`<paper ${attrs}>`, `<title>${escapeUntrusted(p.title)}</title>`];
  if (p.abstract !== undefined) lines.push(`<abstract>${escapeUntrusted(p.abstract)}</abstract>`);
  for (const [name, value] of Object.entries(p.extra ?? {})) lines.push(`<${name}>${escapeUntrusted(value)}</${name}>`);
  lines.push('</paper>');
  return lines.join('\n');
}

/** A paper as the batched stages show it: id, title and abstract (its key and other fields are not sent). */
export function titleAbstractBlock(p: { id: string; title: string; abstract: string }): string {
  return paperBlock({ id: p.id, title: p.title, abstract: p.abstract });
}

export function paperBlocks(papers: PaperBlockFields[]): string {
  return papers.map(paperBlock).join('\n\n');
}
