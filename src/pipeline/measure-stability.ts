import type { Paper } from '../corpus/paper.js';
import { fleissKappa } from '../runs/agreement.js';
import type { RunManifest } from '../runs/manifest.js';
import type { Annotation, Taxonomy } from '../review/annotation.js';
import type { ReviewEngine, StageContext } from '../review/engine.js';
import type { ReviewEvent } from './events.js';

/**
 * --repeat N: classify the same papers again with N-1 further samples (separate cache entries),
 * assign them to the run's taxonomy, and report Fleiss' kappa between the repeats for the
 * contribution type and the primary category.
 */
export async function measureStability(
  engines: ReviewEngine[],
  papers: Paper[],
  first: { annotations: Annotation[]; taxonomy: Taxonomy },
  signal: AbortSignal,
  emit: (e: ReviewEvent) => void,
): Promise<NonNullable<RunManifest['stability']>> {
  const ctx: StageContext = {
    signal,
    progress: () => {},
    paperFailed: (paperId, reason) => emit({ type: 'paper-failed', stage: 'classify', paperId, reason }),
    warn: (message) => emit({ type: 'warning', message }),
  };
  const categories = first.taxonomy.categories.map(({ id, name, definition }) => ({ id, name, definition }));
  const runs = [{ annotations: first.annotations, taxonomy: first.taxonomy }];
  for (const engine of engines) {
    const annotations = await engine.classify(papers, ctx);
    const taxonomy = await engine.applyTaxonomy(papers, annotations, categories, ctx);
    runs.push({ annotations, taxonomy });
  }
  const typeOf = runs.map((r) => new Map(r.annotations.map((a) => [a.paperId, a.status === 'ok' ? a.contributionType : null])));
  const categoryOf = runs.map((r) => {
    const m = new Map<string, string>();
    for (const c of r.taxonomy.categories) for (const id of c.paperIds) m.set(id, c.name);
    return m;
  });
  const ratings = (maps: Map<string, string | null>[]) =>
    papers.map((p) => maps.map((m) => m.get(p.id)).filter((v): v is string => typeof v === 'string'));
  return {
    repeats: runs.length,
    contributionTypeKappa: fleissKappa(ratings(typeOf)),
    categoryKappa: fleissKappa(ratings(categoryOf)),
  };
}
