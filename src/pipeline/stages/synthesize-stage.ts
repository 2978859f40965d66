import type { Paper } from '../../corpus/paper.js';
import { synthesizeOffline } from '../../offline/synthesize.js';
import { paperBlocks, type PaperBlockFields } from '../../prompts/paper-block.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../../review/annotation.js';
import type { StageContext } from '../../review/engine.js';
import type { ReviewDraft, ReviewSection } from '../../review/review-draft.js';
import { OverviewSchema, SectionSchema } from './reply-schemas.js';
import { mayDraftOffline, SectionRejectedError } from './section-fallback.js';
import type { ModelStageDeps } from './model-stage-deps.js';

interface SynthesisInput {
  papers: Paper[];
  annotations: Annotation[];
  taxonomy: Taxonomy;
  topic?: string;
}

/**
 * One section per category, written by the model from the papers' annotations, then the overview
 * and open problems from the sections. A section whose reply is rejected is drafted by the offline
 * engine instead, and says so in its text.
 */
export async function synthesizeWithModel(deps: ModelStageDeps, input: SynthesisInput, ctx: StageContext): Promise<ReviewDraft> {
  const papers = new Map(input.papers.map((p) => [p.id, p]));
  const annotations = new Map(input.annotations.map((a) => [a.paperId, a]));
  const total = input.taxonomy.categories.length + 1;
  let done = 0;
  const topic = input.topic ?? 'the whole corpus';

  const sections = await Promise.all(
    input.taxonomy.categories.map(async (category): Promise<ReviewSection> => {
      const section = await writeSection(deps, category, papers, annotations, topic, ctx).catch((err: Error) => {
        if (!mayDraftOffline(err)) throw err;
        ctx.warn(`section "${category.name}": ${err.message}; drafted by the offline engine instead`);
        return offlineSection(input, category);
      });
      ctx.progress(++done, total, 0);
      return section;
    }),
  );

  const drafts = sections.map((s) => `## ${s.heading}\n\n${s.body}`).join('\n\n');
  const result = await deps.gateway.structured({
    stage: 'synthesize',
    schemaName: 'overview',
    schema: OverviewSchema,
    messages: renderPrompt(deps.prompts.overview, { topic, sections: drafts }),
    sample: deps.sample,
    signal: ctx.signal,
  });
  ctx.progress(++done, total, 0);
  let overview: string;
  let openProblems: string;
  if (result.ok) {
    ({ overview, openProblems } = result.value);
  } else {
    ctx.warn(`overview reply rejected (${result.kind}: ${result.error}); drafted by the offline engine instead`);
    const offline = synthesizeOffline(input);
    overview = `${offline.overview}\n\n_(Drafted by the offline engine: the model's reply was rejected.)_`;
    openProblems = offline.openProblems;
  }
  return {
    title: input.topic ? `A review of ${input.topic}` : 'A review of the corpus',
    ...(input.topic ? { topic: input.topic } : {}),
    overview: overview.trim(),
    sections,
    openProblems: openProblems.trim(),
    engine: 'model',
  };
}

async function writeSection(
  deps: ModelStageDeps,
  category: TaxonomyCategory,
  papers: Map<string, Paper>,
  annotations: Map<string, Annotation>,
  topic: string,
  ctx: StageContext,
): Promise<ReviewSection> {
  const blocks = category.paperIds.flatMap((id): PaperBlockFields[] => {
    const p = papers.get(id);
    if (!p) return [];
    const a = annotations.get(id);
    const ok = a?.status === 'ok';
    const claims = ok ? a.claims.map((c) => `- ${c.text} (quote: "${c.quote}")`).join('\n') : '';
    if (!ok) return [{ id: p.id, key: p.key, title: p.title, abstract: p.abstract }];
    const extra = { contribution: a.contributionType ?? '', method: a.methodSummary, problem: a.problem, claims: claims || '(none)' };
    return [{ id: p.id, key: p.key, title: p.title, extra }];
  });
  const result = await deps.gateway.structured({
    stage: 'synthesize',
    schemaName: 'section',
    schema: SectionSchema,
    messages: renderPrompt(deps.prompts.synthesize, {
      topic,
      category: category.name,
      definition: category.definition,
      papers: paperBlocks(blocks),
    }),
    sample: deps.sample,
    signal: ctx.signal,
  });
  if (!result.ok) throw new SectionRejectedError(`reply rejected (${result.kind}: ${result.error})`);
  return { categoryId: category.id, heading: category.name, body: result.value.body.trim() };
}

function offlineSection(input: SynthesisInput, category: TaxonomyCategory): ReviewSection {
  const draft = synthesizeOffline({ ...input, taxonomy: { ...input.taxonomy, categories: [category] } });
  const section = draft.sections[0] ?? { categoryId: category.id, heading: category.name, body: '' };
  return { ...section, body: `${section.body}\n\n_(Drafted by the offline engine: the model's reply was rejected.)_` };
}
