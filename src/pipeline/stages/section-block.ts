import type { Paper } from '../../corpus/paper.js';
import type { PaperBlockFields } from '../../prompts/paper-block.js';
import type { Annotation } from '../../review/annotation.js';

/**
 * A paper as the section writer sees it: its annotation, not its abstract (the abstract only
 * when the paper could not be annotated). A quantitative claim is given by its verbatim quote
 * (the numbers a sentence may use), any other claim by its text; the contribution type only when
 * it is not the common "method".
 */
export function sectionBlock(p: Paper, a: Annotation | undefined): PaperBlockFields {
  if (a?.status !== 'ok') return { id: p.id, key: p.key, title: p.title, abstract: p.abstract };
  const kind = a.contributionType && a.contributionType !== 'method' ? `(${a.contributionType}) ` : '';
  const extra: Record<string, string> = { method: `${kind}${a.methodSummary}`.trim() };
  const claims = a.claims.map((c) => (c.quantitative ? `- "${c.quote}"` : `- ${c.text}`));
  if (claims.length > 0) extra.claims = claims.join('\n');
  return { id: p.id, key: p.key, title: p.title, extra };
}
