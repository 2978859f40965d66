import type { Paper } from '../../corpus/paper.js';
import { renderPrompt } from '../../prompts/prompt-file.js';
import type { Annotation, Taxonomy, TaxonomyCategory } from '../../review/annotation.js';
import type { StageContext } from '../../review/engine.js';
import type { FailedPart, ReviewDraft, ReviewSection } from '../../review/review-draft.js';
import { citedKeys } from '../../verify/citation-keys.js';
import { askToCite, citesAPaper, cleanModelProse, proseKeys } from './model-prose.js';
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
 * instead, and says so in its text. A section or overview that cites no paper, even when asked
 * again with the reason, is a failed part of the review: drafted by the offline engine, said so in
 * its text, and named in `failedParts` (the run then ends with failed items).
 */
export async function synthesizeWithModel(deps: ModelStageDeps, input: SynthesisInput, ctx: StageContext): Promise<ReviewDraft> {
  const papers = new Map(input.papers.map((p) => [p.id, p]));
  const annotations = new Map(input.annotations.map((a) => [a.paperId, a]));
  const total = input.taxonomy.categories.length + 1;
  let done = 0;
  const topic = input.topic ?? 'the whole corpus';
  const keys = proseKeys(input.papers);
  const failedParts: FailedPart[] = [];

  const sections = await Promise.all(
    input.taxonomy.categories.map(async (category): Promise<ReviewSection> => {
      const section = await writeSection(deps, { category, papers, annotations, topic, keys }, ctx).catch(async (err: Error) => {
        if (!mayDraftOffline(err)) throw err;
        ctx.warn(`section "${category.name}": ${err.message}; drafted by the offline engine instead`);
        return offlineSection(input, category);
      });
      ctx.progress(++done, total, 0);
      if (category.paperIds.length === 0 || citesAPaper(section.body, keys)) return section;
      failedParts.push({ part: category.id, heading: category.name, reason: UNCITED });
      ctx.warn(`section "${category.name}" failed: ${UNCITED}; drafted by the offline engine instead`);
      return offlineSection(input, category, UNCITED);
    }),
  );

  const messages = await fitSectionDrafts(deps, sections, (drafts) => renderPrompt(deps.prompts.overview, { topic, sections: drafts }));
  const ask = (m: typeof messages) =>
    deps.gateway.structured({ stage: 'synthesize', schemaName: 'overview', schema: OverviewSchema, messages: m, sample: deps.sample, signal: ctx.signal }).catch((err: unknown) => {
      // A request the endpoint rejected (too long, malformed) costs the overview, not the run.
      if (!(err instanceof ModelRequestError) && !isContextOverflow(err)) throw err;
      return { ok: false as const, kind: 'request', error: (err as Error).message, raw: '' };
    });
  const clean = (v: { overview: string; openProblems: string }) => ({ overview: cleanModelProse(v.overview, keys), openProblems: cleanModelProse(v.openProblems, keys) });
  // An overview of no paper (every category empty) has nothing to cite.
  const anyPaper = input.taxonomy.categories.some((c) => c.paperIds.length > 0);
  const cites = (v: { overview: string; openProblems: string }) => !anyPaper || citesAPaper(`${v.overview}\n${v.openProblems}`, keys);
  let result = await ask(messages);
  if (result.ok && !cites(clean(result.value))) {
    ctx.warn(`the overview the model wrote cited no paper; asked again with the reason`);
    const example = sections.flatMap((sec) => citedKeys(sec.body)).filter((k) => keys.keys.has(k));
    const again = await ask(askToCite(messages, result.raw, example, 'overview'));
    if (again.ok) result = again;
  }
  ctx.progress(++done, total, 0);
  let overview: string;
  let openProblems: string;
  if (result.ok && cites(clean(result.value))) {
    ({ overview, openProblems } = clean(result.value));
  } else {
    const why = result.ok ? UNCITED : `the model's reply was rejected`;
    if (result.ok) {
      failedParts.push({ part: 'overview', heading: 'Overview', reason: UNCITED });
      ctx.warn(`the overview failed: ${UNCITED}; drafted by the offline engine instead`);
    } else {
      ctx.warn(`overview reply rejected (${result.kind}: ${result.error}); drafted by the offline engine instead`);
    }
    const offline = (await offlineEngine()).synthesizeOffline(input);
    overview = `${offline.overview}\n\n_(Drafted by the offline engine: ${why}.)_`;
    openProblems = offline.openProblems;
  }
  return {
    ...(failedParts.length > 0 ? { failedParts: sortParts(failedParts, input.taxonomy.categories) } : {}),
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

async function offlineSection(input: SynthesisInput, category: TaxonomyCategory, why = `the model's reply was rejected`): Promise<ReviewSection> {
  const draft = (await offlineEngine()).synthesizeOffline({ ...input, taxonomy: { ...input.taxonomy, categories: [category] } });
  const section = draft.sections[0] ?? { categoryId: category.id, heading: category.name, body: '' };
  return { ...section, body: `${section.body}\n\n_(Drafted by the offline engine: ${why}.)_` };
}

/** Why a part failed when the model's prose cited nothing. */
const UNCITED = 'the model\'s text cited no paper, even when asked again';

/** Failed parts in the order of the review (sections finish in any order): the sections, then the overview. */
function sortParts(parts: FailedPart[], categories: readonly TaxonomyCategory[]): FailedPart[] {
  const order = new Map(categories.map((c, i) => [c.id, i]));
  return [...parts].sort((a, b) => (order.get(a.part) ?? categories.length) - (order.get(b.part) ?? categories.length));
}
