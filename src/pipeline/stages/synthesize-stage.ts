import type { Paper } from '../../corpus/paper.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../../review/annotation.js';
import type { StageContext } from '../../review/engine.js';
import type { ReviewDraft, ReviewSection } from '../../review/review-draft.js';
import { ModelRequestError } from '../../model/model-errors.js';
import { isContextOverflow } from './guarded-gateway.js';
import { OverviewSchema } from './reply-schemas.js';
import { mayDraftOffline } from './section-fallback.js';
import type { ModelStageDeps } from './model-stage-deps.js';
import { fitSectionDrafts } from './overview-input.js';
import { writeSection } from './write-section.js';

interface SynthesisInput {
  papers: Paper[];
  annotations: Annotation[];
  taxonomy: Taxonomy;
  topic?: string;
}

/**
 * One section per category, written by the model from the papers' annotations (a category too
 * large for the context window is written in parts, then merged), then the overview and open
 * problems from the sections. A section whose reply is rejected is drafted by the offline engine
 * instead, and says so in its text.
 */
export async function synthesizeWithModel(deps: ModelStageDeps, input: SynthesisInput, ctx: StageContext): Promise<ReviewDraft> {
  const papers = new Map(input.papers.map((p) => [p.id, p]));
  const annotations = new Map(input.annotations.map((a) => [a.paperId, a]));
  const total = input.taxonomy.categories.length + 1;
  let done = 0;
  const topic = input.topic ?? 'the whole corpus';

  const sections = await Promise.all(
    input.taxonomy.categories.map(async (category): Promise<ReviewSection> => {
      const section = await writeSection(deps, { category, papers, annotations, topic }, ctx).catch(async (err: Error) => {
        if (!mayDraftOffline(err)) throw err;
        ctx.warn(`section "${category.name}": ${err.message}; drafted by the offline engine instead`);
        return offlineSection(input, category);
      });
      ctx.progress(++done, total, 0);
      return section;
    }),
  );

  const messages = await fitSectionDrafts(deps, sections, (drafts) => renderPrompt(deps.prompts.overview, { topic, sections: drafts }));
  const result = await deps.gateway.structured({
    stage: 'synthesize',
    schemaName: 'overview',
    schema: OverviewSchema,
    messages,
    sample: deps.sample,
    signal: ctx.signal,
  }).catch((err: unknown) => {
    // A request the endpoint rejected (too long, malformed) costs the overview, not the run.
    if (!(err instanceof ModelRequestError) && !isContextOverflow(err)) throw err;
    return { ok: false as const, kind: 'request', error: (err as Error).message };
  });
  ctx.progress(++done, total, 0);
  let overview: string;
  let openProblems: string;
  if (result.ok) {
    ({ overview, openProblems } = result.value);
  } else {
    ctx.warn(`overview reply rejected (${result.kind}: ${result.error}); drafted by the offline engine instead`);
    const offline = (await offlineEngine()).synthesizeOffline(input);
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

/** The offline engine drafts what the model's replies could not: loaded only then. */
function offlineEngine(): Promise<typeof import('../../offline/synthesize.js')> {
  return import('../../offline/synthesize.js');
}

async function offlineSection(input: SynthesisInput, category: TaxonomyCategory): Promise<ReviewSection> {
  const draft = (await offlineEngine()).synthesizeOffline({ ...input, taxonomy: { ...input.taxonomy, categories: [category] } });
  const section = draft.sections[0] ?? { categoryId: category.id, heading: category.name, body: '' };
  return { ...section, body: `${section.body}\n\n_(Drafted by the offline engine: the model's reply was rejected.)_` };
}
