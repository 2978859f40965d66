import type { Paper } from '../../corpus/paper.js';
import type { PaperBlockFields } from '../../prompts/paper-block.js';
import type { Annotation, Claim } from '../../review/annotation.js';

/**
 * A paper as the section writer sees it: its annotation, not its abstract (the abstract only
 * when the paper could not be annotated). A claim is its text, a quantitative one with its
 * metric, value (as written in the abstract) and baseline; the contribution type only when it is
 * not the common "method". The quotes stay out: they repeat the abstract.
 */
export function sectionBlock(p: Paper, a: Annotation | undefined): PaperBlockFields {
  if (a?.status !== 'ok') return { id: p.id, key: p.key, title: p.title, abstract: p.abstract };
  const kind = a.contributionType && a.contributionType !== 'method' ? `(${a.contributionType}) ` : '';
  const extra: Record<string, string> = { method: `${kind}${a.methodSummary}`.trim() };
  const claims = a.claims.map((c) => `- ${c.text.trim()}${figure(c)}`);
  if (claims.length > 0) extra.claims = claims.join('\n');
  return { id: p.id, key: p.key, title: p.title, extra };
}

function figure(c: Claim): string {
  if (!c.quantitative || !c.value) return '';
  const baseline = c.baseline ? `, against ${c.baseline}` : '';
  return ` (${c.metric ? `${c.metric}: ` : ''}${c.value}${baseline})`;
}
