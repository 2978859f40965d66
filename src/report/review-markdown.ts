import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewDraft } from '../review/review-draft.js';
import { claimRows, claimsTable } from './claims-table.js';
import { citedKeys } from '../verify/citation-keys.js';
import { renderMermaidMindmap } from './mermaid.js';

const ENGINE_LINE: Record<ReviewDraft['engine'], string> = {
  offline: "Drafted by litrev's offline extractive engine (no language model): sentences are quoted or condensed from the abstracts.",
  model: 'Drafted by a language model from the papers’ annotations; every citation, number and quote was then checked against the abstracts (see verification.json).',
};

function block(heading: string, body: string): string {
  return `## ${heading}\n\n${body.trim()}`;
}

/** Rows the claims table may hold before it keeps only the papers the review cites (papers.csv has them all). */
export const MAX_CLAIM_ROWS = 200;

/**
 * The table of quantitative claims: all of them while they fit MAX_CLAIM_ROWS rows; past that, the
 * claims of the papers the review's text cites, up to MAX_CLAIM_ROWS rows, said so in the intro.
 */
function quantitativeClaims(draft: ReviewDraft, ctx: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy }): string | null {
  const rows = claimRows(ctx.papers, ctx.annotations, ctx.taxonomy);
  if (rows.length === 0) return null;
  if (rows.length <= MAX_CLAIM_ROWS) {
    const intro = 'Every quantitative claim the annotations hold, with the sentence of the abstract it comes from.';
    return `${intro}\n\n${claimsTable(rows.map((r) => r.row))}`;
  }
  const cited = new Set(citedKeys([draft.overview, ...draft.sections.map((s) => s.body), draft.openProblems].join('\n')));
  const kept = rows.filter((r) => cited.has(r.key)).slice(0, MAX_CLAIM_ROWS);
  const intro = `The quantitative claims of the papers this review describes (${kept.length} of the ${rows.length} the annotations hold; papers.csv and papers.jsonl list all of them), with the sentence of the abstract each comes from.`;
  return kept.length ? `${intro}\n\n${claimsTable(kept.map((r) => r.row))}` : null;
}

/**
 * review.md: title, the engine that wrote it, overview, a Mermaid mindmap of the taxonomy, one
 * section per category, the table of quantitative claims and the open problems. Nothing
 * run-specific: the same draft and context render to the same bytes.
 */
export function renderReviewMarkdown(draft: ReviewDraft, ctx: { papers: Paper[]; annotations: Annotation[]; taxonomy: Taxonomy }): string {
  const parts: string[] = [`# ${draft.title.trim()}`, `_${ENGINE_LINE[draft.engine]}_`];
  if (draft.topic) parts.push(`**Topic:** ${draft.topic.trim()}`);
  if (draft.overview.trim()) parts.push(block('Overview', draft.overview));
  const inTaxonomy = ctx.taxonomy.categories.reduce((n, c) => n + c.paperIds.length, 0);
  if (ctx.taxonomy.categories.some((c) => c.paperIds.length > 0)) {
    const root = draft.topic ? draft.topic : `${inTaxonomy} papers`;
    parts.push(block('Taxonomy', ['```mermaid', renderMermaidMindmap(ctx.taxonomy, ctx.annotations, root), '```'].join('\n')));
  }
  for (const section of draft.sections) {
    if (section.body.trim()) parts.push(block(section.heading, section.body));
  }
  const table = quantitativeClaims(draft, ctx);
  if (table) parts.push(block('Quantitative claims', table));
  if (draft.openProblems.trim()) parts.push(block('Open problems', draft.openProblems));
  return `${parts.join('\n\n')}\n`;
}
