import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewDraft } from '../review/review-draft.js';
import { markdownBlock, markdownInline } from '../format/markdown-text.js';
import { renderClaimsTable } from './claims-table.js';
import { renderMermaidMindmap } from './mermaid.js';

const ENGINE_LINE: Record<ReviewDraft['engine'], string> = {
  offline: "Drafted by litrev's offline extractive engine (no language model): sentences are quoted or condensed from the abstracts.",
  model: 'Drafted by a language model from the papers’ annotations; every citation, number and quote was then checked against the abstracts (see verification.json).',
};

/** A section: its heading on one line, its body as safe Markdown prose (see markdown-text.ts). */
function block(heading: string, body: string): string {
  return `## ${markdownInline(heading)}\n\n${markdownBlock(body.trim())}`;
}

/**
 * review.md: title, the engine that wrote it, overview, a Mermaid mindmap of the taxonomy, one
 * section per category, the table of quantitative claims and the open problems. Nothing
 * run-specific: the same draft and context render to the same bytes. Text from the draft (model prose,
 * category names) cannot add headings, leave a fence open, carry raw HTML or link outside http(s)/mailto.
 */
export function renderReviewMarkdown(draft: ReviewDraft, ctx: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy }): string {
  const parts: string[] = [`# ${markdownInline(draft.title)}`, `_${ENGINE_LINE[draft.engine]}_`];
  if (draft.topic) parts.push(`**Topic:** ${markdownInline(draft.topic)}`);
  const titleOnly = ctx.papers.filter((p) => p.abstract.trim() === '').length;
  if (titleOnly > 0) {
    parts.push(`_${titleOnly} of the ${ctx.papers.length} papers ${titleOnly === 1 ? 'has' : 'have'} no abstract and ${titleOnly === 1 ? 'was' : 'were'} reviewed from ${titleOnly === 1 ? 'its title' : 'their titles'} only (\`titleOnly\` in papers.jsonl)._`);
  }
  if (draft.overview.trim()) parts.push(block('Overview', draft.overview));
  const inTaxonomy = ctx.taxonomy.categories.reduce((n, c) => n + c.paperIds.length, 0);
  if (ctx.taxonomy.categories.some((c) => c.paperIds.length > 0)) {
    const root = draft.topic ? draft.topic : `${inTaxonomy} papers`;
    // litrev's own block (labels escaped by mermaidLabel): not passed through markdownBlock.
    parts.push(`## Taxonomy\n\n${['```mermaid', renderMermaidMindmap(ctx.taxonomy, ctx.annotations, root), '```'].join('\n')}`);
  }
  for (const section of draft.sections) {
    if (section.body.trim()) parts.push(block(section.heading, section.body));
  }
  const table = renderClaimsTable(ctx.papers, ctx.annotations, ctx.taxonomy);
  if (table) {
    const intro = 'Every quantitative claim the annotations hold, with the sentence of the abstract it comes from.';
    parts.push(`## Quantitative claims\n\n${intro}\n\n${table}`);
  }
  if (draft.openProblems.trim()) parts.push(block('Open problems', draft.openProblems));
  return `${parts.join('\n\n')}\n`;
}
