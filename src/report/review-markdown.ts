import type { Paper } from '../corpus/paper.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewDraft } from '../review/review-draft.js';
import { markdownBlock, markdownInline } from '../format/markdown-text.js';
import { claimRows, claimsTable } from './claims-table.js';
import { citedKeys } from '../verify/citation-keys.js';
import { renderMermaidMindmap } from './mermaid.js';

const ENGINE_LINE: Record<ReviewDraft['engine'], string> = {
  offline: "Drafted by litrev's offline extractive engine (no language model): sentences are quoted or condensed from the abstracts.",
  model: 'Drafted by a language model from the papers’ annotations; every citation, number and quote was then checked against the abstracts (see verification.json).',
};

/** A section: its heading on one line, its body as safe Markdown prose (see markdown-text.ts). */
function block(heading: string, body: string): string {
  return `## ${markdownInline(heading)}\n\n${markdownBlock(body.trim())}`;
}

/** A `### name` line the offline engine writes for a subcategory: its own structure, not prose. */
const SUBHEADING = /^### (.+)$/;

/**
 * A section of the offline engine's draft: its `### subcategory` lines stay headings (their names made safe);
 * everything else is prose, as in block(). Model prose never opens a heading of its own.
 */
function sectionWithSubheadings(heading: string, body: string): string {
  const out: string[] = [`## ${markdownInline(heading)}`];
  let prose: string[] = [];
  const flush = () => {
    if (prose.join('').trim()) out.push(markdownBlock(prose.join('\n').trim()));
    prose = [];
  };
  for (const line of body.trim().split('\n')) {
    const m = SUBHEADING.exec(line);
    if (!m) {
      prose.push(line);
      continue;
    }
    flush();
    out.push(`### ${markdownInline(m[1]!)}`);
  }
  flush();
  return out.join('\n\n');
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
    parts.push(`## Taxonomy\n\n${['```mermaid', renderMermaidMindmap(ctx.taxonomy, root), '```'].join('\n')}`);
  }
  for (const section of draft.sections) {
    if (!section.body.trim()) continue;
    parts.push(draft.engine === 'offline' ? sectionWithSubheadings(section.heading, section.body) : block(section.heading, section.body));
  }
  const table = quantitativeClaims(draft, ctx);
  // The table's cells are escaped where they are made (claims-table.ts).
  if (table) parts.push(`## Quantitative claims\n\n${table}`);
  if (draft.openProblems.trim()) parts.push(block('Open problems', draft.openProblems));
  return `${parts.join('\n\n')}\n`;
}
